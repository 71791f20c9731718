package results

import (
	"bytes"
	"fmt"
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
			assert.Equal(t, tc.exp, tbl.Rows[i].Experiment, "rows sorted by labels then method")
			r := rowByName(t, tbl, tc.exp)
			assert.Equal(t, Measured, r.Source)
			assert.Equal(t, "mnist", r.Dataset, "records without a data set are MNIST's")
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
		{name: "two different runs with the same seeds", recs: func() []Record { b := base(); b.FinalTestErrors = 91; return []Record{base(), b} },
			wantErr: "results: synthetic-x with 100 labels has two finished runs with seeds (0, 0)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := BuildTable(tc.recs(), false)
			require.EqualError(t, err, tc.wantErr)
		})
	}
}

// rowKeys lists the table's rows as "dataset experiment labels epochs seeds/diverged/running".
func rowKeys(tbl *Table) []string {
	var out []string
	for _, r := range tbl.Rows {
		out = append(out, fmt.Sprintf("%s %s %d %s %d/%d/%d", r.Dataset, r.Experiment, r.Labels, r.Epochs, r.Finished, r.Diverged, r.Running))
	}
	return out
}

// TestBuildTableRowsByLength checks the rows of one experiment at two lengths (two published
// folders read together): each length its own row, the same run found twice counted once, and
// each unfinished run in the row of the length it was heading for.
func TestBuildTableRowsByLength(t *testing.T) {
	rec := func(exp, method string, epochs int, seed uint64, status string, errs int) Record {
		return Record{Experiment: exp, Method: method, Labels: 100, ModelSeed: seed, DataSeed: seed, Status: status,
			Epochs: epochs, Iterations: 600 * epochs, TestSize: 10000, FinalTestErrors: errs, ConfigHash: "h-" + exp}
	}
	recs := []Record{
		rec("synthetic-ssgan-100", "ssgan", 5, 1, StatusFinished, 1700),
		rec("synthetic-ssgan-100", "ssgan", 5, 2, StatusFinished, 1800),
		rec("synthetic-ssgan-100", "ssgan", 300, 1, StatusFinished, 95),
		rec("synthetic-ssgan-100", "ssgan", 300, 2, StatusFinished, 105),
		rec("synthetic-ssgan-100", "ssgan", 300, 2, StatusFinished, 105), // the same run in a second folder
		rec("synthetic-ssgan-100", "ssgan", 3, 3, StatusRunning, 9000),   // heading for 5 epochs at least
		rec("synthetic-ssgan-100", "ssgan", 12, 4, StatusDiverged, 9000), // heading for 300
		rec("synthetic-ssgan-100", "ssgan", 400, 5, StatusRunning, 9000), // longer than any: the longest row
		rec("synthetic-supervised-100", "supervised", 5, 1, StatusFinished, 2300),
		rec("synthetic-supervised-100", "supervised", 5, 2, StatusFinished, 2250),
		rec("synthetic-supervised-100", "supervised", 20, 1, StatusFinished, 2150),
		rec("synthetic-supervised-100", "supervised", 20, 2, StatusFinished, 2100),
		rec("synthetic-unfinished", "ssgan", 7, 1, StatusDiverged, 9000),
	}
	// Two different runs with the same seeds and the same error count (another commit) are not
	// one run found twice: that is an error, never a silent merge.
	other := rec("synthetic-ssgan-100", "ssgan", 300, 2, StatusFinished, 105)
	other.Commit = "another"
	_, err := BuildTable(append(append([]Record(nil), recs...), other), false)
	require.ErrorContains(t, err, "two finished runs with seeds (2, 2)")

	tbl, err := BuildTable(recs, false)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"mnist synthetic-ssgan-100 100 5 2/0/1",
		"mnist synthetic-ssgan-100 100 300 2/1/1",
		"mnist synthetic-unfinished 100  0/1/0",
		"mnist synthetic-supervised-100 100 5 2/0/0",
		"mnist synthetic-supervised-100 100 20 2/0/0",
	}, rowKeys(tbl))
	// The 5-epoch SSGAN row compares with the 5-epoch baseline: (1700-2300 + 1800-2250)/2 / 100.
	require.NotNil(t, tbl.Rows[0].Delta)
	assert.InDelta(t, -5.25, tbl.Rows[0].Delta.MeanDiff, 1e-12)
	// The 300-epoch row, with no baseline of its length, compares with the longest: 20 epochs.
	require.NotNil(t, tbl.Rows[1].Delta)
	assert.InDelta(t, (95-2150+105-2100)/2.0/100, tbl.Rows[1].Delta.MeanDiff, 1e-12)
	assert.Equal(t, TestPaired, tbl.Rows[1].Delta.Test)
}

