package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/results"
)

// writeGANRuns adds two made-up finished GAN runs (result.json with test size 0, and
// quality.json) of "synthetic-gan" under dir.
func writeGANRuns(t *testing.T, dir string) {
	t.Helper()
	for i, q := range []struct {
		seed   uint64
		is, fd float64
	}{{1, 8.0, 12.0}, {2, 8.5, 10.0}} {
		sub := filepath.Join(dir, "synthetic-gan", string(rune('a'+i)))
		require.NoError(t, os.MkdirAll(sub, 0o755))
		rec := results.Record{Experiment: "synthetic-gan", Method: results.MethodGAN, ModelSeed: q.seed, DataSeed: q.seed,
			Status: results.StatusFinished, Iterations: 30000}
		require.NoError(t, results.WriteRecord(filepath.Join(sub, results.RecordFile), &rec))
		qr := results.QualityRecord{Experiment: "synthetic-gan", ModelSeed: q.seed, DataSeed: q.seed, Iterations: 30000,
			Samples: 10000, InceptionScore: q.is, FrechetDistance: q.fd,
			Real:       results.RealQuality{TestInceptionScore: 9.6, TrainTestFrechetDistance: 0.9, TrainImages: 10000, TestImages: 10000},
			Classifier: results.QualityClassifier{Architecture: "synthetic MLP", FeatureDim: 256, TestAccuracy: 0.983, Hash: "h"}}
		require.NoError(t, results.WriteQuality(filepath.Join(sub, results.QualityFile), &qr))
	}
}

func TestTableIgnoresGANRuns(t *testing.T) {
	dir := writeSyntheticRuns(t)
	writeGANRuns(t, dir)
	out, err := runCmd(t, newTableCmd, dir, "--no-reference")
	require.NoError(t, err, "a GAN record (test size 0) must not break the classification table")
	assert.Contains(t, out, "synthetic-ssgan-100")
	assert.NotContains(t, out, "synthetic-gan ")
}

func TestQualityCmd(t *testing.T) {
	dir := t.TempDir()
	writeGANRuns(t, dir)
	// IS 8.0 and 8.5: mean 8.25, std 0.354; FD 12 and 10: mean 11, std 1.414 (by hand).
	tests := []struct {
		args     []string
		contains []string
	}{
		{[]string{dir}, []string{"Sample quality", "synthetic-gan", "8.250 ± 0.354", "11.000 ± 1.414", "real test set", "9.600", "98.30 %"}},
		{[]string{dir, "--format", "markdown"}, []string{"### Sample quality", "| synthetic-gan"}},
		{[]string{dir, "--format=csv"}, []string{"experiment,ceiling,seeds,", "synthetic-gan,false,2,30000,30000,10000,8.25,"}},
	}
	for _, tc := range tests {
		out, err := runCmd(t, newQualityCmd, tc.args...)
		require.NoError(t, err)
		assertOutput(t, out, tc.contains, nil)
	}
	_, err := runCmd(t, newQualityCmd, t.TempDir())
	require.ErrorContains(t, err, "no quality.json under ")
	_, err = runCmd(t, newQualityCmd, dir, "--format", "html")
	require.ErrorContains(t, err, `unknown table format "html"`)
}
