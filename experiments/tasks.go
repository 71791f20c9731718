package experiments

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/results"
)

// Task is one unit of work: one experiment on one seed pair.
type Task struct {
	Spec Spec
	Seed Seed
}

// String names the task as its run directory does.
func (t Task) String() string { return t.Spec.Name + "/" + t.Seed.Dir() }

// SeedRange returns seed pairs (i, i) for i = first, ..., first+n−1: each seed a different model
// initialisation and a different labeled split.
func SeedRange(first uint64, n int) ([]Seed, error) {
	if n <= 0 {
		return nil, fmt.Errorf("experiments: --seeds %d: want at least one seed", n)
	}
	seeds := make([]Seed, n)
	for i := range seeds {
		seeds[i] = Seed{Model: first + uint64(i), Data: first + uint64(i)}
	}
	return seeds, nil
}

// Tasks lists every (experiment, seed) pair in a fixed order: experiments in the order given,
// seeds within each.
func Tasks(specs []Spec, seeds []Seed) []Task {
	var out []Task
	for _, s := range specs {
		for _, seed := range seeds {
			out = append(out, Task{Spec: s, Seed: seed})
		}
	}
	return out
}

// ParseShard parses "I/N" (0 ≤ I < N). An empty string means the index from the environment:
// SLURM_ARRAY_TASK_ID (Slurm job arrays) or JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs) with
// N from SLURM_ARRAY_TASK_COUNT or the given default; ok is false when no shard applies.
func ParseShard(s string) (i, n int, err error) {
	parts := strings.Split(s, "/")
	if len(parts) != 2 {
		return 0, 0, fmt.Errorf("experiments: --shard %q: want I/N, e.g. 0/4", s)
	}
	if i, err = strconv.Atoi(parts[0]); err != nil {
		return 0, 0, fmt.Errorf("experiments: --shard %q: index %q is not a number", s, parts[0])
	}
	if n, err = strconv.Atoi(parts[1]); err != nil {
		return 0, 0, fmt.Errorf("experiments: --shard %q: count %q is not a number", s, parts[1])
	}
	if n <= 0 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("experiments: --shard %q: want 0 <= I < N", s)
	}
	return i, n, nil
}

// ShardFromEnv builds "I/N" from a cluster scheduler's environment: the index from
// SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX and the count from SLURM_ARRAY_TASK_COUNT or
// SSGAN_SHARDS. It returns "" when no index is set.
func ShardFromEnv() string {
	idx := os.Getenv("SLURM_ARRAY_TASK_ID")
	if idx == "" {
		idx = os.Getenv("JOB_COMPLETION_INDEX")
	}
	if idx == "" {
		return ""
	}
	n := os.Getenv("SLURM_ARRAY_TASK_COUNT")
	if n == "" {
		n = os.Getenv("SSGAN_SHARDS")
	}
	return idx + "/" + n
}

// Shard returns the tasks of shard i of n: those whose position k has k mod n = i. With as many
// shards as tasks, each shard runs exactly one task.
func Shard(tasks []Task, i, n int) []Task {
	var out []Task
	for k, t := range tasks {
		if k%n == i {
			out = append(out, t)
		}
	}
	return out
}

// RunTask runs one task in OutDir/<experiment>/<seed>/, resuming it if it was interrupted and
// returning its existing record if it already finished. A run directory held by another process
// returns ErrBusy, so the same task started twice (a retried cluster shard) runs once.
//
// The data must be the spec's data set (see DataSets) and fit its model. A run directory made on
// other data (another dataset.json, or for one made before data sets were recorded, another
// spec data set than MNIST) is refused, naming both, before anything in it is read or changed.
func RunTask(ctx context.Context, t Task, data *datasets.Dataset, opt Options) (*results.Record, error) {
	if err := CheckOutDir(opt.OutDir, Estimate(t.Spec).Disk); err != nil {
		return nil, err
	}
	t.Spec = fitData(t.Spec, data)
	if err := checkData(t.Spec, data); err != nil {
		return nil, err
	}
	id := identity(t.Spec, data)
	if _, registered := datasets.Lookup(t.Spec.datasetName()); registered && id.Name != t.Spec.datasetName() {
		return nil, fmt.Errorf("experiments: %s is on data set %s, but the data given are %s", t.Spec.Name, t.Spec.datasetName(), id.Name)
	}
	dir, err := openRunDir(filepath.Join(opt.OutDir, t.Spec.Name, t.Seed.Dir()))
	if err != nil {
		return nil, err
	}
	defer dir.close()
	if err := dir.checkDataset(id); err != nil {
		return nil, err
	}
	if err := dir.checkSpec(t.Spec); err != nil {
		return nil, err
	}
	if err := dir.saveDataset(id); err != nil {
		return nil, err
	}
	opt.dataset = id
	return trainRun(ctx, t.Spec, t.Seed, data, dir, opt)
}
