package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/datasets"
)

// newDataCmd returns the "data" command and its subcommands:
//
//	ssgan data verify [--data-dir DIR] [--dataset NAME]
//	ssgan data list
func newDataCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "data",
		Short: "Inspect and check the data sets (four IDX files each)",
	}
	cmd.AddCommand(newDataVerifyCmd(), newDataListCmd())
	return cmd
}

// newDataVerifyCmd returns "data verify", which checks the format, counts and SHA-256 of the
// four files of a data set directory and prints one line per file.
func newDataVerifyCmd() *cobra.Command {
	var dir, name string
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check a data set directory: IDX format, counts, image size, classes and SHA-256",
		Long: "Check the four IDX files of a data set directory (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,\n" +
			"t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz, each with or without .gz): format, matching image and\n" +
			"label counts, one image size, test labels among the training classes, and the SHA-256 of each file.\n" +
			"Files that match a registered data set (`ssgan data list`) are reported as such; a directory that matches\n" +
			"none is a data set of unknown checksums, whose sums are printed; a directory that matches only some of a\n" +
			"registered data set's files, or not those of the one --dataset names, is an error. Prints one line per\n" +
			"file and fails on any problem. The directory is --data-dir, else that of --dataset, else MNIST's\n" +
			"($SSGAN_DATA or data/mnist).",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dir == "" {
				k, ok := datasets.Lookup(name)
				if name == "" {
					k, ok = datasets.Lookup(datasets.DefaultName)
				}
				if !ok {
					return fmt.Errorf("data verify: --dataset %w", datasets.CheckRef(name))
				}
				dir = k.Dir()
			}
			var reports []datasets.FileReport
			var err error
			if name == "" {
				reports, err = datasets.Verify(dir)
			} else {
				reports, err = datasets.VerifyAs(dir, name)
			}
			out := cmd.OutOrStdout()
			for _, r := range reports {
				fmt.Fprintln(out, formatReport(r))
			}
			if err != nil {
				return fmt.Errorf("data verify %s: %w", dir, err)
			}
			fmt.Fprintf(out, "%s: all %d files ok: %s\n", dir, len(reports), summarize(reports))
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "data-dir", "", "the data set directory (default: that of --dataset, else $SSGAN_DATA or data/mnist)")
	cmd.Flags().StringVar(&name, "dataset", "", "check the files against this registered data set's checksums (see `ssgan data list`)")
	return cmd
}

// formatReport renders one verified file, e.g.
// "train-images-idx3-ubyte.gz  images  60000 x 28x28  sha256 ok (mnist)".
func formatReport(r datasets.FileReport) string {
	size := fmt.Sprintf("%d", r.Count)
	if r.Kind == "images" {
		size = fmt.Sprintf("%d x %dx%d", r.Count, r.Rows, r.Cols)
	}
	var sum string
	switch {
	case r.ChecksumOK:
		sum = "sha256 ok (" + r.Dataset + ")"
	case r.Dataset != "":
		sum = "sha256 MISMATCH " + r.SHA256 + " (not " + r.Dataset + "'s)"
	case !r.Gzip:
		sum = "sha256 " + r.SHA256 + " (not gzipped: no known checksum)"
	default:
		sum = "sha256 " + r.SHA256 + " (no registered checksum)"
	}
	return fmt.Sprintf("%-26s  %-6s  %-13s  %s", r.Name, r.Kind, size, sum)
}

// summarize describes a verified directory: the data set it holds, its class count and image
// size.
func summarize(reports []datasets.FileReport) string {
	what := "a data set of unknown checksums"
	if len(reports) > 0 && reports[0].ChecksumOK {
		what = reports[0].Dataset
	}
	classes, size := 0, ""
	for _, r := range reports {
		if r.Kind == "labels" && classes == 0 {
			classes = r.Classes // the training labels come first
		}
		if r.Kind == "images" && size == "" {
			size = fmt.Sprintf("%dx%d", r.Rows, r.Cols)
		}
	}
	return fmt.Sprintf("%s, %d classes, %s images", what, classes, size)
}

// newDataListCmd returns "data list": the registered data sets and where their files are.
func newDataListCmd() *cobra.Command {
	return &cobra.Command{
		Use:          "list",
		Short:        "List the registered data sets, where their files are read from, and whether they are there",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			listDatasets(cmd.OutOrStdout())
			return nil
		},
	}
}

// listDatasets prints each registered data set: name, directory (and the variable that sets
// it), whether its files are there, and its description and source.
func listDatasets(w io.Writer) {
	for _, k := range datasets.Registered() {
		state := "present"
		if _, err := os.Stat(k.Dir()); err != nil {
			state = "absent"
		}
		fmt.Fprintf(w, "%-14s %s (%s; $%s)\n", k.Name, k.Dir(), state, k.EnvVar)
		fmt.Fprintf(w, "%-14s %s\n", "", k.Description)
		fmt.Fprintf(w, "%-14s checksums: %s\n", "", k.Source)
	}
	fmt.Fprintln(w, "A spec names one with `dataset: NAME`, or gives a path to any directory of four IDX files.")
}
