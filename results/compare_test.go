package results

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// compareRecords returns made-up records of five experiments with 100 labels, seeds (1, 1),
// (2, 2) and (3, 3), 300 epochs, errors out of 10,000 (none from a real run):
//
//   - synthetic-supervised-100 (the baseline): 2210, 2050, 2302 errors;
//   - synthetic-ssgan-100 (the reference): 95, 88, 101, and a diverged run with seeds (4, 4);
//   - synthetic-entmin-100: 1500, 1420, 1610;
//   - synthetic-vat-100: 140, 131, 152;
//   - synthetic-pseudolabel-100: 1900, 1750, its third seed missing.
func compareRecords() []Record {
	rec := func(exp, method string, seed uint64, errs, best int) Record {
		return Record{
			Experiment: exp, Method: method, Labels: 100, ModelSeed: seed, DataSeed: seed,
			Status: StatusFinished, Epochs: 300, Iterations: 300 * 600, TestSize: 10000,
			FinalTestErrors: errs, FinalAccuracy: 1 - float64(errs)/10000, BestTestErrors: best, BestEpoch: 250,
			ConfigHash: "synthetic-" + exp,
		}
	}
	diverged := rec("synthetic-ssgan-100", "ssgan", 4, 9000, 9000)
	diverged.Status, diverged.Epochs = StatusDiverged, 12
	return []Record{
		rec("synthetic-supervised-100", "supervised", 1, 2210, 2150),
		rec("synthetic-supervised-100", "supervised", 2, 2050, 2001),
		rec("synthetic-supervised-100", "supervised", 3, 2302, 2260),
		rec("synthetic-ssgan-100", "ssgan", 1, 95, 90),
		rec("synthetic-ssgan-100", "ssgan", 2, 88, 80),
		rec("synthetic-ssgan-100", "ssgan", 3, 101, 97),
		diverged,
		rec("synthetic-entmin-100", "entmin", 1, 1500, 1450),
		rec("synthetic-entmin-100", "entmin", 2, 1420, 1400),
		rec("synthetic-entmin-100", "entmin", 3, 1610, 1580),
		rec("synthetic-vat-100", "vat", 1, 140, 133),
		rec("synthetic-vat-100", "vat", 2, 131, 125),
		rec("synthetic-vat-100", "vat", 3, 152, 140),
		rec("synthetic-pseudolabel-100", "pseudolabel", 1, 1900, 1850),
		rec("synthetic-pseudolabel-100", "pseudolabel", 2, 1750, 1700),
	}
}

const (
	compareBaseline  = "synthetic-supervised-100"
	compareReference = "synthetic-ssgan-100"
)

func TestCompareRenderGolden(t *testing.T) {
	// The golden files were written by this code with -update from compareRecords plus the
	// published rows, then read and checked by hand against the numbers of TestCompareBuild.
	c, err := BuildComparison(compareRecords(), compareBaseline, compareReference)
	require.NoError(t, err)
	for _, format := range ComparisonFormats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, RenderComparison(&buf, c, format))
			checkGolden(t, "compare."+format+".golden", buf.Bytes())
		})
	}
}

func TestCompareHolm(t *testing.T) {
	// Worked by hand. Holm's step-down correction of m p-values: sort them ascending, multiply
	// the i-th smallest (i from 1) by m-i+1, cap at 1, and take the running maximum so the
	// adjusted values keep the order of the raw ones. For {0.01, 0.04, 0.03, 0.005} (m = 4):
	// 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max(0.06, 0.04) = 0.06, so
	// in input order {0.03, 0.06, 0.06, 0.02}. The last case is the baseline column of
	// compareRecords (ssgan, entmin, vat, pseudolabel): vat's 0.0010936·4 = 0.0043742 carries over
	// ssgan's 0.0011136·3 and entmin's 0.0012773·2; pseudolabel's 0.0104355·1 stays.
	tests := []struct {
		name string
		p    []float64
		want []float64
	}{
		{name: "none", p: nil, want: []float64{}},
		{name: "one is unchanged", p: []float64{0.03}, want: []float64{0.03}},
		{name: "worked example", p: []float64{0.01, 0.04, 0.03, 0.005}, want: []float64{0.03, 0.06, 0.06, 0.02}},
		{name: "capped at 1", p: []float64{0.5, 0.6}, want: []float64{1, 1}},
		{name: "largest stays", p: []float64{0.3, 0.02, 0.9}, want: []float64{0.6, 0.06, 0.9}},
		{name: "ties", p: []float64{0.01, 0.01}, want: []float64{0.02, 0.02}},
		{name: "fixture baseline column", p: []float64{0.0011135732714893098, 0.0012772700072471999, 0.001093558694546859, 0.01043545495261744},
			want: []float64{0.004374234778187436, 0.004374234778187436, 0.004374234778187436, 0.01043545495261744}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := holm(tc.p)
			require.Len(t, got, len(tc.want))
			assert.InDeltaSlice(t, tc.want, got, 1e-15)
			for i := range got {
				assert.GreaterOrEqual(t, got[i], tc.p[i], "never below the raw p")
				assert.LessOrEqual(t, got[i], 1.0)
				for j := range got {
					if tc.p[i] < tc.p[j] {
						assert.LessOrEqual(t, got[i], got[j], "monotone in the raw p")
					}
				}
			}
		})
	}
}

