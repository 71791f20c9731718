// Package cluster_test checks the cluster job templates in this directory against the task
// list the command they run implies.
package cluster_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/ssgan/ssgan/experiments"
)

// runCommand is what an `ssgan run` command line asks for.
type runCommand struct {
	experiments []string
	seeds       int
	out         string
	dataDir     string
	threads     string
	shard       bool // an explicit --shard (the templates must take it from the environment)
}

// parseRun reads the arguments after "run" the way `ssgan run` does (flags with a value).
func parseRun(t *testing.T, args []string) runCommand {
	t.Helper()
	c := runCommand{seeds: 1}
	for i := 0; i < len(args); i++ {
		a := strings.Trim(args[i], `"'`)
		if !strings.HasPrefix(a, "--") {
			c.experiments = append(c.experiments, a)
			continue
		}
		name, val, ok := strings.Cut(a, "=")
		if !ok {
			require.Less(t, i+1, len(args), "flag %s needs a value", a)
			i++
			val = strings.Trim(args[i], `"'`)
		}
		switch name {
		case "--seeds":
			n, err := strconv.Atoi(val)
			require.NoError(t, err, "--seeds %q", val)
			c.seeds = n
		case "--out":
			c.out = val
		case "--data-dir":
			c.dataDir = val
		case "--threads":
			c.threads = val
		case "--shard":
			c.shard = true
		}
	}
	return c
}

// tasks lists the (experiment, seed) tasks of the command in shard order, as `ssgan run` does:
// registered names, and spec or sweep files (relative to this directory).
func (c runCommand) tasks(t *testing.T) []experiments.Task {
	t.Helper()
	require.NotEmpty(t, c.experiments)
	var specs []experiments.Spec
	for _, name := range c.experiments {
		if strings.HasSuffix(name, ".yaml") {
			points, err := experiments.LoadSpecs(name)
			require.NoError(t, err)
			specs = append(specs, points...)
			continue
		}
		s, ok := experiments.Lookup(name)
		require.True(t, ok, "unknown experiment %q", name)
		specs = append(specs, s)
	}
	seeds, err := experiments.SeedRange(1, c.seeds)
	require.NoError(t, err)
	return experiments.Tasks(specs, seeds)
}

// checkShards checks that the n shards, each given its index and count by setEnv as the
// scheduler would, run one task each and all the tasks between them.
func checkShards(t *testing.T, tasks []experiments.Task, n int, setEnv func(i int)) {
	t.Helper()
	seen := map[string]int{}
	for i := range n {
		setEnv(i)
		shard := experiments.ShardFromEnv()
		idx, count, err := experiments.ParseShard(shard)
		require.NoError(t, err, "index %d: shard %q", i, shard)
		mine := experiments.Shard(tasks, idx, count)
		require.Len(t, mine, 1, "index %d (shard %s) runs one task", i, shard)
		if j, dup := seen[mine[0].String()]; dup {
			t.Errorf("indexes %d and %d both run %s", j, i, mine[0])
		}
		seen[mine[0].String()] = i
	}
	assert.Len(t, seen, len(tasks), "the indexes run every task")
}

// TestIndexedJob checks the Kubernetes manifest: an Indexed Job with one completion per task,
// SSGAN_SHARDS equal to it, retries, and --out and --data-dir on a mounted volume.
func TestIndexedJob(t *testing.T) {
	b, err := os.ReadFile("ssgan-indexed-job.yaml")
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, yaml.Unmarshal(b, &m))
	assert.Equal(t, "batch/v1", m["apiVersion"])
	assert.Equal(t, "Job", m["kind"])
	spec := m["spec"].(map[string]any)
	assert.Equal(t, "Indexed", spec["completionMode"])
	assert.Positive(t, spec["backoffLimit"], "failed pods are retried")
	pod := spec["template"].(map[string]any)["spec"].(map[string]any)
	assert.Equal(t, "Never", pod["restartPolicy"])
	containers := pod["containers"].([]any)
	require.Len(t, containers, 1)
	ctr := containers[0].(map[string]any)

	var argv []string
	for _, key := range []string{"command", "args"} {
		for _, a := range asList(ctr[key]) {
			argv = append(argv, a.(string))
		}
	}
	i := indexOf(argv, "run")
	require.GreaterOrEqual(t, i, 0, "the container runs `ssgan run`: %v", argv)
	cmd := parseRun(t, argv[i+1:])
	tasks := cmd.tasks(t)
	n := len(tasks)
	assert.Equal(t, 6, n, "2 experiments x 3 seeds")
	assert.Equal(t, n, spec["completions"], "one completion index per task")
	assert.LessOrEqual(t, spec["parallelism"], n)
	assert.False(t, cmd.shard, "the shard comes from JOB_COMPLETION_INDEX and SSGAN_SHARDS")

	env := map[string]string{}
	for _, e := range asList(ctr["env"]) {
		kv := e.(map[string]any)
		env[kv["name"].(string)], _ = kv["value"].(string)
	}
	assert.Equal(t, strconv.Itoa(n), env["SSGAN_SHARDS"])
	assert.NotContains(t, env, "JOB_COMPLETION_INDEX", "Kubernetes sets it")
	t.Setenv("SLURM_ARRAY_TASK_ID", "")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "")
	completions, _ := spec["completions"].(int)
	checkShards(t, tasks, completions, func(i int) {
		t.Setenv("JOB_COMPLETION_INDEX", strconv.Itoa(i))
		t.Setenv("SSGAN_SHARDS", env["SSGAN_SHARDS"])
	})

	var mounts []string
	for _, v := range asList(ctr["volumeMounts"]) {
		mounts = append(mounts, v.(map[string]any)["mountPath"].(string))
	}
	for _, path := range []string{cmd.out, cmd.dataDir} {
		require.NotEmpty(t, path)
		assert.True(t, underAny(path, mounts), "%s is on a shared volume %v", path, mounts)
	}
	volumes := asList(pod["volumes"])
	require.Len(t, volumes, 1)
	assert.Contains(t, volumes[0].(map[string]any), "persistentVolumeClaim")
}

