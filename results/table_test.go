package results

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rowByName returns the measured row of experiment exp, failing the test
// when there is none.
func rowByName(t *testing.T, tbl *Table, exp string) Row {
	t.Helper()
	for _, r := range tbl.Rows {
		if r.Experiment == exp && !r.Published {
			return r
		}
	}
	require.FailNow(t, "no row", exp)
	return Row{}
}

func TestBuildTableRows(t *testing.T) {
	// Expected means, standard deviations, t and df were computed by hand
	// from the synthetic error counts with Python's statistics module
	// (mean, stdev, variance); 1e-9 absorbs float rounding only.
	const tol = 1e-9
	tbl, err := BuildTable(syntheticRecords(), false)
	require.NoError(t, err)
	tests := []struct {
		exp                         string
		finished, diverged, running int
		mean, std                   float64 // error %
		deltaTest                   string  // "" when Delta is nil
		deltaMean, deltaT, deltaDF  float64
		note                        string
	}{
		{exp: "synthetic-ssgan-20", finished: 1, mean: 15, std: math.NaN(), note: "no supervised experiment with 20 labels"},
		{exp: "synthetic-ssgan-50", finished: 2, mean: 2.4, std: 0.848528137423857, deltaTest: TestWelch,
			deltaMean: -18.933333333333334, deltaT: -14.43187062047736, deltaDF: 2.805370351641581},
		{exp: "synthetic-supervised-50", finished: 3, mean: 21.333333333333333, std: 2.0207259421636903, note: "supervised baseline"},
		{exp: "synthetic-ssgan-100", finished: 3, diverged: 1, running: 1, mean: 0.9466666666666667, std: 0.06506407098647712,
			deltaTest: TestPaired, deltaMean: -20.926666666666666, deltaT: -29.941782482660837, deltaDF: 2},
		{exp: "synthetic-supervised-100", finished: 3, mean: 21.873333333333335, std: 1.2751993308237475, note: "supervised baseline"},
		{exp: "synthetic-supervised-60000", finished: 2, mean: 0.8, std: 0.01414213562373095, note: "supervised baseline"},
	}
	require.Len(t, tbl.Rows, len(tests))
	for i, tc := range tests {
		t.Run(tc.exp, func(t *testing.T) {
			assert.Equal(t, tc.exp, tbl.Rows[i].Experiment, "rows sorted by labels then experiment")
			r := rowByName(t, tbl, tc.exp)
			assert.Equal(t, Measured, r.Source)
			assert.Equal(t, tc.finished, r.Finished)
			assert.Equal(t, tc.diverged, r.Diverged)
			assert.Equal(t, tc.running, r.Running)
			assert.Equal(t, tc.finished, r.ErrorPct.N)
			assert.InDelta(t, tc.mean, r.ErrorPct.Mean, tol)
			assert.InDelta(t, 100*tc.mean, r.Errors.Mean, 100*tol)
			if math.IsNaN(tc.std) {
				assert.True(t, math.IsNaN(r.ErrorPct.Std))
				assert.False(t, r.ErrorPct.HasCI())
			} else {
				assert.InDelta(t, tc.std, r.ErrorPct.Std, tol)
			}
			if tc.deltaTest == "" {
				assert.Nil(t, r.Delta)
				assert.Equal(t, tc.note, r.DeltaNote)
				return
			}
			require.NotNil(t, r.Delta)
			assert.Equal(t, tc.deltaTest, r.Delta.Test)
			assert.InDelta(t, tc.deltaMean, r.Delta.MeanDiff, tol)
			assert.InDelta(t, tc.deltaT, r.Delta.T, 1e-7)
			assert.InDelta(t, tc.deltaDF, r.Delta.DF, 1e-7)
		})
	}
}

func TestBuildTableNeverAveragesUnfinished(t *testing.T) {
	// The diverged and running synthetic runs carry 9000 errors; had they
	// been averaged the mean would be far above 1%.
	tbl, err := BuildTable(syntheticRecords(), false)
	require.NoError(t, err)
	r := rowByName(t, tbl, "synthetic-ssgan-100")
	assert.Less(t, r.ErrorPct.Mean, 1.0)
}

