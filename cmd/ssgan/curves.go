package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/results"
)

func init() { extraCommands = append(extraCommands, newCurvesCmd) }

// CurvesFile is the default name of the learning-curve figure, written in the collected
// directory (with its SVG beside it).
const CurvesFile = "curves.png"

// newCurvesCmd returns "curves DIR [--format text|markdown|latex|csv] [--png FILE] [--no-plot]":
// the test error per epoch of every classifier run under DIR, side by side, and their figure.
func newCurvesCmd() *cobra.Command {
	var (
		format, pngPath string
		noPlot          bool
	)
	cmd := &cobra.Command{
		Use:   "curves DIR",
		Short: "Show the test error per epoch of every classifier run under DIR, and draw it as PNG and SVG",
		Long: "Read every " + results.MetricsLogFile + " under DIR (recursively, runs in progress included) and\n" +
			"print one row per epoch and one column per run (its directory relative to DIR) with\n" +
			"the test error %, and for each experiment with two runs or more the mean over its\n" +
			"runs at the epochs they have all reached. GAN runs (no test error) are skipped.\n" +
			"The curves are also drawn, one colour per experiment with its mean ± std band over seeds, on\n" +
			"a log scale, into DIR/" + CurvesFile + " and an SVG of the same figure beside it (curves.svg);\n" +
			"--png FILE writes FILE (and its .svg) instead, --no-plot draws nothing.",
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
			if noPlot {
				return nil
			}
			if pngPath == "" {
				pngPath = filepath.Join(args[0], CurvesFile)
			}
			if err := results.SaveCurvesPlot(pngPath, curves); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "%s, %s: learning curves of %d runs\n", pngPath, results.SvgPath(pngPath), len(curves))
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", results.FormatText,
		fmt.Sprintf("output format: %s", strings.Join(results.Formats, ", ")))
	cmd.Flags().StringVar(&pngPath, "png", "", "draw the curves into this PNG file, and the same figure as SVG beside it (default DIR/"+CurvesFile+")")
	cmd.Flags().BoolVar(&noPlot, "no-plot", false, "print the table only")
	cmd.MarkFlagsMutuallyExclusive("png", "no-plot")
	return cmd
}
