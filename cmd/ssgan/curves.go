package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/results"
)

func init() { extraCommands = append(extraCommands, newCurvesCmd) }

// newCurvesCmd returns "curves DIR [--format text|markdown|latex|csv] [--png FILE]": the test error
// per epoch of every classifier run under DIR, side by side.
func newCurvesCmd() *cobra.Command {
	var format, pngPath string
	cmd := &cobra.Command{
		Use:   "curves DIR",
		Short: "Show the test error per epoch of every classifier run under DIR side by side",
		Long: "Read every " + results.MetricsLogFile + " under DIR (recursively, runs in progress included) and\n" +
			"print one row per epoch and one column per run (its directory relative to DIR) with\n" +
			"the test error %, and for each experiment with two runs or more the mean over its\n" +
			"runs at the epochs they have all reached. GAN runs (no test error) are skipped.\n" +
			"With --png FILE the curves are also drawn, one colour per run, on a log scale.",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(results.Formats, format) {
				// Checked before any file is written.
				return results.RenderCurves(cmd.OutOrStdout(), nil, format)
			}
			curves, err := results.CollectCurves(args[0])
			if err != nil {
				return err
			}
			if len(curves) == 0 {
				return fmt.Errorf("no classifier runs with %s under %s", results.MetricsLogFile, args[0])
			}
			if err := results.RenderCurves(cmd.OutOrStdout(), curves, format); err != nil {
				return err
			}
			if pngPath == "" {
				return nil
			}
			if err := results.SaveCurvesPlot(pngPath, curves); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "%s: learning curves of %d runs\n", pngPath, len(curves))
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", results.FormatText,
		fmt.Sprintf("output format: %s", strings.Join(results.Formats, ", ")))
	cmd.Flags().StringVar(&pngPath, "png", "", "also draw the curves into this PNG file")
	return cmd
}
