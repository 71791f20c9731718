package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/ssgan/ssgan/experiments"
)

func init() { extraCommands = append(extraCommands, newSampleCmd) }

// newSampleCmd returns "sample WEIGHTS|RUN_DIR [--n 25] [--out FILE.png] [--seed S]": a grid of
// images from the generator of a GAN run or of an SSGAN.
func newSampleCmd() *cobra.Command {
	var (
		n    int
		out  string
		seed uint64
	)
	cmd := &cobra.Command{
		Use:   "sample WEIGHTS|RUN_DIR",
		Short: "Draw a grid of images from the generator of a GAN run or an SSGAN (checkpoint or weights file)",
		Long: "Load the generator of a run directory (a kind gan run, e.g. runs/mnist-gan/seed1, or an SSGAN\n" +
			"classifier run) from its checkpoint.gob, or from its weights.npz when it has no checkpoint (as in the\n" +
			"published folders), or from a weights file WEIGHTS, and write a square grid of --n images generated\n" +
			"in inference mode (batch norm with its running statistics) from the noise of --seed: N(0, 1) for the\n" +
			"article's GAN, U[0, 1) for an SSGAN.\n" +
			fmt.Sprintf("The default seed %d is the noise of a GAN run's own grids, so with --n 25 the grid of a\n", experiments.GridSeed) +
			"finished GAN run is its samples.png. The run may be training meanwhile (its checkpoint is replaced\n" +
			"atomically). Default output: sample-iter-NNNNNN-seedS.png in RUN_DIR or beside WEIGHTS.",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			side := int(math.Round(math.Sqrt(float64(n))))
			if n <= 0 || side*side != n {
				return fmt.Errorf("--n %d: want a positive square number (25 draws a 5×5 grid)", n)
			}
			g, err := experiments.LoadGenerator(args[0])
			if err != nil {
				return err
			}
			if out == "" {
				dir := args[0]
				if st, err := os.Stat(dir); err == nil && !st.IsDir() {
					dir = filepath.Dir(dir)
				}
				out = filepath.Join(dir, fmt.Sprintf("sample-iter-%06d-seed%d.png", g.Iter, seed))
			}
			if err := g.SaveGrid(out, side, seed); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s: %d×%d images of %s at iteration %d, noise seed %d, from %s\n",
				out, side, side, g.Experiment, g.Iter, seed, g.Source)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&n, "n", experiments.GridSide*experiments.GridSide, "number of images, a square number")
	fl.StringVar(&out, "out", "", "output PNG (default sample-iter-NNNNNN-seedS.png in RUN_DIR or beside WEIGHTS)")
	fl.Uint64Var(&seed, "seed", experiments.GridSeed, "seed of the noise (the default is a GAN run's own grid noise)")
	return cmd
}
