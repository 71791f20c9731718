package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/results"
)

// newTableCmd returns the "table" command:
//
//	ssgan table DIR [--format text|markdown|latex|csv] [--no-reference]
//
// It reads every result.json under DIR and prints the summary table.
func newTableCmd() *cobra.Command {
	var (
		format      string
		noReference bool
	)
	cmd := &cobra.Command{
		Use:   "table DIR",
		Short: "Summarize the result.json files under DIR as a table",
		Long: "Read every result.json under DIR (recursively), group the runs by experiment and\n" +
			"number of labels, and print the final test error over seeds (mean ± std, 95% CI),\n" +
			"the difference to the supervised baseline with its t-test p-value, and the\n" +
			"published reference numbers. Only finished runs are averaged; diverged and\n" +
			"running ones are counted in their own columns. The points of a sweep (see `ssgan sweep`)\n" +
			"are also shown in a table of their own, by their swept values.",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			recs, err := results.Collect(args[0])
			if err != nil {
				return err
			}
			recs, _ = results.SplitRecords(recs) // GAN runs have no test error: see `ssgan quality`
			tbl, err := results.BuildTable(recs, !noReference)
			if err != nil {
				return err
			}
			if err := results.Render(cmd.OutOrStdout(), tbl, format); err != nil {
				return err
			}
			return renderSweepTables(cmd.OutOrStdout(), recs, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", results.FormatText,
		fmt.Sprintf("output format: %s", strings.Join(results.Formats, ", ")))
	cmd.Flags().BoolVar(&noReference, "no-reference", false, "leave out the published reference rows")
	return cmd
}
