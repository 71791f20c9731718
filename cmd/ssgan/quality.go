package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/results"
)

func init() { extraCommands = append(extraCommands, newQualityCmd) }

// newQualityCmd returns "quality DIR [--format text|markdown|latex|csv]": the sample-quality table of
// the GAN runs under DIR.
func newQualityCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "quality DIR",
		Short: "Summarize the sample quality (quality.json) of the GAN runs under DIR as a table",
		Long: "Read every quality.json under DIR (recursively; GAN runs write one when they finish) and\n" +
			"print per experiment the classifier Inception Score and the Fréchet distance of 10,000\n" +
			"generated images over seeds (mean ± std), with the real test set as the ceiling. The\n" +
			"scores come from a small MLP classifier trained on all MNIST labels, not from Inception.",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			recs, err := results.CollectQuality(args[0])
			if err != nil {
				return err
			}
			tbl, err := results.BuildQualityTable(recs)
			if err != nil {
				return err
			}
			if tbl == nil {
				return fmt.Errorf("no %s under %s (a GAN run writes it when it finishes)", results.QualityFile, args[0])
			}
			return results.RenderQuality(cmd.OutOrStdout(), tbl, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", results.FormatText,
		fmt.Sprintf("output format: %s", strings.Join(results.Formats, ", ")))
	return cmd
}
