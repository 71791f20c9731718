package main

import (
	"bufio"
	"context"
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
// error says the tasks were interrupted: rerunning the same command resumes them all.
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
	var failed []string
	for j := 0; j < f.jobs; j++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range work {
				spec := t.Spec.Name + ".yaml"
				tmp, err := os.CreateTemp("", "ssgan-spec-*.yaml")
				if err == nil {
					_, err = tmp.Write(t.Spec.YAML())
					tmp.Close()
					spec = tmp.Name()
				}
				if err == nil {
					args := []string{"run", spec, "--seed", strconv.FormatUint(t.Seed.Model, 10), "--out", f.out,
						"--data-dir", f.dataDir, "--threads", strconv.Itoa(threads), "--shard", "0/1", "--log-every", strconv.Itoa(f.logEvery)}
					c := exec.CommandContext(ctx, self, args...)
					// Cancelled: ask the child to checkpoint and stop, and wait for it, however long
					// its checkpoint takes (no WaitDelay; a kill would lose the iterations since the
					// last one).
					c.Cancel = func() error { return c.Process.Signal(syscall.SIGTERM) }
					// As many Go threads as compute threads: the jobs share the cores.
					c.Env = append(os.Environ(), "GOMAXPROCS="+strconv.Itoa(threads))
					pr, pw := io.Pipe()
					c.Stdout, c.Stderr = pw, pw
					go prefixLines(out, &mu, t.String(), pr)
					err = c.Run()
					pw.Close()
				}
				os.Remove(spec)
				if err != nil && ctx.Err() == nil {
					mu.Lock()
					failed = append(failed, t.String())
					mu.Unlock()
				}
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
	if ctx.Err() != nil {
		return fmt.Errorf("%w: the running tasks were sent SIGTERM and wrote their checkpoints", experiments.ErrInterrupted)
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d task(s) failed: %v", len(failed), failed)
	}
	return nil
}

// prefixLines copies r to w line by line, each line prefixed with "[name] ".
func prefixLines(w io.Writer, mu *sync.Mutex, name string, r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		mu.Lock()
		fmt.Fprintf(w, "[%s] %s\n", name, sc.Text())
		mu.Unlock()
	}
}
