package main

import (
	"fmt"
	"math"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/experiments"
)

func init() { extraCommands = append(extraCommands, newSampleCmd) }

// newSampleCmd returns "sample RUN_DIR [--n 25] [--out FILE.png] [--seed S]": a grid of images
// from the generator of a GAN run's checkpoint.
func newSampleCmd() *cobra.Command {
	var (
		n    int
		out  string
		seed uint64
	)
	cmd := &cobra.Command{
		Use:   "sample RUN_DIR",
		Short: "Draw a grid of images from the generator of a GAN run's checkpoint",
		Long: "Load the generator of RUN_DIR/checkpoint.gob (a kind gan run, e.g. runs/mnist-gan/seed1) and\n" +
			"write a square grid of --n images generated in inference mode from the noise of --seed.\n" +
			fmt.Sprintf("The default seed %d is the noise of the run's own grids, so with --n 25 the grid of a\n", experiments.GridSeed) +
			"finished run is its samples.png. The run may be training meanwhile (its checkpoint is\n" +
			"replaced atomically). Default output: RUN_DIR/sample-iter-NNNNNN-seedS.png.",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			side := int(math.Round(math.Sqrt(float64(n))))
			if n <= 0 || side*side != n {
				return fmt.Errorf("--n %d: want a positive square number (25 draws a 5×5 grid)", n)
			}
			g, err := experiments.LoadGANGenerator(args[0])
			if err != nil {
				return err
			}
			if out == "" {
				out = filepath.Join(args[0], fmt.Sprintf("sample-iter-%06d-seed%d.png", g.Iter, seed))
			}
			if err := g.SaveGrid(out, side, seed); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d×%d images of %s at iteration %d, noise seed %d\n",
				out, side, side, g.Spec.Name, g.Iter, seed)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&n, "n", experiments.GridSide*experiments.GridSide, "number of images, a square number")
	fl.StringVar(&out, "out", "", "output PNG (default RUN_DIR/sample-iter-NNNNNN-seedS.png)")
	fl.Uint64Var(&seed, "seed", experiments.GridSeed, "seed of the noise (the default is the run's own grid noise)")
	return cmd
}
