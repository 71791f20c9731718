package experiments

import (
	"bytes"
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/results"
	"github.com/ssgan/ssgan/ssgan"
)

// poisonAt returns Options whose run gets a NaN in D's first weight after iteration at, so the
// next D step's loss is NaN.
func poisonAt(out string, at int) Options {
	opt := quiet(out)
	opt.afterIter = func(s *core.State, m core.Method) error {
		if s.Iter == at {
			m.(*ssgan.Model).D.Params()[0].Data()[0] = float32(math.NaN())
		}
		return nil
	}
	return opt
}

// TestDivergence stops runs whose loss becomes NaN: each returns a clear error, writes a
// result.json with status diverged and a note, keeps the last good checkpoint, and is not
// retrained on rerun.
func TestDivergence(t *testing.T) {
	data := loadMNIST(t)
	tests := []struct {
		name      string
		edit      func(*Spec)
		poison    int // iteration after which D is poisoned; 0: none
		wantIters int // iterations completed
		wantCk    int // iteration of the checkpoint kept; 0: none
		wantNote  string
	}{
		// lr 1e6 stays finite on this network (Adam's step is ~lr), 1e30 does not.
		{name: "absurd learning rate", edit: func(s *Spec) { s.Model.LR = 1e30 }, wantIters: 0,
			wantNote: "no checkpoint was written"},
		{name: "NaN weight in epoch 2", poison: 7, wantIters: 7, wantCk: 5,
			wantNote: "the last good checkpoint (iteration 5) is kept"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			task := tinyTask(t, tt.edit)
			opt := quiet(out)
			if tt.poison > 0 {
				opt = poisonAt(out, tt.poison)
			}
			var log bytes.Buffer
			opt.Log = &log
			rec, err := RunTask(context.Background(), task, data, opt)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "diverged")
			assert.Contains(t, err.Error(), "is NaN")
			assert.Contains(t, err.Error(), tt.wantNote)
			assert.Contains(t, log.String(), tt.wantNote)
			require.NotNil(t, rec)

			dir := runPath(out, task)
			saved, err := results.ReadRecord(filepath.Join(dir, results.RecordFile))
			require.NoError(t, err)
			assert.Equal(t, *rec, saved)
			assert.Equal(t, results.StatusDiverged, saved.Status)
			assert.Equal(t, tt.wantIters, saved.Iterations)
			assert.Contains(t, saved.Note, tt.wantNote)

			if tt.wantCk == 0 {
				assert.NoFileExists(t, filepath.Join(dir, CheckpointFile))
			} else {
				ck, err := LoadCheckpoint(filepath.Join(dir, CheckpointFile))
				require.NoError(t, err)
				assert.Equal(t, tt.wantCk, ck.Iter)
				for name, v := range ck.Tensors {
					for _, x := range v {
						require.False(t, math.IsNaN(float64(x)) || math.IsInf(float64(x), 0), "tensor %s of the kept checkpoint", name)
					}
				}
			}

			again, err := RunTask(context.Background(), task, data, quiet(out))
			require.NoError(t, err, "a diverged run is over: rerunning returns its record")
			assert.Equal(t, saved, *again)
		})
	}
}

// TestDivergedNotAveraged collects a finished and a diverged seed of one experiment: the table
// counts the diverged run separately and averages only the finished one.
func TestDivergedNotAveraged(t *testing.T) {
	data := loadMNIST(t)
	out := t.TempDir()
	good := runTask(t, tinyTask(t, nil), out)
	bad := Task{Spec: tinySpec(t, nil), Seed: Seed{Model: 2, Data: 2}}
	_, err := RunTask(context.Background(), bad, data, poisonAt(out, 7))
	require.Error(t, err)

	recs, err := results.Collect(out)
	require.NoError(t, err)
	require.Len(t, recs, 2)
	table, err := results.BuildTable(recs, false)
	require.NoError(t, err)
	require.Len(t, table.Rows, 1)
	row := table.Rows[0]
	assert.Equal(t, "tiny-ssgan", row.Experiment)
	assert.Equal(t, 1, row.Finished)
	assert.Equal(t, 1, row.Diverged)
	assert.Equal(t, 1, row.ErrorPct.N)
	assert.InDelta(t, 100*float64(good.FinalTestErrors)/float64(good.TestSize), row.ErrorPct.Mean, 1e-12)
}
