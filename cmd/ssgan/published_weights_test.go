package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/experiments"
	"github.com/ssgan/ssgan/results"
)

// TestPublishedWeightsReproduce recomputes the test errors of every published run that ships its
// weights (results/published/*/runs/EXPERIMENT/seedN/weights.npz) and holds them to the final
// errors its result.json records: exactly under the matrix-product kernels it was trained with,
// within 5 errors of 10,000 under others (another BLAS rounds the products in another order, and
// a test image whose two largest class scores nearly tie may change class). A run whose data set
// is not installed here is skipped.
func TestPublishedWeightsReproduce(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates full-size models on 10,000 test images each")
	}
	paths, err := filepath.Glob(filepath.Join("..", "..", "results", "published", "*", "runs", "*", "seed*", "weights.npz"))
	require.NoError(t, err)
	if len(paths) == 0 {
		t.Skip("no published run ships its weights")
	}
	for _, path := range paths {
		run := filepath.Dir(path)
		t.Run(filepath.Join(filepath.Base(filepath.Dir(run)), filepath.Base(run)), func(t *testing.T) {
			rec, err := results.ReadRecord(filepath.Join(run, results.RecordFile))
			require.NoError(t, err)
			c, err := experiments.LoadClassifier(path)
			require.NoError(t, err)
			defer c.Close()
			require.Equal(t, rec.WeightsSHA256, c.File.SHA256, "the weights are the ones result.json names")
			data, err := datasets.Open(c.File.Meta.Dataset, "")
			if err != nil {
				t.Skipf("data set %s not installed: %v", c.File.Meta.Dataset, err)
			}
			ev, err := c.Evaluate(testImagesPath(data), data.Test)
			require.NoError(t, err)
			require.Equal(t, rec.TestSize, ev.TestSize)
			if rec.BLAS == blasName() {
				require.Equal(t, rec.FinalTestErrors, ev.Errors, "final test errors under the recorded kernels %s", rec.BLAS)
				return
			}
			t.Logf("trained under %s, evaluated under %s: %d errors against the recorded %d", rec.BLAS, blasName(), ev.Errors, rec.FinalTestErrors)
			require.InDelta(t, rec.FinalTestErrors, ev.Errors, 5)
		})
	}
}
