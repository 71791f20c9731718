package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/datasets"
)

// newDataCmd returns the "data" command and its subcommands:
//
//	ssgan data verify [--data-dir DIR]
func newDataCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "data",
		Short: "Inspect and check the MNIST data files",
	}
	cmd.AddCommand(newDataVerifyCmd())
	return cmd
}

// newDataVerifyCmd returns "data verify", which checks the format, counts and
// SHA-256 of the four MNIST files and prints one line per file.
func newDataVerifyCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check the MNIST files: format, counts, 28x28 images, labels 0-9 and SHA-256",
		Long: "Check the four MNIST files in the data directory (default $SSGAN_DATA or data/mnist):\n" +
			"IDX format, matching image and label counts, 28x28 images, labels 0-9, and the\n" +
			"SHA-256 of the original gzip files. Prints one line per file and fails on any problem.",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			reports, err := datasets.Verify(dir)
			out := cmd.OutOrStdout()
			for _, r := range reports {
				fmt.Fprintln(out, formatReport(r))
			}
			if err != nil {
				return fmt.Errorf("data verify %s: %w", dir, err)
			}
			fmt.Fprintf(out, "%s: all %d files ok\n", dir, len(reports))
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "data-dir", datasets.DefaultDir(), "directory holding the MNIST files ($SSGAN_DATA)")
	return cmd
}

// formatReport renders one verified file, e.g.
// "train-images-idx3-ubyte.gz  images  60000 x 28x28  sha256 ok".
func formatReport(r datasets.FileReport) string {
	size := fmt.Sprintf("%d", r.Count)
	if r.Kind == "images" {
		size = fmt.Sprintf("%d x %dx%d", r.Count, r.Rows, r.Cols)
	}
	sum := "sha256 ok"
	switch {
	case r.ChecksumOK:
	case !r.Gzip:
		sum = "sha256 n/a (not gzipped)"
	default:
		sum = "sha256 MISMATCH " + r.SHA256
	}
	return fmt.Sprintf("%-26s  %-6s  %-13s  %s", r.Name, r.Kind, size, sum)
}
