package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/experiments"
	"github.com/ssgan/ssgan/results"
)

// longSpecYAML is a tiny model with an epoch far longer than the test waits.
const longSpecYAML = `name: tiny-long
base: mnist-ssgan-100
epochs: 1
iters_per_epoch: 1000000
model: {d_hidden: [20, 10], g_hidden: [20], init_rows: 100, batch: 10}
`

// lockedBuffer is a bytes.Buffer the children's output goroutines and the test share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestRunParallelInterrupted sends SIGTERM to `run --jobs 2` (this test process) while both of
// its child processes train: each child is sent SIGTERM, writes its checkpoint at the
// iteration it reached, says so and exits with exitInterrupted; the parent waits for both,
// starts no further task and reports the interruption, not a failure. (Before, the parent died
// at once and a child died on its next line of output into the closed pipe, without a
// checkpoint.)
func TestRunParallelInterrupted(t *testing.T) {
	data := mnistDirForRun(t)
	for _, v := range clusterVars {
		t.Setenv(v, "")
	}
	t.Setenv("SSGAN_TEST_AS_CLI", "1")
	spec := writeFile(t, "tiny-long.yaml", longSpecYAML)
	out := t.TempDir()

	ctx, cancel := context.WithCancel(context.Background())
	log := &lockedBuffer{}
	root := newRootCmd()
	root.SetOut(log)
	root.SetErr(log)
	root.SetArgs([]string{"run", spec, "--seeds", "3", "--jobs", "2", "--out", out, "--data-dir", data, "--log-every", "10"})
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	returned := false
	t.Cleanup(func() { // on a failure below, stop the children before their directory goes
		if !returned {
			cancel()
			<-done
		}
	})

	progress := regexp.MustCompile(`\[tiny-long/seed([12])\] .*iter [1-9][0-9]*/1000000`)
	require.Eventually(t, func() bool {
		seen := map[string]bool{}
		for _, m := range progress.FindAllStringSubmatch(log.String(), -1) {
			seen[m[1]] = true
		}
		return len(seen) == 2
	}, 2*time.Minute, 50*time.Millisecond, "both children training; output:\n%s", log.String())
	// The run's signal.NotifyContext is in place (its children started after it): the signal
	// cancels that context rather than killing this process.
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGTERM))
	var err error
	select {
	case err = <-done:
		returned = true
	case <-time.After(time.Minute):
		t.Fatalf("run did not return after SIGTERM; output:\n%s", log.String())
	}
	cancel()
	require.ErrorIs(t, err, experiments.ErrInterrupted)
	assert.Contains(t, err.Error(), "2 running task(s) were sent SIGTERM")
	got := log.String()
	for _, seed := range []string{"seed1", "seed2"} {
		dir := filepath.Join(out, "tiny-long", seed)
		assert.FileExists(t, filepath.Join(dir, "checkpoint.gob"), seed)
		assert.NoFileExists(t, filepath.Join(dir, results.RecordFile), seed)
		stopped := regexp.MustCompile(`\[tiny-long/` + seed + `\] ssgan: experiments: interrupted.* at iteration ([0-9]+)\)`).FindStringSubmatch(got)
		if assert.NotNil(t, stopped, "%s reported its checkpoint; output:\n%s", seed, got) {
			assert.NotEqual(t, "0", stopped[1], seed)
		}
	}
	_, statErr := os.Stat(filepath.Join(out, "tiny-long", "seed3"))
	assert.True(t, os.IsNotExist(statErr), "the third task never started")
	assert.False(t, strings.Contains(got, "task(s) failed"), "an interruption is not a failure")
}
