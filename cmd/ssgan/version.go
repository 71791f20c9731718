package main

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/internal/engine"
)

// newVersionCmd returns "version": the release, Go version, BLAS and thread count.
func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, Go version, BLAS in use and threads",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "ssgan %s, %s %s/%s, BLAS %s\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH, engine.Describe())
			return err
		},
	}
}
