package experiments

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/results"
)

// TestSameTaskTwice starts the same task twice on one output directory while the first is
// training: the second gets ErrBusy at once and writes nothing, the first finishes normally.
func TestSameTaskTwice(t *testing.T) {
	data := loadMNIST(t)
	out := t.TempDir()
	task := tinyTask(t, nil)
	training, release := make(chan struct{}), make(chan struct{})
	opt := quiet(out)
	opt.afterIter = func(s *core.State, _ core.Method) error {
		if s.Iter == 1 {
			close(training)
			<-release
		}
		return nil
	}
	type outcome struct {
		rec *results.Record
		err error
	}
	first := make(chan outcome, 1)
	go func() {
		rec, err := RunTask(context.Background(), task, data, opt)
		first <- outcome{rec, err}
	}()
	select {
	case <-training:
	case <-time.After(time.Minute):
		t.Fatal("first run never started training")
	}

	rec, err := RunTask(context.Background(), task, data, quiet(out))
	close(release)
	require.ErrorIs(t, err, ErrBusy)
	assert.Nil(t, rec)
	assert.Contains(t, err.Error(), runPath(out, task), "names the directory")

	got := <-first
	require.NoError(t, got.err)
	assert.Equal(t, results.StatusFinished, got.rec.Status)
	assert.Equal(t, 10, got.rec.Iterations)

	again, err := RunTask(context.Background(), task, data, quiet(out))
	require.NoError(t, err, "the lock is released when the run ends")
	assert.Equal(t, got.rec, again)
}

// lockHelperEnv names the run directory the helper process locks.
const lockHelperEnv = "SSGAN_TEST_LOCK_HELPER_DIR"

// TestLockHelperProcess is not a test: run by TestLockDiesWithProcess as a child, it locks a
// run directory, says so, and waits to be killed.
func TestLockHelperProcess(t *testing.T) {
	dir := os.Getenv(lockHelperEnv)
	if dir == "" {
		t.Skip("helper process for TestLockDiesWithProcess")
	}
	if _, err := openRunDir(dir); err != nil {
		os.Stdout.WriteString("error: " + err.Error() + "\n")
		os.Exit(2)
	}
	os.Stdout.WriteString("locked\n")
	time.Sleep(time.Minute)
	os.Exit(3)
}

// TestLockDiesWithProcess locks a run directory from another process: while it lives the
// directory is busy; once it is killed with SIGKILL (no cleanup runs) the lock is gone, though
// the lock file stays.
func TestLockDiesWithProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "exp", "seed1")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), lockHelperEnv+"="+dir)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "locked\n", line)

	_, err = openRunDir(dir)
	require.ErrorIs(t, err, ErrBusy, "locked by the live process")

	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait()
	assert.FileExists(t, filepath.Join(dir, LockFile), "the lock file outlives the process")
	d, err := openRunDir(dir)
	require.NoError(t, err, "no stale lock after the holder died")
	d.close()

	d, err = openRunDir(dir)
	require.NoError(t, err, "closing releases the lock")
	_, err = openRunDir(dir)
	assert.ErrorIs(t, err, ErrBusy, "a second open in the same process is refused too")
	d.close()
}
