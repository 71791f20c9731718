package results

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syntheticQuality returns made-up quality records (no number comes from a real run):
//
//   - synthetic-gan: 3 seeds, IS 8.1, 8.4, 7.8 and FD 12.0, 10.5, 13.2 at 30,000 iterations;
//   - synthetic-gan-began: 2 seeds at 20,000 and 30,000 iterations, IS 6.5, 7.1, FD 20, 18;
//   - synthetic-gan-pretrain: 1 seed, IS 8.9, FD 9 (no std).
//
// All share one classifier and its real-data ceiling (IS 9.58, FD 0.89).
func syntheticQuality() []QualityRecord {
	q := func(exp string, seed uint64, iters int, is, fd float64) QualityRecord {
		return QualityRecord{
			Experiment: exp, ModelSeed: seed, DataSeed: seed, Iterations: iters, ConfigHash: "synthetic",
			Samples: 10000, InceptionScore: is, FrechetDistance: fd,
			ClassFractions: []float64{0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1},
			Real:           RealQuality{TestInceptionScore: 9.58, TrainTestFrechetDistance: 0.89, TrainImages: 10000, TestImages: 10000},
			Classifier: QualityClassifier{Architecture: "synthetic MLP 784-512-256-10", FeatureDim: 256,
				TestAccuracy: 0.9831, Hash: "synthetic-classifier"},
			Seconds: 12,
		}
	}
	return []QualityRecord{
		q("synthetic-gan-began", 2, 30000, 7.1, 18),
		q("synthetic-gan", 1, 30000, 8.1, 12.0),
		q("synthetic-gan", 2, 30000, 8.4, 10.5),
		q("synthetic-gan-pretrain", 1, 30000, 8.9, 9),
		q("synthetic-gan", 3, 30000, 7.8, 13.2),
		q("synthetic-gan-began", 1, 20000, 6.5, 20),
	}
}

func TestSplitRecords(t *testing.T) {
	recs := append(syntheticRecords()[:2],
		Record{Experiment: "synthetic-gan", Method: MethodGAN, Status: StatusFinished},
		syntheticRecords()[5])
	cls, gans := SplitRecords(recs)
	require.Len(t, gans, 1)
	assert.Equal(t, "synthetic-gan", gans[0].Experiment)
	assert.Equal(t, []Record{recs[0], recs[1], recs[3]}, cls)
	// A GAN record (test size 0) breaks the classification table; its classifier half does not.
	_, err := BuildTable(recs, false)
	require.Error(t, err)
	_, err = BuildTable(cls, false)
	require.NoError(t, err)
}

func TestBuildQualityTable(t *testing.T) {
	// Means and sample standard deviations computed by hand from the synthetic scores (e.g. FD of
	// synthetic-gan: mean 35.7/3 = 11.9, variance (0.01+1.96+1.69)/2 = 1.83); 1e-9 is rounding.
	const tol = 1e-9
	tbl, err := BuildQualityTable(syntheticQuality())
	require.NoError(t, err)
	tests := []struct {
		exp              string
		seeds, lo, hi    int
		isMean, isStd    float64
		fdMean, fdStd    float64
		ceiling, hasStds bool
	}{
		{"synthetic-gan", 3, 30000, 30000, 8.1, 0.3, 11.9, math.Sqrt(1.83), false, true},
		{"synthetic-gan-began", 2, 20000, 30000, 6.8, 0.6 / math.Sqrt2, 19, 2 / math.Sqrt2, false, true},
		{"synthetic-gan-pretrain", 1, 30000, 30000, 8.9, math.NaN(), 9, math.NaN(), false, false},
		{CeilingName, 0, 0, 0, 9.58, math.NaN(), 0.89, math.NaN(), true, false},
	}
	require.Len(t, tbl.Rows, len(tests))
	for i, tc := range tests {
		r := tbl.Rows[i]
		assert.Equal(t, tc.exp, r.Experiment)
		assert.Equal(t, tc.ceiling, r.Ceiling)
		assert.Equal(t, tc.seeds, r.Seeds)
		assert.Equal(t, tc.lo, r.MinIter)
		assert.Equal(t, tc.hi, r.MaxIter)
		assert.Equal(t, 10000, r.Samples)
		assert.InDelta(t, tc.isMean, r.InceptionScore.Mean, tol)
		assert.InDelta(t, tc.fdMean, r.FrechetDistance.Mean, tol)
		if tc.hasStds {
			assert.InDelta(t, tc.isStd, r.InceptionScore.Std, tol)
			assert.InDelta(t, tc.fdStd, r.FrechetDistance.Std, tol)
		} else {
			assert.True(t, math.IsNaN(r.InceptionScore.Std) && math.IsNaN(r.FrechetDistance.Std))
		}
	}
	empty, err := BuildQualityTable(nil)
	require.NoError(t, err)
	assert.Nil(t, empty)
}

