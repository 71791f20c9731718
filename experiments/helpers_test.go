package experiments

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/internal/testutil"
	"github.com/ssgan/ssgan/results"
)

// repoRoot walks up from the test's directory to the one holding go.mod.
func repoRoot(t testing.TB) string { return testutil.RepoRoot(t) }

var (
	mnistOnce sync.Once
	mnistData *datasets.Dataset
	mnistErr  error
)

// loadMNIST returns the repository's MNIST (loaded once per test binary), skipping the test when
// the files are absent.
func loadMNIST(t testing.TB) *datasets.Dataset {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "data", "mnist")
	if _, err := os.Stat(filepath.Join(dir, datasets.TrainImagesFile+".gz")); err != nil {
		if _, err := os.Stat(filepath.Join(dir, datasets.TrainImagesFile)); err != nil {
			t.Skip("MNIST files absent from data/mnist (run `make data`)")
		}
	}
	mnistOnce.Do(func() { mnistData, mnistErr = datasets.Load(dir) })
	require.NoError(t, mnistErr)
	return mnistData
}

// tinySpec returns testdata/tiny.yaml (2 epochs of 5 iterations on small networks) with edit
// applied.
func tinySpec(t testing.TB, edit func(*Spec)) Spec {
	t.Helper()
	s, err := LoadSpec(filepath.Join("testdata", "tiny.yaml"))
	require.NoError(t, err)
	if edit != nil {
		edit(&s)
		require.NoError(t, s.Validate())
	}
	return s
}

// tinyTask is tinySpec on seed pair (1, 1).
func tinyTask(t testing.TB, edit func(*Spec)) Task {
	return Task{Spec: tinySpec(t, edit), Seed: Seed{Model: 1, Data: 1}}
}

// quiet returns Options writing under out with progress lines discarded.
func quiet(out string) Options { return Options{OutDir: out, Log: io.Discard} }

// runTask runs t to completion under out and returns its record.
func runTask(t testing.TB, task Task, out string) *results.Record {
	t.Helper()
	rec, err := RunTask(context.Background(), task, loadMNIST(t), quiet(out))
	require.NoError(t, err)
	require.NotNil(t, rec)
	return rec
}

// runPath is the run directory of task under out.
func runPath(out string, task Task) string {
	return filepath.Join(out, task.Spec.Name, task.Seed.Dir())
}

// timeless reads a JSON object (a result.json) or JSON lines (metrics.jsonl) as generic values
// with every wall-clock field removed, so two runs can be compared exactly.
func timeless(t testing.TB, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []map[string]any
	dec := json.NewDecoder(f)
	for dec.More() {
		var v map[string]any
		require.NoError(t, dec.Decode(&v), path)
		for _, k := range []string{"seconds", "seconds_per_epoch"} {
			delete(v, k)
		}
		out = append(out, v)
	}
	return out
}
