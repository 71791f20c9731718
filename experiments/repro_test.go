package experiments

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/results"
)

// TestReproducible runs the same tiny spec in two directories: every logged and recorded number
// (all but the wall-clock seconds) must be bit-identical, and so must the saved spec and split.
func TestReproducible(t *testing.T) {
	task := tinyTask(t, nil)
	a, b := t.TempDir(), t.TempDir()
	ra, rb := runTask(t, task, a), runTask(t, task, b)
	assert.Equal(t, results.StatusFinished, ra.Status)
	assert.Equal(t, task.Spec.Epochs, ra.Epochs)
	assert.Equal(t, ra.FinalTestErrors, rb.FinalTestErrors)

	for _, f := range []string{MetricsFile, results.RecordFile} {
		ma := timeless(t, filepath.Join(runPath(a, task), f))
		require.NotEmpty(t, ma, f)
		assert.Equal(t, ma, timeless(t, filepath.Join(runPath(b, task), f)), f)
	}
	assert.Len(t, timeless(t, filepath.Join(runPath(a, task), MetricsFile)), task.Spec.Epochs, "one line per epoch")
	for _, f := range []string{SpecFile, SplitFile} {
		fa, err := os.ReadFile(filepath.Join(runPath(a, task), f))
		require.NoError(t, err)
		fb, err := os.ReadFile(filepath.Join(runPath(b, task), f))
		require.NoError(t, err)
		assert.Equal(t, string(fa), string(fb), f)
	}
}
