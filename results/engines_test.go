package results

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// engineRecords are made-up finished runs (none from a real run) of synthetic-ssgan-100 at 60
// epochs under both engines on seeds 1-3 (two of the current engine's collapsed onto a class
// pair), of the earlier engine only at 300 epochs, and of synthetic-ssgan-50 under both engines
// on disjoint seeds (without confusion matrices).
func engineRecords() []Record {
	rec := func(exp string, labels, epochs int, engine string, seed uint64, errs int) Record {
		r := syntheticRecords()[0]
		r.Experiment, r.Labels, r.Epochs, r.Iterations, r.Engine = exp, labels, epochs, epochs*600, engine
		r.ModelSeed, r.DataSeed = seed, seed
		r.FinalTestErrors, r.FinalAccuracy, r.BestTestErrors = errs, 1-float64(errs)/10000, errs-5
		return r
	}
	// judged gives r a confusion matrix whose largest off-diagonal cell is n 7s read as 2.
	judged := func(r Record, n int) Record {
		r.Confusion = confusionWithPair(7, 2, n)
		return r
	}
	return []Record{
		judged(rec("synthetic-ssgan-100", 100, 60, "", 1, 120), 12),
		judged(rec("synthetic-ssgan-100", 100, 60, "", 2, 135), 20),
		judged(rec("synthetic-ssgan-100", 100, 60, "", 3, 140), 49),
		judged(rec("synthetic-ssgan-100", 100, 60, EngineCounter, 1, 150), 11),
		judged(rec("synthetic-ssgan-100", 100, 60, EngineCounter, 2, 160), 50),
		judged(rec("synthetic-ssgan-100", 100, 60, EngineCounter, 3, 170), 61),
		rec("synthetic-ssgan-100", 100, 300, EngineEarlier, 1, 95),
		rec("synthetic-ssgan-100", 100, 300, EngineEarlier, 2, 88),
		rec("synthetic-ssgan-50", 50, 60, EngineEarlier, 1, 300),
		rec("synthetic-ssgan-50", 50, 60, EngineEarlier, 2, 200),
		rec("synthetic-ssgan-50", 50, 60, EngineCounter, 7, 250),
	}
}

// TestBuildEngineComparison checks the rows (only experiments and lengths both engines ran),
// the tests against hand-computed values, and the notes where a test cannot be made.
func TestBuildEngineComparison(t *testing.T) {
	rows, err := BuildEngineComparison(engineRecords())
	require.NoError(t, err)
	require.Len(t, rows, 2, "the 300-epoch runs have no counterpart")

	r50, r100 := rows[0], rows[1]
	assert.Equal(t, "synthetic-ssgan-50", r50.Experiment)
	assert.Equal(t, []float64{300, 200}, r50.Earlier)
	assert.Equal(t, []float64{250}, r50.Current)
	assert.Nil(t, r50.Welch, "one current run")
	assert.Equal(t, "n < 2", r50.Note)
	assert.Nil(t, r50.Paired)
	assert.Equal(t, "0 seed pair(s)", r50.PairedNote)

	assert.Equal(t, "synthetic-ssgan-100", r100.Experiment)
	assert.Equal(t, 60, r100.Epochs)
	assert.Equal(t, []float64{120, 135, 140}, r100.Earlier)
	assert.Equal(t, []float64{150, 160, 170}, r100.Current)
	// Welch by hand: means 160 and 131.67, variances 100 and 108.33 (n = 3 each); se² =
	// 100/3 + 108.33/3 = 69.44, t = 28.33 / 8.333 = 3.40; df = 69.44² / ((33.33² + 36.11²) / 2) = 3.99.
	require.NotNil(t, r100.Welch)
	assert.InDelta(t, 28.333, r100.Welch.MeanDiff, 1e-3)
	assert.InDelta(t, 3.400, r100.Welch.T, 1e-3)
	assert.InDelta(t, 3.99, r100.Welch.DF, 0.01)
	// Paired by hand: differences 30, 25, 30; mean 28.33, sd 2.887, se 1.667, t = 17.0, df 2.
	require.NotNil(t, r100.Paired)
	assert.Equal(t, 3, r100.Pairs)
	assert.InDelta(t, 17.0, r100.Paired.T, 1e-3)
	assert.InDelta(t, 2.0, r100.Paired.DF, 1e-9)

	// Collapses: 49 of 10,000 is under 1/200, 50 is not; Fisher by hand for none of three
	// against two of three: P(0) = P(2) = 3/15, P(1) = 9/15, so p = 0.4.
	assert.Equal(t, Collapses{Of: 3}, r100.EarlierCollapses)
	assert.Equal(t, Collapses{Of: 3, Runs: []CollapsedRun{
		{ModelSeed: 2, DataSeed: 2, Pair: Pair{Truth: 7, Read: 2, Count: 50}},
		{ModelSeed: 3, DataSeed: 3, Pair: Pair{Truth: 7, Read: 2, Count: 61}},
	}}, r100.CurrentCollapses)
	require.NotNil(t, r100.Fisher)
	assert.InDelta(t, 0.4, *r100.Fisher, 1e-12)
	assert.Equal(t, Collapses{Unjudged: 2}, r50.EarlierCollapses, "no confusion matrices")
	assert.Nil(t, r50.Fisher)
	assert.Equal(t, "3 unjudged", r50.CollapseNote)
}

// TestBuildEngineComparisonRefuses checks the error when no experiment ran on both engines.
func TestBuildEngineComparisonRefuses(t *testing.T) {
	tests := []struct {
		name string
		recs []Record
	}{
		{"no records", nil},
		{"the earlier engine only", syntheticRecords()},
		{"the current engine only", engineRecords()[3:6]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := BuildEngineComparison(tt.recs)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "no experiment has finished runs of both engines")
		})
	}
}

// TestRenderEngineComparison checks the rendered tables against golden files (written by this
// code with -update from engineRecords and read through) and refuses an unknown format.
func TestRenderEngineComparison(t *testing.T) {
	rows, err := BuildEngineComparison(engineRecords())
	require.NoError(t, err)
	for _, format := range ComparisonFormats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, RenderEngineComparison(&buf, rows, format))
			checkGolden(t, "engines."+format+".golden", buf.Bytes())
			if format == FormatText {
				assertFits(t, buf.String())
			}
		})
	}
	// Names as long as the longest registered one (fashion-mnist-supervised-100, 28) with
	// four-digit errors still fit.
	long := engineRecords()
	for i := range long {
		long[i].Experiment = strings.Replace(long[i].Experiment, "synthetic-ssgan-", "fashion-mnist-supervised-", 1)
		if long[i].Labels == 50 {
			long[i].Experiment += "x"
		}
		long[i].FinalTestErrors *= 10
	}
	longRows, err := BuildEngineComparison(long)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, RenderEngineComparison(&buf, longRows, FormatText))
	assertFits(t, buf.String())
	err = RenderEngineComparison(&bytes.Buffer{}, rows, "latex")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown comparison format "latex"`)
}

// assertFits checks that every line of a text table fits DefaultWidth columns.
func assertFits(t *testing.T, table string) {
	t.Helper()
	for i, line := range strings.Split(table, "\n") {
		assert.LessOrEqual(t, displayWidth(line), DefaultWidth, "line %d: %q", i+1, line)
	}
}
