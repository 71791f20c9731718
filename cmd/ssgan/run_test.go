package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/internal/testutil"
)

// clusterVars are the environment variables that pick a shard; tests clear them.
var clusterVars = []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "JOB_COMPLETION_INDEX", "SSGAN_SHARDS"}

// execRoot runs the whole command tree with args as main does and returns its output and the
// line main would print on error ("" when none).
func execRoot(t *testing.T, env map[string]string, args ...string) (out, errLine string) {
	t.Helper()
	for _, v := range clusterVars {
		t.Setenv(v, env[v])
	}
	root := newRootCmd()
	var buf bytes.Buffer
	root.SetOut(&buf)
	root.SetErr(&buf)
	root.SetArgs(args)
	var err error
	require.NotPanics(t, func() { err = root.Execute() })
	if err != nil {
		errLine = "ssgan: " + err.Error()
	}
	return buf.String(), errLine
}

// mnistDirForRun returns the repository's data/mnist, or skips the test when it is absent.
func mnistDirForRun(t *testing.T) string { return testutil.MNISTDir(t) }

// tinySpecYAML is a spec file of a run that takes about a second.
const tinySpecYAML = `name: tiny-cli
base: mnist-ssgan-100
epochs: 1
iters_per_epoch: 3
model: {d_hidden: [20, 10], g_hidden: [20], init_rows: 100, batch: 10}
`

// writeFile writes body to name in a new temporary directory and returns its path.
func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
	return path
}

// TestRunBadInput gives "run" bad arguments: each fails with one clear line, before any data
// is read or any run directory made, and never panics.
func TestRunBadInput(t *testing.T) {
	regular := writeFile(t, "a-file", "x")
	missing := filepath.Join(t.TempDir(), "no-mnist-here")
	badSpec := writeFile(t, "bad.yaml", "name: x\nepoch: 3\n")
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want []string
	}{
		{"zero seeds", nil, []string{"run", "mnist-ssgan-100", "--seeds", "0"}, []string{"--seeds 0", "at least one seed"}},
		{"negative seeds", nil, []string{"run", "mnist-ssgan-100", "--seeds", "-2"}, []string{"--seeds -2"}},
		{"shard index past count", nil, []string{"run", "mnist-ssgan-100", "--shard", "3/2"}, []string{`--shard "3/2"`, "0 <= I < N"}},
		{"shard index not a number", nil, []string{"run", "mnist-ssgan-100", "--shard", "x/2"}, []string{`--shard "x/2"`, `index "x" is not a number`}},
		{"shard without slash", nil, []string{"run", "mnist-ssgan-100", "--shard", "1"}, []string{"want I/N"}},
		{"unknown experiment", nil, []string{"run", "mnist-ssgan-1000"}, []string{`unknown experiment "mnist-ssgan-1000"`, "ssgan list"}},
		{"second experiment unknown", nil, []string{"run", "mnist-ssgan-100", "nope"}, []string{`unknown experiment "nope"`}},
		{"missing spec file", nil, []string{"run", "/no/such/spec.yaml"}, []string{"/no/such/spec.yaml", "no such file"}},
		{"misspelt spec key", nil, []string{"run", badSpec}, []string{"bad.yaml", "line 2", "unknown field epoch"}},
		{"no experiment", nil, []string{"run"}, []string{"requires at least 1 arg"}},
		{"unknown flag", nil, []string{"run", "mnist-ssgan-100", "--sedes", "3"}, []string{"unknown flag: --sedes"}},
		{"zero jobs", nil, []string{"run", "mnist-ssgan-100", "--jobs", "0"}, []string{"--jobs 0"}},
		{"negative epochs", nil, []string{"run", "mnist-ssgan-100", "--epochs", "-1"}, []string{"--epochs"}},
		{"index without count in env", map[string]string{"JOB_COMPLETION_INDEX": "1"}, []string{"run", "mnist-ssgan-100"},
			[]string{"shard from the environment", "SSGAN_SHARDS", `count "" is not a number`}},
		{"slurm index past count", map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4"}, []string{"run", "mnist-ssgan-100"},
			[]string{"shard from the environment", `"4/4"`}},
		{"output under a file", nil, []string{"run", "mnist-ssgan-100", "--out", filepath.Join(regular, "runs"), "--data-dir", missing},
			[]string{"output directory " + filepath.Join(regular, "runs"), "cannot be created"}},
		{"missing data", nil, []string{"run", "mnist-ssgan-100", "--data-dir", missing}, []string{"datasets:", missing}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if !contains(args, "--out") {
				args = append(args, "--out", filepath.Join(t.TempDir(), "runs"))
			}
			if !contains(args, "--data-dir") {
				args = append(args, "--data-dir", missing)
			}
			out, line := execRoot(t, tt.env, args...)
			requireOneLineError(t, out, line, tt.want)
		})
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestRunEmptyShard runs a shard beyond the tasks (3 array tasks for 2 runs): it has nothing to
// do and says so without loading the data.
func TestRunEmptyShard(t *testing.T) {
	out, line := execRoot(t, nil, "run", "mnist-ssgan-100", "--seeds", "2", "--shard", "2/3",
		"--out", t.TempDir(), "--data-dir", filepath.Join(t.TempDir(), "absent"))
	assert.Empty(t, line)
	assert.True(t, strings.Contains(out, "no task in this shard"), out)
}
