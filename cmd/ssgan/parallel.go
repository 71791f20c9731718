package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/experiments"
)

// runParallel runs the tasks as child processes of this binary, f.jobs at a time, each with
// f.threads threads (1 by default), prefixing their output lines with the task name.
//
// When ctx is cancelled (SIGINT or SIGTERM to this process), no further task starts, every
// running child is sent SIGTERM and waited for, so that each writes its checkpoint, and the
// error says the tasks were interrupted: rerunning the same command resumes them all. A child
// that fails otherwise (before or after the signal) is reported as failed beside it.
func (f *runFlags) runParallel(ctx context.Context, cmd *cobra.Command, tasks []experiments.Task) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	threads := f.threads
	if threads <= 0 {
		threads = 1
	}
	out := cmd.OutOrStdout()
	var mu sync.Mutex
	work := make(chan experiments.Task)
	var wg sync.WaitGroup
	var failed, interrupted []string
	for j := 0; j < f.jobs; j++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range work {
				err := f.runChild(ctx, self, threads, t, out, &mu)
				var exit *exec.ExitError
				mu.Lock()
				switch {
				case err == nil:
				case errors.As(err, &exit) && exit.ExitCode() == exitInterrupted,
					ctx.Err() != nil && errors.Is(err, ctx.Err()): // cancelled before it started
					interrupted = append(interrupted, t.String())
				default:
					failed = append(failed, t.String())
				}
				mu.Unlock()
			}
		}()
	}
dispatch:
	for _, t := range tasks {
		select {
		case work <- t:
		case <-ctx.Done():
			break dispatch
		}
	}
	close(work)
	wg.Wait()
	var errs []error
	if len(failed) > 0 {
		errs = append(errs, fmt.Errorf("%d task(s) failed: %v", len(failed), failed))
	}
	if ctx.Err() != nil {
		errs = append(errs, fmt.Errorf("%w: %d running task(s) were sent SIGTERM and wrote their checkpoints", experiments.ErrInterrupted, len(interrupted)))
	}
	return errors.Join(errs...)
}

// runChild runs task t in a child process of self and copies its output lines to out, prefixed
// with the task's name, until the child has exited and its last line is written. A cancelled
// ctx sends the child SIGTERM and waits for it, however long its checkpoint takes (no
// WaitDelay: a kill would lose the iterations since its last checkpoint).
func (f *runFlags) runChild(ctx context.Context, self string, threads int, t experiments.Task, out io.Writer, mu *sync.Mutex) error {
	tmp, err := os.CreateTemp("", "ssgan-spec-*.yaml")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(t.Spec.YAML())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	args := []string{"run", tmp.Name(), "--seed", strconv.FormatUint(t.Seed.Model, 10), "--out", f.out,
		"--data-dir", f.dataDir, "--threads", strconv.Itoa(threads), "--shard", "0/1", "--log-every", strconv.Itoa(f.logEvery)}
	c := exec.CommandContext(ctx, self, args...)
	c.Cancel = func() error { return c.Process.Signal(syscall.SIGTERM) }
	// As many Go threads as compute threads: the jobs share the cores.
	c.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(threads))
	pr, pw := io.Pipe()
	c.Stdout, c.Stderr = pw, pw
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		prefixLines(out, mu, t.String(), pr)
	}()
	err = c.Run()
	pw.Close()
	<-copied
	return err
}

// prefixLines copies r to w line by line, each line prefixed with "[name] ", then drains r (a
// line too long for the scanner must not block the writer).
func prefixLines(w io.Writer, mu *sync.Mutex, name string, r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		mu.Lock()
		fmt.Fprintf(w, "[%s] %s\n", name, sc.Text())
		mu.Unlock()
	}
	io.Copy(io.Discard, r)
}
