package experiments

import (
	"github.com/ssgan/ssgan/internal/buildinfo"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/datasets"
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
	// Progress, when not nil (a terminal), shows a classifier run's progress as a bar with its
	// rate and time left, drawn there in place of the plain progress lines; Log still gets the
	// epoch lines.
	Progress io.Writer
	// afterIter, when set, runs after every iteration of a run, after the lifecycle's
	// own hooks; tests use it to interrupt a run at a chosen iteration or to poison its model.
	afterIter func(s *core.State, m core.Method) error
	// dataset is the identity of the task's data, which RunTask sets for the result record.
	dataset datasets.Identity
}

// environment describes the machine a record was made on.
type environment struct {
	BLAS      string
	Threads   int
	GoVersion string
	CPU       string
	Commit    string
}

func currentEnvironment() environment {
	blas := engine.BLAS
	if c := engine.CoreName(); c != "" {
		blas += "/" + c
	}
	if engine.NativeThreads() { // OpenBLAS's own threads: other blocks, other bits
		blas += "+native"
	}
	return environment{BLAS: blas, Threads: engine.Workers(), GoVersion: runtime.Version(), CPU: cpuModel(),
		Commit: buildinfo.Revision()}
}

// cpuModel is the processor model from /proc/cpuinfo ("" where unavailable).
func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
