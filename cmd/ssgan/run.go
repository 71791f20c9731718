package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/experiments"
	"github.com/ssgan/ssgan/internal/buildinfo"
	"github.com/ssgan/ssgan/internal/engine"
	"github.com/ssgan/ssgan/results"
)

func init() { extraCommands = append(extraCommands, newRunCmd) }

// runFlags are the flags of "run".
type runFlags struct {
	seeds    int
	seed     []uint
	epochs   int
	iters    int
	out      string
	dataDir  string
	jobs     int
	threads  int
	shard    string
	logEvery int
}

// newRunCmd returns "run NAME|SPEC.yaml ...".
func newRunCmd() *cobra.Command {
	f := &runFlags{}
	cmd := &cobra.Command{
		Use:   "run NAME|SPEC.yaml [NAME|SPEC.yaml ...]",
		Short: "Train experiments over seeds, resuming unfinished runs and skipping finished ones",
		Long: "Train each experiment (a registered name, see `ssgan list`, or a YAML spec file; a sweep file\n" +
			"stands for all its points, see `ssgan sweep`) on each seed.\n" +
			"Every run writes OUT/<experiment>/<seed>/: spec.yaml, dataset.json, split.json, metrics.jsonl,\n" +
			"checkpoint.gob, weights.npz and result.json. Rerunning the same command skips finished runs and resumes interrupted ones;\n" +
			"SIGINT/SIGTERM write a checkpoint and exit.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return f.run(cmd, args) },
	}
	fl := cmd.Flags()
	fl.IntVar(&f.seeds, "seeds", 1, "number of seeds: seed pairs (1,1) ... (N,N)")
	fl.UintSliceVar(&f.seed, "seed", nil, "run only these seeds (model seed = data seed), e.g. --seed 3")
	fl.IntVar(&f.epochs, "epochs", 0, "override the spec's epochs (classifier) ")
	fl.IntVar(&f.iters, "iterations", 0, "override the spec's iterations (gan)")
	fl.StringVar(&f.out, "out", "runs", "output directory")
	fl.StringVar(&f.dataDir, "data-dir", "", "directory of the four IDX files of the experiments' data set; default: the registered\ndirectory of each experiment's data set (`ssgan data list`; MNIST: $SSGAN_DATA or data/mnist)")
	fl.IntVar(&f.jobs, "jobs", runtime.NumCPU(), "tasks run in parallel processes, each with 1 thread by default; default: the CPU count\n(on 2 cores, 2 jobs x 1 thread made more iterations per second than 1 job x 2 threads: make bench-jobs)")
	fl.IntVar(&f.threads, "threads", 0, "threads per process (0: all cores for a single task, else 1); with 2 or more, matrix products run as two\nconcurrent blocks and element-wise loops in two halves; the numbers do not depend on it")
	fl.StringVar(&f.shard, "shard", "", "run only shard I/N of the (experiment x seed) tasks; default from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX")
	fl.IntVar(&f.logEvery, "log-every", 100, "iterations between progress lines when output is not a terminal")
	return cmd
}

// specs resolves the experiment arguments.
func (f *runFlags) specs(args []string) ([]experiments.Spec, error) {
	var specs []experiments.Spec
	for _, a := range args {
		var points []experiments.Spec // a sweep file expands to several experiments
		if strings.HasSuffix(a, ".yaml") || strings.HasSuffix(a, ".yml") {
			var err error
			if points, err = experiments.LoadSpecs(a); err != nil {
				return nil, err
			}
		} else {
			s, ok := experiments.Lookup(a)
			if !ok {
				return nil, fmt.Errorf("unknown experiment %q (see `ssgan list`, or give a .yaml spec)", a)
			}
			points = []experiments.Spec{s}
		}
		if f.epochs < 0 || f.iters < 0 {
			return nil, errors.New("--epochs and --iterations must be positive")
		}
		for _, s := range points {
			if f.epochs > 0 {
				s.Epochs = f.epochs
			}
			if f.iters > 0 {
				s.Iterations = f.iters
			}
			if err := s.Validate(); err != nil {
				return nil, fmt.Errorf("%s: %w", a, err)
			}
			specs = append(specs, s)
		}
	}
	return specs, nil
}

