package main

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/internal/buildinfo"
	"github.com/ssgan/ssgan/internal/engine"
)

// newVersionCmd returns "version": the release, Go version, BLAS and thread count.
func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, source commit, Go version, BLAS in use and threads",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			rev := buildinfo.Revision()
			if rev == "" {
				rev = "unknown"
			}
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "ssgan %s (commit %s), %s %s/%s, BLAS %s\n", version, rev, runtime.Version(), runtime.GOOS, runtime.GOARCH, engine.Describe())
			return err
		},
	}
}