func TestBuildQualityTableErrors(t *testing.T) {
	noName := syntheticQuality()
	noName[3].Experiment = ""
	dup := syntheticQuality()
	dup[2].ModelSeed, dup[2].DataSeed = 1, 1
	other := syntheticQuality()
	other[4].Classifier.Hash = "another"
	tests := []struct {
		name    string
		recs    []QualityRecord
		wantErr string
	}{
		{"no experiment", noName, "results: quality record with seeds (1, 1) has no experiment name"},
		{"duplicate seeds", dup, "results: synthetic-gan has two quality records with seeds (1, 1)"},
		{"two classifiers", other, "results: quality records scored by different classifiers (synthetic-gan-began: synthetic-classifier, synthetic-gan: another)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := BuildQualityTable(tc.recs)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

func TestRenderQualityGolden(t *testing.T) {
	// The golden files were written by this code with -update from syntheticQuality, then read
	// and checked by hand against the numbers in TestBuildQualityTable.
	tbl, err := BuildQualityTable(syntheticQuality())
	require.NoError(t, err)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, RenderQuality(&buf, tbl, format))
			checkGolden(t, "quality_table."+format+".golden", buf.Bytes())
		})
	}
	var buf bytes.Buffer
	require.NoError(t, RenderQuality(&buf, tbl, FormatCSV))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(tbl.Rows)+1)
	require.EqualError(t, RenderQuality(&buf, tbl, "html"), `results: unknown table format "html" (want one of text, markdown, latex, csv)`)
	require.EqualError(t, RenderQuality(&buf, nil, FormatText), "results: render quality: nil table")
}

func TestQualityFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	recs := syntheticQuality()[:3]
	for i := range recs {
		sub := filepath.Join(dir, recs[i].Experiment, string(rune('a'+i)))
		require.NoError(t, os.MkdirAll(sub, 0o755))
		require.NoError(t, WriteQuality(filepath.Join(sub, QualityFile), &recs[i]))
		// A result.json and a leftover temporary file beside it are not quality records.
		require.NoError(t, os.WriteFile(filepath.Join(sub, QualityFile+".123.tmp"), []byte("{"), 0o644))
	}
	got, err := CollectQuality(dir)
	require.NoError(t, err)
	// Lexical path order: synthetic-gan/b, synthetic-gan/c, synthetic-gan-began/a.
	assert.Equal(t, []QualityRecord{recs[1], recs[2], recs[0]}, got)

	require.NoError(t, os.WriteFile(filepath.Join(dir, QualityFile), []byte("{} {}"), 0o644))
	_, err = CollectQuality(dir)
	require.ErrorContains(t, err, "trailing data")
	_, err = CollectQuality(filepath.Join(dir, "absent"))
	require.ErrorContains(t, err, "results: collect ")
	require.ErrorContains(t, WriteQuality(filepath.Join(dir, "x.json"), nil), "nil quality record")
}

func TestGrouped(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 10000: "10,000", 1234567: "1,234,567", -60000: "-60,000"} {
		assert.Equal(t, want, grouped(n))
	}
}