func TestBuildTableReference(t *testing.T) {
	tbl, err := BuildTable(nil, true)
	require.NoError(t, err)
	require.Len(t, tbl.Rows, len(References()))
	for i, r := range tbl.Rows {
		assert.True(t, r.Published)
		assert.Contains(t, r.Source, "published: ")
		assert.Nil(t, r.Delta)
		if i > 0 {
			assert.LessOrEqual(t, tbl.Rows[i-1].Labels, r.Labels, "sorted by labels")
		}
	}
	// Salimans et al. 2016, Table 1: 93 ± 6.5 errors with 100 labels.
	var r Row
	for _, row := range tbl.Rows {
		if row.Experiment == "salimans2016-ssgan" && row.Labels == 100 {
			r = row
		}
	}
	require.True(t, r.Published, "Salimans et al. 100-label row")
	assert.InDelta(t, 93, r.Errors.Mean, 1e-9)
	assert.InDelta(t, 6.5, r.Errors.Std, 1e-9)
}

func TestBuildTableDeltaChoice(t *testing.T) {
	// Each case changes the synthetic 100-label supervised runs to move the
	// Δ of synthetic-ssgan-100 between paired, Welch and n/a.
	tests := []struct {
		name     string
		edit     func([]Record) []Record
		wantTest string
		wantNote string
	}{
		{name: "matching seeds: paired", edit: func(rs []Record) []Record { return rs }, wantTest: TestPaired},
		{name: "other model seed: welch", edit: func(rs []Record) []Record {
			for i := range rs {
				if rs[i].Experiment == "synthetic-supervised-100" && rs[i].DataSeed == 2 {
					rs[i].ModelSeed = 20
				}
			}
			return rs
		}, wantTest: TestWelch},
		{name: "missing data seed: welch", edit: func(rs []Record) []Record {
			for i := range rs {
				if rs[i].Experiment == "synthetic-supervised-100" && rs[i].DataSeed == 3 {
					rs[i].Status = StatusDiverged
				}
			}
			return rs
		}, wantTest: TestWelch},
		{name: "two supervised experiments: n/a", edit: func(rs []Record) []Record {
			extra := rs[5]
			extra.Experiment = "synthetic-supervised-100-b"
			return append(rs, extra)
		}, wantNote: "2 supervised experiments with 100 labels"},
		{name: "one supervised seed: welch undefined", edit: func(rs []Record) []Record {
			var out []Record
			for _, r := range rs {
				if r.Experiment != "synthetic-supervised-100" || r.DataSeed == 1 {
					out = append(out, r)
				}
			}
			return out
		}, wantNote: "metrics: Welch t-test needs at least 2 values in b, got 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tbl, err := BuildTable(tc.edit(syntheticRecords()), false)
			require.NoError(t, err)
			r := rowByName(t, tbl, "synthetic-ssgan-100")
			if tc.wantTest == "" {
				assert.Nil(t, r.Delta)
				assert.Equal(t, tc.wantNote, r.DeltaNote)
				return
			}
			require.NotNil(t, r.Delta)
			assert.Equal(t, tc.wantTest, r.Delta.Test)
			assert.Equal(t, "synthetic-supervised-100", r.Delta.Baseline)
		})
	}
}

func TestBuildTableErrors(t *testing.T) {
	base := func() Record {
		return Record{Experiment: "synthetic-x", Method: "ssgan", Labels: 100, Status: StatusFinished, TestSize: 10000, FinalTestErrors: 90}
	}
	tests := []struct {
		name    string
		recs    func() []Record
		wantErr string
	}{
		{name: "no experiment", recs: func() []Record { r := base(); r.Experiment = ""; return []Record{r} },
			wantErr: "results: record with seeds (0, 0) has no experiment name"},
		{name: "unknown status", recs: func() []Record { r := base(); r.Status = "done"; return []Record{r} },
			wantErr: `results: synthetic-x with seeds (0, 0) has unknown status "done" (want "finished", "diverged" or "running")`},
		{name: "zero test size", recs: func() []Record { r := base(); r.TestSize = 0; return []Record{r} },
			wantErr: "results: synthetic-x: finished run with seeds (0, 0) has test size 0"},
		{name: "too many errors", recs: func() []Record { r := base(); r.FinalTestErrors = 10001; return []Record{r} },
			wantErr: "results: synthetic-x: finished run with seeds (0, 0) has 10001 final test errors out of 10000"},
		{name: "mixed methods", recs: func() []Record { a, b := base(), base(); b.Method = "gan"; b.DataSeed = 1; return []Record{a, b} },
			wantErr: `results: synthetic-x with 100 labels mixes methods "ssgan" and "gan"`},
		{name: "duplicate seeds", recs: func() []Record { return []Record{base(), base()} },
			wantErr: "results: synthetic-x with 100 labels has two finished runs with seeds (0, 0)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := BuildTable(tc.recs(), false)
			require.EqualError(t, err, tc.wantErr)
		})
	}
}
