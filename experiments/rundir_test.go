package experiments

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/results"
)

// TestChangedSpecRefused reuses a run directory with a spec that trains differently: the run is
// refused before anything is written, with a message saying what to do.
func TestChangedSpecRefused(t *testing.T) {
	data := loadMNIST(t)
	out := t.TempDir()
	task := tinyTask(t, nil)
	runTask(t, task, out)
	dir := runPath(out, task)
	before, err := os.ReadFile(filepath.Join(dir, results.RecordFile))
	require.NoError(t, err)

	tests := []struct {
		name string
		edit func(*Spec)
	}{
		{"learning rate", func(s *Spec) { s.Model.LR = 0.001 }},
		{"network", func(s *Spec) { s.Model.DHidden = []int{20, 11} }},
		{"method", func(s *Spec) { s.Model.Method = "supervised" }},
		{"labels", func(s *Spec) { s.LabelsPerClass = 5 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed := tinyTask(t, tt.edit)
			rec, err := RunTask(context.Background(), changed, data, quiet(out))
			require.Error(t, err)
			assert.Nil(t, rec)
			assert.Contains(t, err.Error(), "was made by a different spec")
			assert.Contains(t, err.Error(), "use another --out")
			after, err := os.ReadFile(filepath.Join(dir, results.RecordFile))
			require.NoError(t, err)
			assert.Equal(t, before, after, "the finished record is untouched")
		})
	}
}

// TestFinishedRunSkipped reruns a finished run: it returns the saved record without training
// (no hook call, no file rewritten).
func TestFinishedRunSkipped(t *testing.T) {
	data := loadMNIST(t)
	out := t.TempDir()
	task := tinyTask(t, nil)
	first := runTask(t, task, out)
	dir := runPath(out, task)
	ck, err := os.ReadFile(filepath.Join(dir, CheckpointFile))
	require.NoError(t, err)

	var log bytes.Buffer
	opt := quiet(out)
	opt.Log = &log
	opt.afterIter = func(*core.State, core.Method) error {
		t.Error("a finished run trained again")
		return nil
	}
	again, err := RunTask(context.Background(), task, data, opt)
	require.NoError(t, err)
	assert.Equal(t, first, again)
	assert.Empty(t, log.String())
	ck2, err := os.ReadFile(filepath.Join(dir, CheckpointFile))
	require.NoError(t, err)
	assert.Equal(t, ck, ck2, "checkpoint untouched")
}

// TestExtendFinishedRun raises the epochs of a finished run (the hash leaves epochs out for
// this): the run continues from its checkpoint to the new end instead of being skipped.
func TestExtendFinishedRun(t *testing.T) {
	out := t.TempDir()
	runTask(t, tinyTask(t, func(s *Spec) { s.Epochs = 1 }), out)
	longer := tinyTask(t, func(s *Spec) { s.Epochs = 2 })
	rec := runTask(t, longer, out)
	assert.Equal(t, 2, rec.Epochs)
	assert.Equal(t, 10, rec.Iterations)
	assert.Len(t, timeless(t, filepath.Join(runPath(out, longer), MetricsFile)), 2)
	saved, err := LoadSpec(filepath.Join(runPath(out, longer), SpecFile))
	require.NoError(t, err)
	assert.Equal(t, 2, saved.Epochs, "spec.yaml records the extension")

	shorter := tinyTask(t, func(s *Spec) { s.Epochs = 1 })
	assert.Equal(t, 2, runTask(t, shorter, out).Epochs, "a shorter spec returns the longer finished run")
	saved, err = LoadSpec(filepath.Join(runPath(out, longer), SpecFile))
	require.NoError(t, err)
	assert.Equal(t, 2, saved.Epochs)
}