// wantDelta is the expected PairedDelta of a row: own, or a test (hasTest) or neither (note).
type wantDelta struct {
	own                 bool
	note                string
	pairs               int
	diff, t, df, p, hol float64
}

func checkDelta(t *testing.T, want wantDelta, got PairedDelta) {
	t.Helper()
	assert.Equal(t, want.own, got.Own)
	assert.Equal(t, want.pairs, got.Pairs)
	if want.own || want.note != "" {
		assert.Nil(t, got.Test)
		assert.True(t, math.IsNaN(got.HolmP))
		if want.note != "" {
			assert.Contains(t, got.Note, want.note)
		}
		return
	}
	require.NotNil(t, got.Test, got.Note)
	assert.InDelta(t, want.diff, got.Test.MeanDiff, 1e-9)
	assert.InDelta(t, want.t, got.Test.T, 1e-9)
	assert.InDelta(t, want.df, got.Test.DF, 1e-12)
	assert.InDelta(t, want.p, got.Test.P, 1e-12)
	assert.InDelta(t, want.hol, got.HolmP, 1e-12)
}

func TestCompareBuild(t *testing.T) {
	// Means, standard deviations and the paired t of the differences were computed by hand with
	// Python's statistics module; p from the closed forms of Student's t: two-sided
	// p = 1 - |t|/√(2+t²) with 2 degrees of freedom (3 pairs), 1 - (2/π)·atan|t| with 1 (2
	// pairs). Holm as worked in TestCompareHolm; the reference column: supervised 0.0011136·4 =
	// 0.0044543 carries over entmin's 0.0013140·3, vat's 0.0026806·2 = 0.0053611, pseudolabel
	// 0.0262432·1.
	c, err := BuildComparison(compareRecords(), compareBaseline, compareReference)
	require.NoError(t, err)
	assert.Equal(t, "mnist", c.Dataset)
	assert.Equal(t, 100, c.Labels)
	assert.Empty(t, c.LeftOut)
	tests := []struct {
		exp                 string
		finished, diverged  int
		mean, std, best     float64
		vsBase, vsReference wantDelta
	}{
		{exp: "synthetic-ssgan-100", finished: 3, diverged: 1, mean: 94.66666666666667, std: 6.506407098647712, best: 89,
			vsBase:      wantDelta{pairs: 3, diff: -2092.6666666666665, t: -29.941782482660805, df: 2, p: 0.0011135732714893098, hol: 0.004374234778187436},
			vsReference: wantDelta{own: true}},
		{exp: "synthetic-vat-100", finished: 3, mean: 141, std: 10.535653752852738, best: 132.66666666666666,
			vsBase:      wantDelta{pairs: 3, diff: -2046.3333333333333, t: -30.214995143841342, df: 2, p: 0.001093558694546859, hol: 0.004374234778187436},
			vsReference: wantDelta{pairs: 3, diff: 46.333333333333336, t: 19.275831818826713, df: 2, p: 0.0026805553654963843, hol: 0.005361110730992769}},
		{exp: "synthetic-entmin-100", finished: 3, mean: 1510, std: 95.39392014169457, best: 1476.6666666666667,
			vsBase:      wantDelta{pairs: 3, diff: -677.3333333333334, t: -27.953893043016546, df: 2, p: 0.0012772700072471999, hol: 0.004374234778187436},
			vsReference: wantDelta{pairs: 3, diff: 1415.3333333333333, t: 27.559229723295957, df: 2, p: 0.0013140417735476584, hol: 0.004454293085957239}},
		{exp: "synthetic-pseudolabel-100", finished: 2, mean: 1825, std: 106.06601717798213, best: 1775,
			vsBase:      wantDelta{pairs: 2, diff: -305, t: -61, df: 1, p: 0.01043545495261744, hol: 0.01043545495261744},
			vsReference: wantDelta{pairs: 2, diff: 1733.5, t: 24.244755244755243, df: 1, p: 0.0262431656104698, hol: 0.0262431656104698}},
		{exp: "synthetic-supervised-100", finished: 3, mean: 2187.3333333333335, std: 127.51993308237475, best: 2137,
			vsBase:      wantDelta{own: true},
			vsReference: wantDelta{pairs: 3, diff: 2092.6666666666665, t: 29.941782482660805, df: 2, p: 0.0011135732714893098, hol: 0.004454293085957239}},
	}
	require.Len(t, c.Rows, len(tests))
	for i, tc := range tests {
		t.Run(tc.exp, func(t *testing.T) {
			r := c.Rows[i]
			assert.Equal(t, tc.exp, r.Experiment, "sorted by mean error")
			assert.Equal(t, 300, r.Epochs)
			assert.Equal(t, tc.finished, r.Finished)
			assert.Equal(t, tc.diverged, r.Diverged)
			assert.Equal(t, tc.finished, r.Errors.N)
			assert.InDelta(t, tc.mean, r.Errors.Mean, 1e-9)
			assert.InDelta(t, tc.std, r.Errors.Std, 1e-9)
			assert.InDelta(t, tc.best, r.Best.Mean, 1e-9)
			assert.Equal(t, compareBaseline, r.VsBaseline.Against)
			assert.Equal(t, compareReference, r.VsReference.Against)
			checkDelta(t, tc.vsBase, r.VsBaseline)
			checkDelta(t, tc.vsReference, r.VsReference)
		})
	}
	var published []string
	for _, r := range c.Published {
		published = append(published, r.Experiment)
	}
	assert.Equal(t, []string{"dai2017-badgan", "salimans2016-ssgan", "rasmus2015-ladder", "miyato2018-vat",
		"springenberg2016-catgan", "rasmus2015-mlp-baseline"}, published, "MNIST, 100 labels, by error")
}

