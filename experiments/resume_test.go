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

// interruptAt returns Options whose run is cancelled, as by SIGINT, after iteration stop.
func interruptAt(out string, stop int) (context.Context, Options) {
	ctx, cancel := context.WithCancel(context.Background())
	opt := quiet(out)
	opt.afterIter = func(s *core.State, _ core.Method) error {
		if s.Iter == stop {
			cancel()
		}
		return nil
	}
	return ctx, opt
}

// TestResume interrupts a tiny run (2 epochs of 5 iterations) at several points, leaves debris
// a crash could leave, and resumes it with the same call: the resumed run must end with exactly
// the numbers of an uninterrupted one.
func TestResume(t *testing.T) {
	data := loadMNIST(t)
	task := tinyTask(t, nil)
	ref := t.TempDir()
	runTask(t, task, ref)
	want := map[string][]map[string]any{}
	for _, f := range []string{MetricsFile, results.RecordFile} {
		want[f] = timeless(t, filepath.Join(runPath(ref, task), f))
	}

	tests := []struct {
		name   string
		stop   int
		debris map[string]string // files written into the run directory before resuming
	}{
		{name: "mid first epoch", stop: 3},
		{name: "at an epoch end", stop: 5},
		{name: "mid second epoch", stop: 7},
		{name: "torn temporary files", stop: 7, debris: map[string]string{
			CheckpointFile + ".123.tmp":   "\x00garbage, not a gob",
			results.RecordFile + ".x.tmp": `{"experiment": "tiny-ssgan", "status": "fini`,
			SpecFile + ".9.tmp":           "name: [",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			ctx, opt := interruptAt(out, tt.stop)
			rec, err := RunTask(ctx, task, data, opt)
			require.ErrorIs(t, err, ErrInterrupted)
			assert.Nil(t, rec)
			dir := runPath(out, task)
			ck, err := LoadCheckpoint(filepath.Join(dir, CheckpointFile))
			require.NoError(t, err)
			assert.Equal(t, tt.stop, ck.Iter, "checkpoint written at the interruption")
			assert.NoFileExists(t, filepath.Join(dir, results.RecordFile))
			for name, body := range tt.debris {
				require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
			}

			var log bytes.Buffer
			opt = quiet(out)
			opt.Log = &log
			rec, err = RunTask(context.Background(), task, data, opt)
			require.NoError(t, err)
			assert.Equal(t, results.StatusFinished, rec.Status)
			assert.Contains(t, log.String(), "resuming tiny-ssgan seed1 from iteration")
			for f, w := range want {
				assert.Equal(t, w, timeless(t, filepath.Join(dir, f)), f)
			}
			recs, err := results.Collect(out)
			require.NoError(t, err)
			assert.Len(t, recs, 1, "temporary files are not records")
		})
	}
}

// TestTornMetricsLine resumes a run whose metrics.jsonl ends in a half-written line (a crash
// during the append): the torn line is dropped and the log ends as an uninterrupted one's.
func TestTornMetricsLine(t *testing.T) {
	data := loadMNIST(t)
	task := tinyTask(t, nil)
	ref, out := t.TempDir(), t.TempDir()
	runTask(t, task, ref)
	ctx, opt := interruptAt(out, 5)
	_, err := RunTask(ctx, task, data, opt)
	require.ErrorIs(t, err, ErrInterrupted)
	f, err := os.OpenFile(filepath.Join(runPath(out, task), MetricsFile), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"epoch": 2, "iter": 10, "test_err`)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	runTask(t, task, out)
	assert.Equal(t, timeless(t, filepath.Join(runPath(ref, task), MetricsFile)),
		timeless(t, filepath.Join(runPath(out, task), MetricsFile)))
}

// TestResumeUnderAnotherBLAS resumes a run whose checkpoint says what BLAS trained it so far: on
// other kernels (as after a move to another machine) the log says so and the record lists both,
// oldest first; from a checkpoint written before the list was kept, the record says that the
// first BLAS is unknown, without a warning; on the same BLAS there is neither.
func TestResumeUnderAnotherBLAS(t *testing.T) {
	data := loadMNIST(t)
	task := tinyTask(t, nil)
	here := currentEnvironment().BLAS
	tests := []struct {
		name       string
		stored     []byte // the checkpoint's list; nil: none (an older checkpoint)
		wantLog    bool
		wantBLASes []string
	}{
		{"other kernels", []byte(`["openblas/OtherCore"]`), true, []string{"openblas/OtherCore", here}},
		{"checkpoint before the list", nil, false, []string{unrecorded, here}},
		{"the same BLAS", []byte(`["` + here + `"]`), false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			ctx, opt := interruptAt(out, 3)
			_, err := RunTask(ctx, task, data, opt)
			require.ErrorIs(t, err, ErrInterrupted)
			path := filepath.Join(runPath(out, task), CheckpointFile)
			ck, err := LoadCheckpoint(path)
			require.NoError(t, err)
			assert.JSONEq(t, `["`+here+`"]`, string(ck.Extra[blasesKey]), "the checkpoint names the BLAS that trained it")
			delete(ck.Extra, blasesKey)
			if tt.stored != nil {
				ck.Extra[blasesKey] = tt.stored
			}
			require.NoError(t, SaveCheckpoint(path, ck))

			var log bytes.Buffer
			opt = quiet(out)
			opt.Log = &log
			rec, err := RunTask(context.Background(), task, data, opt)
			require.NoError(t, err)
			const warning = "trained so far under BLAS openblas/OtherCore, resumed under "
			if tt.wantLog {
				assert.Contains(t, log.String(), warning+here)
			} else {
				assert.NotContains(t, log.String(), "trained so far under BLAS")
			}
			assert.Equal(t, tt.wantBLASes, rec.BLASes)
			assert.Equal(t, here, rec.BLAS)
		})
	}
}
