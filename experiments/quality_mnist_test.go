package experiments

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/datasets"
)

// TestQualityClassifierMNIST trains the sample-quality classifier on all 60,000 MNIST labels and
// checks the accuracy the quality numbers rely on (≥ 98 % on the test set), that a second load
// reuses the cache, and that the real-data ceiling is sensible: the test set's classifier
// Inception Score close to the 10 classes of a confident, balanced classifier. It took 40 s with
// OpenBLAS (98.31 %) and 110 s with pure-Go BLAS (98.37 %) on a busy 2-core machine.
func TestQualityClassifierMNIST(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on all of MNIST; skipped in -short")
	}
	data, err := datasets.Load(filepath.Join("..", "data", "mnist"))
	if err != nil {
		t.Skipf("MNIST not available: %v", err)
	}
	out := t.TempDir()
	start := time.Now()
	q, err := LoadQualityClassifier(context.Background(), out, data, t.Logf)
	require.NoError(t, err)
	defer q.Close()
	t.Logf("trained in %.1f s: %+v, ceiling %+v", time.Since(start).Seconds(), q.Info, q.Real)
	assert.GreaterOrEqual(t, q.Info.TestAccuracy, 0.98)
	assert.Greater(t, q.Real.TestInceptionScore, 9.0)
	assert.Less(t, q.Real.TestInceptionScore, 10.0)
	assert.Greater(t, q.Real.TrainTestFrechetDistance, 0.0)

	again, err := LoadQualityClassifier(context.Background(), out, data, func(f string, a ...any) {
		t.Errorf("cached classifier retrained: "+f, a...)
	})
	require.NoError(t, err)
	defer again.Close()
	assert.Equal(t, q.Info, again.Info)
	assert.Equal(t, q.Real, again.Real)
}