// TestArrayJob checks the Slurm script: bash accepts it, and its --array range has one index
// per task of the command it runs, starting at 0 as ssgan's shard index does, both for its
// default experiments and for those the environment gives it (the sweep make test-slurm runs).
// The script runs under bash with a stub for the binary, so what is checked is the command line
// the script builds.
func TestArrayJob(t *testing.T) {
	b, err := os.ReadFile("ssgan-array.sbatch")
	require.NoError(t, err)
	script := string(b)
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	out, err := exec.Command(bash, "-n", "ssgan-array.sbatch").CombinedOutput()
	require.NoError(t, err, "bash -n: %s", out)

	m := regexp.MustCompile(`(?m)^#SBATCH\s+--array[= ](\d+)-(\d+)(%\d+)?\s*$`).FindStringSubmatch(script)
	require.NotNil(t, m, "an #SBATCH --array=LO-HI line")
	lo, _ := strconv.Atoi(m[1])
	hi, _ := strconv.Atoi(m[2])
	assert.Equal(t, 0, lo, "ssgan's shard index starts at 0")
	cpus := regexp.MustCompile(`(?m)^#SBATCH\s+--cpus-per-task[= ](\d+)\s*$`).FindStringSubmatch(script)
	require.NotNil(t, cpus, "an #SBATCH --cpus-per-task=N line")

	tests := []struct {
		name    string
		env     []string
		tasks   int
		threads string
	}{
		{"defaults: the headline comparison", nil, 6, cpus[1]},
		{"the test-slurm sweep from the environment", []string{
			"SSGAN_EXPERIMENTS=testdata/tiny-sweep.yaml testdata/tiny-supervised.yaml", "SSGAN_SEEDS=2", "SSGAN_THREADS=1",
		}, 6, "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			argv := scriptArgs(t, bash, tt.env, cpus[1])
			require.GreaterOrEqual(t, len(argv), 1)
			require.Equal(t, "run", argv[0], "the script runs `$SSGAN run ...`: %v", argv)
			cmd := parseRun(t, argv[1:])
			tasks := cmd.tasks(t)
			assert.Len(t, tasks, tt.tasks)
			assert.Equal(t, len(tasks), hi-lo+1, "one array index per task")
			assert.False(t, cmd.shard, "the shard comes from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT")
			assert.Equal(t, "/shared/runs", cmd.out)
			assert.Equal(t, tt.threads, cmd.threads)
			t.Setenv("JOB_COMPLETION_INDEX", "")
			checkShards(t, tasks, hi-lo+1, func(i int) {
				t.Setenv("SLURM_ARRAY_TASK_ID", strconv.Itoa(i))
				t.Setenv("SLURM_ARRAY_TASK_COUNT", strconv.Itoa(hi-lo+1))
			})
		})
	}
}

// scriptArgs runs the Slurm script under bash as Slurm would start array task 0, with env added
// and a stub for the ssgan binary, and returns the arguments the script gives the binary.
func scriptArgs(t *testing.T, bash string, env []string, cpus string) []string {
	t.Helper()
	stub := filepath.Join(t.TempDir(), "ssgan")
	require.NoError(t, os.WriteFile(stub, []byte("#!/bin/sh\nfor a in \"$@\"; do printf 'ARG %s\\n' \"$a\"; done\n"), 0o755))
	c := exec.Command(bash, "ssgan-array.sbatch")
	c.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "SSGAN=" + stub, "OUT=/shared/runs",
		"SLURM_ARRAY_TASK_ID=0", "SLURM_ARRAY_TASK_COUNT=6", "SLURM_CPUS_PER_TASK=" + cpus}, env...)
	out, err := c.CombinedOutput()
	require.NoError(t, err, "%s", out)
	var argv []string
	for _, line := range strings.Split(string(out), "\n") {
		if a, ok := strings.CutPrefix(line, "ARG "); ok {
			argv = append(argv, a)
		}
	}
	return argv
}

// TestReadme checks that the README names both templates, the merge and sweep commands, the
// variables of the Slurm script and its live test, and says that Kubernetes is never started.
func TestReadme(t *testing.T) {
	b, err := os.ReadFile("README.md")
	require.NoError(t, err)
	for _, w := range []string{"ssgan-array.sbatch", "ssgan-indexed-job.yaml", "ssgan table", "ssgan sweep",
		"SSGAN_EXPERIMENTS", "make test-slurm", "Nothing in this repository can start Kubernetes"} {
		assert.Contains(t, string(b), w)
	}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

func underAny(path string, dirs []string) bool {
	for _, d := range dirs {
		if path == d || strings.HasPrefix(path, strings.TrimSuffix(d, "/")+"/") {
			return true
		}
	}
	return false
}