// tasks lists the tasks this process runs (all, or its shard).
func (f *runFlags) tasks(specs []experiments.Spec) ([]experiments.Task, error) {
	var seeds []experiments.Seed
	var err error
	if len(f.seed) > 0 {
		for _, s := range f.seed {
			seeds = append(seeds, experiments.Seed{Model: uint64(s), Data: uint64(s)})
		}
	} else if seeds, err = experiments.SeedRange(1, f.seeds); err != nil {
		return nil, err
	}
	tasks := experiments.Tasks(specs, seeds)
	shard, fromEnv := f.shard, false
	if shard == "" {
		shard, fromEnv = experiments.ShardFromEnv(), true
	}
	if shard == "" {
		return tasks, nil
	}
	i, n, err := experiments.ParseShard(shard)
	if err != nil && fromEnv {
		return nil, fmt.Errorf("shard from the environment (index SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX, count SLURM_ARRAY_TASK_COUNT or SSGAN_SHARDS): %w", err)
	} else if err != nil {
		return nil, err
	}
	return experiments.Shard(tasks, i, n), nil
}

func (f *runFlags) run(cmd *cobra.Command, args []string) error {
	specs, err := f.specs(args)
	if err != nil {
		return err
	}
	tasks, err := f.tasks(specs)
	if err != nil {
		return err
	}
	if f.jobs < 1 {
		return fmt.Errorf("--jobs %d: want at least 1", f.jobs)
	}
	if len(tasks) == 0 {
		fmt.Fprintln(cmd.OutOrStdout(), "ssgan: no task in this shard (more shards than tasks)")
		return nil
	}
	var disk int64
	for _, t := range tasks {
		disk += experiments.Estimate(t.Spec).Disk
	}
	if err := experiments.CheckOutDir(f.out, disk); err != nil {
		return err // before the data is loaded: a bad --out fails at once
	}
	// SIGINT and SIGTERM cancel the context: a task in this process checkpoints and stops, and
	// in parallel mode every child is sent SIGTERM and waited for (each writes its checkpoint).
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop) // after the first signal, a second one kills as usual
	if f.jobs > 1 && len(tasks) > 1 {
		return f.runParallel(ctx, cmd, tasks)
	}
	threads := f.threads
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	engine.SetThreads(threads)
	data := experiments.NewDataSets(f.dataDir)
	for _, t := range tasks { // every data set is read before the first task starts
		if _, err := data.For(t.Spec); err != nil {
			return err
		}
	}
	out := cmd.OutOrStdout()
	opt := experiments.Options{OutDir: f.out, Log: out, Terminal: isTerminal(out), LogEvery: f.logEvery}
	if errOut := cmd.ErrOrStderr(); isTerminal(errOut) {
		opt.Progress = errOut // a bar with the time left; plain lines when stderr is a file or a pipe
	}
	commit, mark, dirty := strings.Cut(buildinfo.Revision(), "+")
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if dirty { // keep the "+dirty" mark of a build from modified sources
		commit += "+" + mark
	}
	if commit == "" {
		commit = "unknown"
	}
	fmt.Fprintf(out, "ssgan %s (commit %s): %d task(s), BLAS %s, output %s\n", version, commit, len(tasks), engine.Describe(), f.out)
	var failed []string
	for _, t := range tasks {
		d, _ := data.For(t.Spec) // opened above
		rec, err := experiments.RunTask(ctx, t, d, opt)
		switch {
		case errors.Is(err, experiments.ErrBusy):
			fmt.Fprintf(out, "%s: skipped, another process is running it\n", t)
		case errors.Is(err, experiments.ErrInterrupted):
			return err
		case err != nil:
			fmt.Fprintf(out, "%s: %v\n", t, err)
			failed = append(failed, t.String())
		case rec != nil && rec.Method == results.MethodGAN:
			fmt.Fprintf(out, "%s: %s, %s\n", t, rec.Status, rec.Note)
		case rec != nil:
			fmt.Fprintf(out, "%s: %s, final test errors %d / %d\n", t, rec.Status, rec.FinalTestErrors, rec.TestSize)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d task(s) failed: %s", len(failed), strings.Join(failed, ", "))
	}
	return nil
}