// rowOf returns the row of c of experiment exp and length epochs, failing the test without one.
func rowOf(t *testing.T, c *Comparison, exp string, epochs int) ComparisonRow {
	t.Helper()
	for _, r := range c.Rows {
		if r.Experiment == exp && r.Epochs == epochs {
			return r
		}
	}
	require.FailNow(t, "no row", "%s at %d epochs", exp, epochs)
	return ComparisonRow{}
}

func TestCompareBuildPairing(t *testing.T) {
	edit := func(exp string, f func(*Record)) func([]Record) []Record {
		return func(recs []Record) []Record {
			for i := range recs {
				if recs[i].Experiment == exp {
					f(&recs[i])
				}
			}
			return recs
		}
	}
	rec := func(exp, method string, seed uint64, epochs, errs int) Record {
		return Record{Experiment: exp, Method: method, Labels: 100, ModelSeed: seed, DataSeed: seed, Status: StatusFinished,
			Epochs: epochs, TestSize: 10000, FinalTestErrors: errs, BestTestErrors: errs, ConfigHash: exp}
	}
	tests := []struct {
		name   string
		edit   func([]Record) []Record
		exp    string
		epochs int
		check  func(t *testing.T, r ComparisonRow, c *Comparison)
	}{
		{
			name: "one seed pair in common",
			edit: edit("synthetic-pseudolabel-100", func(r *Record) {
				if r.DataSeed == 2 {
					r.ModelSeed = 9 // same data seed, another model seed: no pair
				}
			}),
			exp: "synthetic-pseudolabel-100", epochs: 300,
			check: func(t *testing.T, r ComparisonRow, c *Comparison) {
				checkDelta(t, wantDelta{pairs: 1, note: "1 seed pair in common, a test needs 2"}, r.VsBaseline)
				// Three tests are left in the baseline column: vat's 0.0010936·3 carries over.
				assert.InDelta(t, 3*0.001093558694546859, rowOf(t, c, "synthetic-vat-100", 300).VsBaseline.HolmP, 1e-15)
			},
		},
		{
			name: "no seed pair in common",
			edit: edit("synthetic-entmin-100", func(r *Record) { r.ModelSeed += 10 }),
			exp:  "synthetic-entmin-100", epochs: 300,
			check: func(t *testing.T, r ComparisonRow, _ *Comparison) {
				checkDelta(t, wantDelta{note: "0 seed pairs in common, a test needs 2"}, r.VsBaseline)
			},
		},
		{
			name: "equal differences",
			edit: func(recs []Record) []Record {
				for i, r := range recs {
					if r.Experiment == "synthetic-vat-100" {
						recs[i].FinalTestErrors = []int{0, 210, 50, 302}[r.DataSeed] // the baseline's minus 2000
					}
				}
				return recs
			},
			exp: "synthetic-vat-100", epochs: 300,
			check: func(t *testing.T, r ComparisonRow, _ *Comparison) {
				checkDelta(t, wantDelta{pairs: 3, note: "all 3 differences are equal (-2000)"}, r.VsBaseline)
			},
		},
		{
			name: "shorter run against the longest baseline",
			edit: func(recs []Record) []Record {
				return append(recs, rec("synthetic-vat-100", "vat", 1, 100, 150), rec("synthetic-vat-100", "vat", 2, 100, 140))
			},
			exp: "synthetic-vat-100", epochs: 100,
			check: func(t *testing.T, r ComparisonRow, c *Comparison) {
				// 150-2210 and 140-2050: -2060 and -1910, mean -1985, std 75·√2, standard error 75,
				// t = -1985/75, 1 df.
				assert.Equal(t, 300, r.VsBaseline.AgainstEpochs)
				checkDelta(t, wantDelta{pairs: 2, diff: -1985, t: -1985.0 / 75, df: 1, p: 1 - 2/math.Pi*math.Atan(1985.0/75),
					hol: r.VsBaseline.HolmP}, r.VsBaseline)
				assert.Len(t, c.Rows, 6, "the other length is another row")
				assert.Contains(t, deltaText(r.VsBaseline, RoleBaseline, r.Epochs, " "), "n=2, vs 300 epochs)")
			},
		},
		{
			name: "baseline of the same length",
			edit: func(recs []Record) []Record {
				return append(recs, rec("synthetic-vat-100", "vat", 1, 100, 150), rec("synthetic-vat-100", "vat", 2, 100, 140),
					rec("synthetic-supervised-100", "supervised", 1, 100, 2500), rec("synthetic-supervised-100", "supervised", 2, 100, 2600))
			},
			exp: "synthetic-vat-100", epochs: 100,
			check: func(t *testing.T, r ComparisonRow, c *Comparison) {
				assert.Equal(t, 100, r.VsBaseline.AgainstEpochs)
				assert.InDelta(t, -2405, r.VsBaseline.Test.MeanDiff, 1e-9)
				assert.True(t, rowOf(t, c, "synthetic-supervised-100", 100).VsBaseline.Own, "no row of the baseline is compared with it")
			},
		},
		{
			name: "no baseline of the engine",
			edit: edit("synthetic-vat-100", func(r *Record) { r.Engine = EngineCounter }),
			exp:  "synthetic-vat-100", epochs: 300,
			check: func(t *testing.T, r ComparisonRow, _ *Comparison) {
				assert.Equal(t, EngineCounter, r.Engine)
				checkDelta(t, wantDelta{note: "no run of engine " + EngineCounter}, r.VsBaseline)
				checkDelta(t, wantDelta{note: "no run of engine " + EngineCounter}, r.VsReference)
			},
		},
		{
			name: "unfinished runs only",
			edit: func(recs []Record) []Record {
				r := rec("synthetic-mixup-100", "mixup", 1, 3, 0)
				r.Status = StatusRunning
				return append(recs, r)
			},
			exp: "synthetic-mixup-100", epochs: -1,
			check: func(t *testing.T, r ComparisonRow, c *Comparison) {
				assert.Equal(t, 1, r.Running)
				assert.True(t, math.IsNaN(r.Errors.Mean))
				assert.Equal(t, r.Experiment, c.Rows[len(c.Rows)-1].Experiment, "sorted last")
				checkDelta(t, wantDelta{note: "no finished run"}, r.VsBaseline)
			},
		},
		{
			name: "errors scaled to 10,000",
			edit: edit("synthetic-vat-100", func(r *Record) {
				r.TestSize, r.FinalTestErrors, r.BestTestErrors = 5000, r.FinalTestErrors/2, -1 // -1: no best recorded
			}),
			exp: "synthetic-vat-100", epochs: 300,
			check: func(t *testing.T, r ComparisonRow, _ *Comparison) {
				assert.InDelta(t, (140+130+152)/3.0, r.Errors.Mean, 1e-9) // 70, 65, 76 out of 5,000
				assert.Equal(t, 0, r.Best.N)
				assert.Equal(t, notAvailable, meanCell(r.Best.Mean))
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := BuildComparison(tc.edit(compareRecords()), compareBaseline, compareReference)
			require.NoError(t, err)
			tc.check(t, rowOf(t, c, tc.exp, tc.epochs), c)
		})
	}
}

