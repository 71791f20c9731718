package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/results"
)

// newTableCmd returns the "table" command:
//
//	ssgan table DIR [DIR ...] [--format text|markdown|latex|csv] [--no-reference] [--wide]
//
// It reads every result.json under each DIR and prints the summary table.
func newTableCmd() *cobra.Command {
	var (
		format      string
		noReference bool
		wide        bool
	)
	cmd := &cobra.Command{
		Use:   "table DIR [DIR ...]",
		Short: "Summarize the result.json files under each DIR as a table",
		Long: "Read every result.json under each DIR (recursively), group the runs by data set, experiment,\n" +
			"number of labels and epochs (a run of an experiment at another length is another row; the\n" +
			"same run found in two folders counts once), sort the rows by data set, labels and method,\n" +
			"and print the final test error over seeds (mean ± std, 95% CI),\n" +
			"the difference to the supervised baseline with its t-test p-value, and the\n" +
			"published reference numbers. Only finished runs are averaged; diverged and\n" +
			"running ones are counted in their own columns. The points of a sweep (see `ssgan sweep`)\n" +
			"are also shown in a table of their own, by their swept values. By default the text table fits\n" +
			"120 columns: columns that carry nothing (such as Diverged and Running when no run diverged or\n" +
			"is running) are left out, and while it is too wide, Source, Errors / 10,000, Method and a Dataset\n" +
			"column of one value go and the Δ and CI cells take two lines, as a footnote says; --wide shows\n" +
			"every column.",
		Args:         cobra.MinimumNArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			var recs []results.Record
			for _, dir := range args {
				found, err := results.Collect(dir)
				if err != nil {
					return err
				}
				recs = append(recs, found...)
			}
			recs, _ = results.SplitRecords(recs) // GAN runs have no test error: see `ssgan quality`
			tbl, err := results.BuildTable(recs, !noReference)
			if err != nil {
				return err
			}
			if err := results.RenderWith(cmd.OutOrStdout(), tbl, format, results.RenderOptions{Wide: wide}); err != nil {
				return err
			}
			return renderSweepTables(cmd.OutOrStdout(), recs, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", results.FormatText,
		fmt.Sprintf("output format: %s", strings.Join(results.Formats, ", ")))
	cmd.Flags().BoolVar(&noReference, "no-reference", false, "leave out the published reference rows")
	cmd.Flags().BoolVar(&wide, "wide", false, "show every column, however wide the table")
	return cmd
}