// TestBuildTableDatasets checks that rows are sorted by data set first, that Δ compares only
// within a data set, and that the published rows are those of the data sets in the table.
func TestBuildTableDatasets(t *testing.T) {
	rec := func(dataset, exp, method string, seed uint64, errs int) Record {
		return Record{Dataset: dataset, Experiment: exp, Method: method, Labels: 100, ModelSeed: seed, DataSeed: seed,
			Status: StatusFinished, Epochs: 20, TestSize: 10000, FinalTestErrors: errs}
	}
	recs := []Record{
		rec("", "synthetic-ssgan-100", "ssgan", 1, 100),
		rec("", "synthetic-ssgan-100", "ssgan", 2, 110),
		rec("fashion-mnist", "synthetic-fashion-ssgan-100", "ssgan", 1, 2000),
		rec("fashion-mnist", "synthetic-fashion-ssgan-100", "ssgan", 2, 2100),
		rec("fashion-mnist", "synthetic-fashion-supervised-100", "supervised", 1, 2600),
		rec("fashion-mnist", "synthetic-fashion-supervised-100", "supervised", 2, 2800),
	}
	tbl, err := BuildTable(recs, false)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"fashion-mnist synthetic-fashion-ssgan-100 100 20 2/0/0",
		"fashion-mnist synthetic-fashion-supervised-100 100 20 2/0/0",
		"mnist synthetic-ssgan-100 100 20 2/0/0",
	}, rowKeys(tbl))
	require.NotNil(t, tbl.Rows[0].Delta)
	assert.InDelta(t, -6.5, tbl.Rows[0].Delta.MeanDiff, 1e-12)
	assert.Nil(t, tbl.Rows[2].Delta, "no MNIST baseline: Fashion-MNIST's does not count")
	assert.Equal(t, "no supervised experiment with 100 labels", tbl.Rows[2].DeltaNote)

	withRefs, err := BuildTable(recs, true)
	require.NoError(t, err)
	assert.Len(t, withRefs.Rows, 3+len(References()), "MNIST is in the table: its published rows are")
	fashionOnly, err := BuildTable(recs[2:], true)
	require.NoError(t, err)
	assert.Len(t, fashionOnly.Rows, 2, "no published row is of Fashion-MNIST")
}

// TestBuildTableEngines: runs of the same experiment, seeds and length trained by the two engines
// make two rows (never one average, never a duplicate-seed error); each compares with the
// baseline of its own engine, and the earlier engine's rows are marked.
func TestBuildTableEngines(t *testing.T) {
	rec := func(exp, method, engine string, seed uint64, errs int) Record {
		return Record{Experiment: exp, Method: method, Labels: 100, ModelSeed: seed, DataSeed: seed, Status: StatusFinished,
			Epochs: 5, Iterations: 3000, TestSize: 10000, FinalTestErrors: errs, ConfigHash: "h-" + exp, Engine: engine}
	}
	recs := []Record{
		rec("synthetic-ssgan-100", "ssgan", "", 1, 1700), rec("synthetic-ssgan-100", "ssgan", "", 2, 1800),
		rec("synthetic-supervised-100", "supervised", "", 1, 2300), rec("synthetic-supervised-100", "supervised", "", 2, 2250),
		rec("synthetic-ssgan-100", "ssgan", EngineCounter, 1, 1500), rec("synthetic-ssgan-100", "ssgan", EngineCounter, 2, 1650),
		rec("synthetic-supervised-100", "supervised", EngineCounter, 1, 2000), rec("synthetic-supervised-100", "supervised", EngineCounter, 2, 2100),
	}
	tbl, err := BuildTable(recs, false)
	require.NoError(t, err)
	names := map[string]Row{}
	for _, r := range tbl.Rows {
		names[r.Experiment] = r
	}
	require.Len(t, names, 4)
	earlier, current := names["synthetic-ssgan-100"+EarlierMark], names["synthetic-ssgan-100"]
	assert.InDelta(t, 17.5, earlier.ErrorPct.Mean, 1e-12)
	assert.InDelta(t, 15.75, current.ErrorPct.Mean, 1e-12)
	// Δ within each engine: (1700-2300 + 1800-2250)/2/100 and (1500-2000 + 1650-2100)/2/100.
	require.NotNil(t, earlier.Delta, earlier.DeltaNote)
	require.NotNil(t, current.Delta, current.DeltaNote)
	assert.InDelta(t, -5.25, earlier.Delta.MeanDiff, 1e-12)
	assert.InDelta(t, -4.75, current.Delta.MeanDiff, 1e-12)
	var buf bytes.Buffer
	require.NoError(t, Render(&buf, tbl, FormatText))
	assert.Contains(t, buf.String(), EarlierMark+" trained by the earlier engine")

	// One engine only: nothing is marked.
	tbl, err = BuildTable(recs[4:], false)
	require.NoError(t, err)
	for _, r := range tbl.Rows {
		assert.NotContains(t, r.Experiment, EarlierMark)
	}
}