func TestCompareBuildErrors(t *testing.T) {
	const known = "(experiments with finished runs: synthetic-entmin-100, synthetic-pseudolabel-100, synthetic-ssgan-100, synthetic-supervised-100, synthetic-vat-100)"
	at50 := func(recs []Record) []Record {
		for _, r := range recs[:3] {
			r.Labels = 50
			recs = append(recs, r)
		}
		return recs
	}
	tests := []struct {
		name                string
		recs                []Record
		baseline, reference string
		role                string // "" for an error that is not an *ExperimentError
		want                string
	}{
		{name: "unknown baseline", recs: compareRecords(), baseline: "nope", reference: compareReference, role: RoleBaseline,
			want: `results: compare: baseline "nope" has no finished run ` + known},
		{name: "unknown reference", recs: compareRecords(), baseline: compareBaseline, reference: "nope", role: RoleReference,
			want: `results: compare: reference "nope" has no finished run ` + known},
		{name: "no records", baseline: compareBaseline, role: RoleBaseline,
			want: `results: compare: baseline "synthetic-supervised-100" has no finished run`},
		{name: "reference is the baseline", recs: compareRecords(), baseline: compareBaseline, reference: compareBaseline, role: RoleReference,
			want: `results: compare: reference "synthetic-supervised-100" is the baseline`},
		{name: "baseline on two numbers of labels", recs: at50(compareRecords()), baseline: compareBaseline, role: RoleBaseline,
			want: `results: compare: baseline "synthetic-supervised-100" has runs on two data sets or numbers of labels (mnist with 50, mnist with 100)`},
		{name: "reference on other labels", recs: at50(compareRecords())[3:], baseline: compareBaseline, reference: compareReference, role: RoleReference,
			want: `results: compare: reference "synthetic-ssgan-100" is on mnist with 100 labels, the baseline "synthetic-supervised-100" on mnist with 50`},
		{name: "bad record", recs: append(compareRecords(), Record{Status: StatusFinished}), baseline: compareBaseline,
			want: "results: record with seeds (0, 0) has no experiment name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := BuildComparison(tc.recs, tc.baseline, tc.reference)
			require.EqualError(t, err, tc.want)
			var e *ExperimentError
			if assert.Equal(t, tc.role != "", errors.As(err, &e)) && e != nil {
				assert.Equal(t, tc.role, e.Role)
			}
		})
	}
}

