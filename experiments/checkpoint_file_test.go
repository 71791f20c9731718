package experiments

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core"
)

// TestCheckpointFile writes a checkpoint, overwrites it and reads it back: the file holds the
// core byte format, no temporary file is left, and errors name the file.
func TestCheckpointFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, CheckpointFile)
	ck := core.NewCheckpoint("abc", &core.State{Iter: 7, Counters: map[string]int{"x": 2}, Vars: map[string]float64{"k": 0.5}})
	ck.Tensors["w"] = []float32{1, -2, 3}
	ck.Extra["note"] = []byte("hi")
	require.NoError(t, SaveCheckpoint(path, core.NewCheckpoint("old", nil)))
	require.NoError(t, SaveCheckpoint(path, ck), "overwrite")
	got, err := LoadCheckpoint(path)
	require.NoError(t, err)
	assert.Equal(t, ck, got)
	left, err := filepath.Glob(filepath.Join(dir, "*.tmp"))
	require.NoError(t, err)
	assert.Empty(t, left, "no temporary file is left behind")

	_, err = LoadCheckpoint(filepath.Join(dir, "absent.gob"))
	require.ErrorIs(t, err, os.ErrNotExist)
	bad := filepath.Join(dir, "bad.gob")
	require.NoError(t, os.WriteFile(bad, []byte("not gob"), 0o644))
	_, err = LoadCheckpoint(bad)
	require.ErrorContains(t, err, "experiments: "+bad+": core: not a readable checkpoint")
	err = SaveCheckpoint(filepath.Join(dir, "no", "such", CheckpointFile), ck)
	require.ErrorContains(t, err, "experiments: write "+filepath.Join(dir, "no", "such", CheckpointFile))
}
