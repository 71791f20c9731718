// Package cluster_test checks the cluster job templates in this directory against the task
// list the command they run implies.
package cluster_test

import (
	"os"
	"os/exec"
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
		case "--shard":
			c.shard = true
		}
	}
	return c
}

// tasks counts the (experiment, seed) tasks of the command, checking every experiment exists.
func (c runCommand) tasks(t *testing.T) int {
	t.Helper()
	require.NotEmpty(t, c.experiments)
	var specs []experiments.Spec
	for _, name := range c.experiments {
		s, ok := experiments.Lookup(name)
		require.True(t, ok, "unknown experiment %q", name)
		specs = append(specs, s)
	}
	seeds, err := experiments.SeedRange(1, c.seeds)
	require.NoError(t, err)
	return len(experiments.Tasks(specs, seeds))
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
	n := cmd.tasks(t)
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
// per task of the command it runs, starting at 0 as ssgan's shard index does.
func TestArrayJob(t *testing.T) {
	b, err := os.ReadFile("ssgan-array.sbatch")
	require.NoError(t, err)
	script := string(b)
	if bash, err := exec.LookPath("bash"); err == nil {
		out, err := exec.Command(bash, "-n", "ssgan-array.sbatch").CombinedOutput()
		require.NoError(t, err, "bash -n: %s", out)
	}

	m := regexp.MustCompile(`(?m)^#SBATCH\s+--array[= ](\d+)-(\d+)(%\d+)?\s*$`).FindStringSubmatch(script)
	require.NotNil(t, m, "an #SBATCH --array=LO-HI line")
	lo, _ := strconv.Atoi(m[1])
	hi, _ := strconv.Atoi(m[2])
	assert.Equal(t, 0, lo, "ssgan's shard index starts at 0")

	var argv []string
	for _, line := range strings.Split(script, "\n") {
		f := strings.Fields(line)
		if i := indexOf(f, "run"); i > 0 && !strings.HasPrefix(line, "#") && strings.Contains(f[i-1], "SSGAN") {
			argv = f[i+1:]
		}
	}
	require.NotNil(t, argv, "a line running `$SSGAN run ...`")
	cmd := parseRun(t, argv)
	n := cmd.tasks(t)
	assert.Equal(t, 6, n, "2 experiments x 3 seeds")
	assert.Equal(t, n, hi-lo+1, "one array index per task")
	assert.False(t, cmd.shard, "the shard comes from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT")
	assert.Equal(t, "$OUT", cmd.out)
}

// TestReadme checks that the README names both templates and the merge command.
func TestReadme(t *testing.T) {
	b, err := os.ReadFile("README.md")
	require.NoError(t, err)
	for _, w := range []string{"ssgan-array.sbatch", "ssgan-indexed-job.yaml", "ssgan table"} {
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
