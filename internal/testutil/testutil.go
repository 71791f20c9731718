// Package testutil holds helpers shared by the tests of several packages.
package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

// RepoRoot walks up from the test's working directory to the directory holding go.mod, skipping
// the test when there is none.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("testutil: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root (go.mod) not found")
		}
		dir = parent
	}
}

// MNISTDir returns the repository's data/mnist directory, skipping the test when the MNIST
// files are absent (run `make data`).
func MNISTDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(RepoRoot(t), "data", "mnist")
	for _, name := range []string{"train-images-idx3-ubyte.gz", "train-images-idx3-ubyte"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return dir
		}
	}
	t.Skipf("MNIST files absent from %s (run `make data`)", dir)
	return ""
}