func TestCompareBuildLeftOut(t *testing.T) {
	recs := compareRecords()
	other := func(exp, dataset string, labels int) Record {
		return Record{Experiment: exp, Method: "ssgan", Dataset: dataset, Labels: labels, ModelSeed: 1, DataSeed: 1,
			Status: StatusFinished, Epochs: 5, TestSize: 10000, FinalTestErrors: 700}
	}
	recs = append(recs, other("synthetic-ssgan-50", "mnist", 50), other("synthetic-fashion-100", "fashion-mnist", 100),
		other("synthetic-ssgan-50", "mnist", 50), other("synthetic-fashion-supervised-100", "fashion-mnist", 100))
	recs[len(recs)-1].Method = MethodSupervised
	c, err := BuildComparison(recs, compareBaseline, compareReference)
	require.NoError(t, err)
	assert.Len(t, c.Rows, 5)
	assert.Equal(t, []string{"synthetic-fashion-100", "synthetic-fashion-supervised-100", "synthetic-ssgan-50"}, c.LeftOut)
	var buf bytes.Buffer
	require.NoError(t, RenderComparison(&buf, c, FormatMarkdown))
	assert.Contains(t, buf.String(), "- Left out, on another data set or number of labels than synthetic-supervised-100 (mnist, 100 labels): "+
		"synthetic-fashion-100, synthetic-fashion-supervised-100, synthetic-ssgan-50.")

	// On Fashion-MNIST there is nothing published, and no reference: one Δ column.
	c, err = BuildComparison(recs, "synthetic-fashion-supervised-100", "")
	require.NoError(t, err)
	assert.Empty(t, c.Published)
	require.Len(t, c.Rows, 2)
	checkDelta(t, wantDelta{note: "1 seed pair in common, a test needs 2", pairs: 1}, c.Rows[0].VsBaseline)
	buf.Reset()
	require.NoError(t, RenderComparison(&buf, c, FormatText))
	assert.Contains(t, buf.String(), "Methods on fashion-mnist with 100 labels")
	assert.Equal(t, 1, strings.Count(buf.String(), "Δ vs "))
	assert.Contains(t, buf.String(), "(1 seed pair in common, a test needs 2)")
	assert.NotContains(t, buf.String(), "Published")
}

