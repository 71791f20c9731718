package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/experiments"
	"github.com/ssgan/ssgan/internal/fsutil"
)

func init() { extraCommands = append(extraCommands, newSweepCmd) }

// newSweepCmd returns "sweep NAME|SPEC.yaml ...": the experiments and tasks the arguments stand
// for, sweeps expanded, and with --write the expanded specs as files.
func newSweepCmd() *cobra.Command {
	f := &runFlags{}
	var write string
	cmd := &cobra.Command{
		Use:   "sweep SPEC.yaml [NAME|SPEC.yaml ...]",
		Short: "Expand sweep files (fields holding lists of values) into experiments x seeds, and list the tasks",
		Long: "A sweep file is a spec file some of whose fields hold a list of values instead of one value:\n\n" +
			"  name: lr-labels\n  base: mnist-ssgan-100\n  labels_per_class: [2, 5, 10, 20]\n  model: {lr: [0.001, 0.003]}\n\n" +
			"It stands for one experiment per combination (here 8), named after the sweep and its values\n" +
			"(lr-labels+labels_per_class-2+lr-0.001, ...). A key may be a dotted path (model.lr: [...]); a\n" +
			"list field is swept with a list of lists (d_hidden: [[20, 10], [40, 20]]). `ssgan run` takes\n" +
			"the sweep file itself and runs every point, with the same shards as any other experiments;\n" +
			"`ssgan table` shows each sweep's points by their values. This command prints the experiments\n" +
			"and the (experiment, seed) tasks in shard order, so that a job array can be sized, and with\n" +
			"--write DIR writes each point as DIR/<experiment>.yaml.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			specs, err := f.specs(args)
			if err != nil {
				return err
			}
			var seeds []experiments.Seed
			if len(f.seed) > 0 {
				for _, s := range f.seed {
					seeds = append(seeds, experiments.Seed{Model: uint64(s), Data: uint64(s)})
				}
			} else if seeds, err = experiments.SeedRange(1, f.seeds); err != nil {
				return err
			}
			if write != "" {
				if err := writeSpecs(write, specs); err != nil {
					return err
				}
			}
			return printSweep(cmd, specs, experiments.Tasks(specs, seeds), write)
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&f.seeds, "seeds", 1, "number of seeds, as for `ssgan run`")
	fl.UintSliceVar(&f.seed, "seed", nil, "only these seeds, as for `ssgan run`")
	fl.StringVar(&write, "write", "", "write each experiment's resolved spec to DIR/<experiment>.yaml")
	return cmd
}

// printSweep lists the experiments with their swept values, then the tasks with their shard
// index, then how to size a job array for them.
func printSweep(cmd *cobra.Command, specs []experiments.Spec, tasks []experiments.Task, dir string) error {
	w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "%d experiment(s):\n", len(specs))
	for _, s := range specs {
		values := "-"
		if s.Sweep != nil {
			values = "sweep " + s.Sweep.Name + ": " + strings.Join(s.Sweep.Values, " ")
		}
		fmt.Fprintf(w, "  %s\t%s\n", s.Name, values)
	}
	n := len(tasks)
	fmt.Fprintf(w, "%d task(s) = %d experiment(s) x %d seed(s); shard I/%d runs task I:\n", n, len(specs), n/max(len(specs), 1), n)
	for i, t := range tasks {
		fmt.Fprintf(w, "  %d\t%s\n", i, t)
	}
	fmt.Fprintf(w, "One task per shard: Slurm --array=0-%d; Kubernetes completions: %d and SSGAN_SHARDS=%d.\n", n-1, n, n)
	if dir != "" {
		fmt.Fprintf(w, "Wrote %d spec(s) to %s.\n", len(specs), dir)
	}
	return w.Flush()
}

// writeSpecs writes each spec as dir/<name>.yaml, replacing an older file of that name.
func writeSpecs(dir string, specs []experiments.Spec) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--write %s: %w", dir, err)
	}
	for _, s := range specs {
		path := filepath.Join(dir, s.Name+".yaml")
		if err := fsutil.WriteFile(path, s.YAML()); err != nil {
			return fmt.Errorf("--write %s: %w", path, err)
		}
	}
	return nil
}
