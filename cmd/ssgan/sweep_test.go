package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/experiments"
	"github.com/ssgan/ssgan/results"
)

// tinySweepYAML is tinySpecYAML swept over two learning rates.
const tinySweepYAML = `name: tiny-sweep
base: mnist-ssgan-100
epochs: 1
iters_per_epoch: 3
model: {lr: [0.003, 0.001], d_hidden: [20, 10], g_hidden: [20], init_rows: 100, batch: 10}
`

// TestSweepLists checks `ssgan sweep`: the points with their values, the tasks in shard order
// and the array size, and with --write specs that read back as the same experiments.
func TestSweepLists(t *testing.T) {
	sweep := writeFile(t, "tiny-sweep.yaml", tinySweepYAML)
	dir := filepath.Join(t.TempDir(), "specs")
	out, errLine := execRoot(t, nil, "sweep", sweep, "mnist-supervised-100", "--seeds", "2", "--write", dir)
	require.Empty(t, errLine)
	assertOutput(t, out, []string{
		"3 experiment(s):",
		"  tiny-sweep+lr-0.003   sweep tiny-sweep: model.lr=0.003\n",
		"  mnist-supervised-100  -\n",
		"6 task(s) = 3 experiment(s) x 2 seed(s)",
		"0  tiny-sweep+lr-0.003/seed1\n",
		"3  tiny-sweep+lr-0.001/seed2\n",
		"5  mnist-supervised-100/seed2\n",
		"Slurm --array=0-5; Kubernetes completions: 6 and SSGAN_SHARDS=6.",
		"Wrote 3 spec(s) to " + dir,
	}, nil)

	want, err := experiments.LoadSpecs(sweep)
	require.NoError(t, err)
	for _, s := range want {
		back, err := experiments.LoadSpecs(filepath.Join(dir, s.Name+".yaml"))
		require.NoError(t, err)
		require.Len(t, back, 1)
		assert.Equal(t, s, back[0])
	}
	assert.FileExists(t, filepath.Join(dir, "mnist-supervised-100.yaml"))
}

// TestSweepBadInput checks that a bad sweep fails with one line naming the file and the field,
// in `ssgan sweep` and in `ssgan run` alike.
func TestSweepBadInput(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"empty list", "name: x\nmodel: {lr: []}\n", "line 2: model.lr: empty list of values"},
		{"mixed types", "name: x\nlabels_per_class: [2, ten]\n", "line 2: labels_per_class: mixed types"},
		{"unknown field", "name: x\nmodel: {lrate: [0.1, 0.2]}\n", "line 2: unknown field model.lrate"},
	}
	for _, tt := range tests {
		for _, command := range []string{"sweep", "run"} {
			t.Run(tt.name+"/"+command, func(t *testing.T) {
				path := writeFile(t, "bad.yaml", tt.yaml)
				args := []string{command, path}
				if command == "run" {
					args = append(args, "--out", t.TempDir())
				}
				_, errLine := execRoot(t, nil, args...)
				assert.True(t, strings.HasPrefix(errLine, "ssgan: experiments: "+path+": "), errLine)
				assert.Contains(t, errLine, tt.want)
				assert.NotContains(t, errLine, "\n")
			})
		}
	}
}

// TestRunSweep runs a sweep file like any experiment, sharded as a job array would: the two
// shards each run their point, the records carry the swept value, and `ssgan table` shows the
// sweep's own table.
func TestRunSweep(t *testing.T) {
	data := mnistDirForRun(t)
	sweep := writeFile(t, "tiny-sweep.yaml", tinySweepYAML)
	out := t.TempDir()
	for i, name := range []string{"tiny-sweep+lr-0.003", "tiny-sweep+lr-0.001"} {
		log, errLine := execRoot(t, map[string]string{"SLURM_ARRAY_TASK_ID": []string{"0", "1"}[i], "SLURM_ARRAY_TASK_COUNT": "2"},
			"run", sweep, "--out", out, "--data-dir", data, "--threads", "1", "--jobs", "1")
		require.Empty(t, errLine, log)
		assert.Contains(t, log, name+"/seed1: finished")
		rec, err := results.ReadRecord(filepath.Join(out, name, "seed1", results.RecordFile))
		require.NoError(t, err)
		require.NotNil(t, rec.Sweep)
		assert.Equal(t, results.Sweep{Name: "tiny-sweep", Values: []string{"model.lr=" + strings.TrimPrefix(name, "tiny-sweep+lr-")}}, *rec.Sweep)
	}
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "one directory per point")

	table, errLine := execRoot(t, nil, "table", out, "--no-reference")
	require.Empty(t, errLine)
	assertOutput(t, table, []string{"Sweep tiny-sweep", "model.lr", "0.001", "0.003"}, nil)
}