func TestCompareRenderEngines(t *testing.T) {
	recs := compareRecords()
	for _, r := range recs[:6] { // the baseline and the reference again, trained by the current engine
		r.Engine = EngineCounter
		recs = append(recs, r)
	}
	c, err := BuildComparison(recs, compareBaseline, compareReference)
	require.NoError(t, err)
	require.Len(t, c.Rows, 7)
	counter := rowOf(t, c, "synthetic-ssgan-100", 300)
	for _, r := range c.Rows {
		if r.Experiment == "synthetic-ssgan-100" && r.Engine == EngineCounter {
			counter = r
		}
	}
	assert.Equal(t, EngineCounter, counter.Engine)
	assert.Equal(t, 3, counter.VsBaseline.Pairs, "paired with the baseline of its own engine")
	var buf bytes.Buffer
	require.NoError(t, RenderComparison(&buf, c, FormatMarkdown))
	assert.Contains(t, buf.String(), "| synthetic-vat-100"+EarlierMark+" ")
	assert.Contains(t, buf.String(), "- "+EarlierMark+" trained by the earlier engine")
}

func TestCompareRenderErrors(t *testing.T) {
	c, err := BuildComparison(compareRecords(), compareBaseline, compareReference)
	require.NoError(t, err)
	tests := []struct {
		name   string
		c      *Comparison
		format string
		want   string
	}{
		{name: "latex", c: c, format: FormatLaTeX, want: `results: unknown comparison format "latex" (want one of text, markdown)`},
		{name: "csv", c: c, format: FormatCSV, want: `results: unknown comparison format "csv" (want one of text, markdown)`},
		{name: "nil", format: FormatText, want: "results: render comparison: nil comparison"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.EqualError(t, RenderComparison(&bytes.Buffer{}, tc.c, tc.format), tc.want)
		})
	}
}

func TestCompareReferences(t *testing.T) {
	// The published numbers, in % of the 10,000 test images: VAT 1.36 (no ± given), CatGAN
	// 1.91 ± 0.10, Bad GAN 79.5 ± 9.8 errors = 0.795 ± 0.098, the best during training.
	tests := []struct {
		exp       string
		pct, std  float64
		bestEpoch bool
	}{
		{exp: "miyato2018-vat", pct: 1.36, std: math.NaN()},
		{exp: "springenberg2016-catgan", pct: 1.91, std: 0.10},
		{exp: "dai2017-badgan", pct: 0.795, std: 0.098, bestEpoch: true},
	}
	refs := ComparisonReferences()
	require.Len(t, refs, len(tests))
	for i, tc := range tests {
		t.Run(tc.exp, func(t *testing.T) {
			r := refs[i]
			assert.Equal(t, tc.exp, r.Experiment)
			assert.Equal(t, "mnist", r.Dataset)
			assert.Equal(t, 100, r.Labels)
			assert.InDelta(t, tc.pct, r.ErrorPct, 1e-12)
			if math.IsNaN(tc.std) {
				assert.True(t, math.IsNaN(r.StdPct))
				assert.Equal(t, "136.0", meanStd(r.Errors(), r.StdErrors(), 1))
			} else {
				assert.InDelta(t, tc.std, r.StdPct, 1e-12)
			}
			assert.Equal(t, tc.bestEpoch, r.IsBestEpoch())
			assert.NotEmpty(t, r.Citation)
		})
	}
	for _, r := range References() {
		assert.False(t, r.IsBestEpoch(), r.Experiment)
	}
}
