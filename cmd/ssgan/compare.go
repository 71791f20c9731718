package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/results"
)

// Defaults of the compare command's --baseline and --reference.
const (
	defaultCompareBaseline  = "mnist-supervised-100"
	defaultCompareReference = "mnist-ssgan-100"
)

// newCompareCmd returns the "compare" command:
//
//	ssgan compare DIR [DIR ...] [--baseline mnist-supervised-100] [--reference mnist-ssgan-100]
//	    [--format text|markdown] [--published] [--engines]
//
// It reads every result.json under each DIR, as `ssgan table` does, and prints the methods
// comparison on the baseline's data set and labels, or with --engines each experiment's runs
// under the two training engines side by side.
func newCompareCmd() *cobra.Command {
	var (
		baseline, reference, format string
		published, engines          bool
	)
	cmd := &cobra.Command{
		Use:   "compare DIR [DIR ...]",
		Short: "Compare the methods of the runs under each DIR with a baseline and a reference, by paired t-tests",
		Long: "Read every result.json under each DIR (recursively), keep the experiments on the data set and\n" +
			"labels of the baseline, and print one row per experiment and length, sorted by mean final test\n" +
			"errors (out of 10,000, mean ± std over the finished runs; diverged and running runs are counted),\n" +
			"with the mean best test errors during training for information only, and the difference to the\n" +
			"baseline (the supervised experiment) and to the reference (the feature-matching SSGAN): a paired\n" +
			"t-test by data seed over the runs with the same (model seed, data seed) in both, and its p-value\n" +
			"after Holm's correction over the comparisons of the column. --published adds the published\n" +
			"results on the same data set and labels below the measured rows (never tested). --reference \"\"\n" +
			"compares with the baseline only.\n\n" +
			"--engines prints instead, for every experiment and length with finished runs of both training\n" +
			"engines (the earlier pcg-f64 and the current philox-f32), the final test errors of each, their\n" +
			"difference, a Welch t-test and a t-test paired by seed: what the engine change did to the numbers;\n" +
			"then each engine's runs collapsed onto a class pair (one off-diagonal cell of the final confusion\n" +
			"matrix holding 1/200 of the test set or more), named, and Fisher's exact test of the two counts.",
		Args:         cobra.MinimumNArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(results.ComparisonFormats, format) {
				return fmt.Errorf("--format %q: want one of %s", format, strings.Join(results.ComparisonFormats, ", "))
			}
			if engines && (published || cmd.Flags().Changed("baseline") || cmd.Flags().Changed("reference")) {
				return fmt.Errorf("--engines compares engines, not methods: it takes no --baseline, --reference or --published")
			}
			if baseline == "" && !engines {
				return fmt.Errorf("--baseline: an experiment name is needed")
			}
			var recs []results.Record
			for _, dir := range args {
				found, err := results.Collect(dir)
				if err != nil {
					return err
				}
				recs = append(recs, found...)
			}
			dirs := strings.Join(args, ", ")
			if len(recs) == 0 {
				return fmt.Errorf("no %s under %s", results.RecordFile, dirs)
			}
			recs, gans := results.SplitRecords(recs)
			if len(recs) == 0 {
				return fmt.Errorf("no classifier runs under %s, only GAN runs (%d; see `ssgan quality`)", dirs, len(gans))
			}
			if engines {
				rows, err := results.BuildEngineComparison(recs)
				if err != nil {
					return fmt.Errorf("--engines: %w (under %s)", err, dirs)
				}
				return results.RenderEngineComparison(cmd.OutOrStdout(), rows, format)
			}
			c, err := results.BuildComparison(recs, baseline, reference)
			var bad *results.ExperimentError
			if errors.As(err, &bad) {
				msg := fmt.Sprintf("--%s %s %s", bad.Role, bad.Name, bad.Problem)
				if bad.NoRun {
					msg += " under " + dirs
				}
				if len(bad.Known) > 0 {
					msg += " (experiments with finished runs: " + strings.Join(bad.Known, ", ") + ")"
				}
				return errors.New(msg)
			}
			if err != nil {
				return err
			}
			if !published {
				c.Published = nil
			}
			return results.RenderComparison(cmd.OutOrStdout(), c, format)
		},
	}
	cmd.Flags().StringVar(&baseline, "baseline", defaultCompareBaseline, "experiment every row is compared with (the supervised baseline)")
	cmd.Flags().StringVar(&reference, "reference", defaultCompareReference, `second experiment every row is compared with ("" for none)`)
	cmd.Flags().StringVar(&format, "format", results.FormatText,
		fmt.Sprintf("output format: %s", strings.Join(results.ComparisonFormats, ", ")))
	cmd.Flags().BoolVar(&published, "published", false, "add the published results on the baseline's data set and labels")
	cmd.Flags().BoolVar(&engines, "engines", false, "compare each experiment's runs of the two training engines instead (Welch and paired t-tests)")
	return cmd
}
