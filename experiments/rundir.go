package experiments

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/ssgan/ssgan/results"
)

// Files of a run directory DIR/<experiment>/<seed>/.
const (
	SpecFile       = "spec.yaml"
	SplitFile      = "split.json"
	MetricsFile    = results.MetricsLogFile
	CheckpointFile = "checkpoint.gob"
	LockFile       = "lock"
)

// ErrBusy reports a run directory held by another process.
var ErrBusy = errors.New("experiments: run directory is in use by another process")

// Seed is a (model seed, data seed) pair: the model seed drives initialisation and training
// noise, the data seed the labeled split and the batch order.
type Seed struct {
	Model, Data uint64
}

// Dir is the seed's directory name.
func (s Seed) Dir() string {
	if s.Model == s.Data {
		return fmt.Sprintf("seed%d", s.Model)
	}
	return fmt.Sprintf("seed%d-data%d", s.Model, s.Data)
}

// runDir is an open, locked run directory.
type runDir struct {
	path string
	lock *os.File
}

// openRunDir creates the directory if needed, checks that it is writable, and takes its lock
// (an flock, released by the kernel if the process dies, so a kill -9 never leaves it stale).
// A directory locked by another process gives ErrBusy.
func openRunDir(path string) (*runDir, error) {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("experiments: output directory %s: %w", path, err)
	}
	f, err := os.OpenFile(filepath.Join(path, LockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("experiments: output directory %s is not writable: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: %s", ErrBusy, path)
		}
		return nil, fmt.Errorf("experiments: lock %s: %w", path, err)
	}
	fmt.Fprintf(f, "%d\n", os.Getpid())
	return &runDir{path: path, lock: f}, nil
}

// file returns the path of a file in the run directory.
func (d *runDir) file(name string) string { return filepath.Join(d.path, name) }

// exists reports whether a file of the run directory exists.
func (d *runDir) exists(name string) bool {
	_, err := os.Stat(d.file(name))
	return err == nil
}

// close releases the lock.
func (d *runDir) close() {
	syscall.Flock(int(d.lock.Fd()), syscall.LOCK_UN)
	d.lock.Close()
}

// checkSpec writes the resolved spec on first use and refuses a changed one afterwards.
func (d *runDir) checkSpec(s Spec) error {
	path := d.file(SpecFile)
	if old, err := LoadSpec(path); err == nil {
		if old.Hash() != s.Hash() {
			return fmt.Errorf("experiments: %s was made by a different spec (hash %s, now %s); use another --out or restore the spec", d.path, old.Hash(), s.Hash())
		}
		if s.Epochs <= old.Epochs && s.Iterations <= old.Iterations {
			return nil
		}
		// A longer run of the same spec extends this one: the saved spec says so.
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("experiments: existing run %s: %w", d.path, err)
	}
	return writeFile(path, s.YAML())
}

// finishedRecord returns the directory's record when it says the run already ended: it diverged,
// or it finished at least iters iterations under the spec of the given hash (a spec asking for
// more extends a finished run from its checkpoint). A missing or unreadable record, or one of
// another spec, is not an ended run.
func (d *runDir) finishedRecord(specHash string, iters int) (*results.Record, bool) {
	rec, err := results.ReadRecord(d.file(results.RecordFile))
	if err != nil || rec.ConfigHash != specHash {
		return nil, false
	}
	done := rec.Status == results.StatusDiverged ||
		rec.Status == results.StatusFinished && rec.Iterations >= iters
	return &rec, done
}
