// Command ssgan runs reproducible semi-supervised GAN experiments and renders their result tables.
//
//	ssgan data verify            check a data set's four IDX files (known checksums: MNIST, Fashion-MNIST)
//	ssgan data list              the registered data sets
//	ssgan list                   the named experiments
//	ssgan run NAME|SPEC.yaml     train over seeds, resumably
//	ssgan sweep SPEC.yaml        the experiments x seeds a sweep file (fields with value lists) stands for
//	ssgan table DIR              the results under DIR as a table
//	ssgan quality DIR            the sample-quality table of the GAN runs under DIR
//	ssgan curves DIR             the test error per epoch of the classifier runs under DIR
//	ssgan evaluate WEIGHTS|RUN   a classifier's test errors recomputed from its weights.npz
//	ssgan predict WEIGHTS FILE   the classes and probabilities of images (IDX files, PNGs)
//	ssgan sample WEIGHTS|RUN     a grid of samples from a GAN's or an SSGAN's generator
//	ssgan version                version, Go, BLAS and threads
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/experiments"
)

// version is the release of this build; set with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// newRootCmd assembles the command tree.
func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "ssgan",
		Short:         "Reproducible semi-supervised GAN experiments (Salimans et al. 2016) on MLPs",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newDataCmd(), newTableCmd(), newCompareCmd(), newVersionCmd())
	for _, c := range extraCommands {
		root.AddCommand(c())
	}
	return root
}

// extraCommands are registered by other files of this package.
var extraCommands []func() *cobra.Command

// exitInterrupted is the exit status of a run stopped by SIGINT or SIGTERM after writing its
// checkpoints (any other error exits 1), so that `run --jobs` tells an interrupted child from a
// failed one.
const exitInterrupted = 3

func main() {
	if err := newRootCmd().Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "ssgan:", err)
		if errors.Is(err, experiments.ErrInterrupted) {
			os.Exit(exitInterrupted)
		}
		os.Exit(1)
	}
}
