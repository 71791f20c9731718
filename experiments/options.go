package experiments

import (
	"io"
	"runtime"

	"github.com/ssgan/ssgan/internal/engine"
)

// Options are the settings of a run that do not change what is trained.
type Options struct {
	// OutDir is the root of the run directories, DIR/<experiment>/<seed>/.
	OutDir string
	// Log receives progress lines; nil discards them.
	Log io.Writer
	// Terminal redraws a progress line in place; otherwise plain lines are printed at intervals.
	Terminal bool
	// LogEvery is the interval in iterations of the plain progress lines (default 100).
	LogEvery int
}

// environment describes the machine a record was made on.
type environment struct {
	BLAS      string
	Threads   int
	GoVersion string
}

func currentEnvironment() environment {
	return environment{BLAS: engine.BLAS, Threads: engine.Threads(), GoVersion: runtime.Version()}
}
