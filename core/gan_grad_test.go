package core

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	G "gorgonia.org/gorgonia"

	"github.com/ssgan/ssgan/core/nn"
)

// TestGANLossGradients checks the GAN's two losses against finite differences (tolerances in
// gradCheck, as nn's own gradient tests): D's weighted binary cross-entropy over [real; generated] rows, with a fake weight
// other than 1, with respect to D's parameters; and G's loss through D (target 1) with respect to
// G's parameters, batch norm included. The networks are small versions of the article's.
func TestGANLossGradients(t *testing.T) {
	c := GANConfig{NoiseDim: 3, ImageDim: 4, GHidden: []int{5}, DHidden: []int{3}, Batch: 6}.Defaults()
	rng := rand.New(rand.NewPCG(21, 22))
	gen, disc := NewGANGenerator(c, rng), NewGANDiscriminator(c, rng)
	for _, p := range append(gen.Params(), disc.Params()...) {
		p.FillNormal(rng, 0.7) // biases and BN scales away from their special initial values
	}
	t.Run("D", func(t *testing.T) {
		gradCheck(t, func(g *nn.Graph) (*G.Node, error) {
			x := smallInput(g, rng, 6, c.ImageDim)
			logits, _, err := disc.Forward(g, x)
			if err != nil {
				return nil, err
			}
			tn, tb := g.Input("t", 6, 1)
			wn, wb := g.Input("w", 6, 1)
			for i := range tb {
				if i < 3 {
					tb[i], wb[i] = 1, 1.0/6
				} else {
					wb[i] = 0.3 / 6
				}
			}
			return nn.WeightedBCEWithLogits(logits, tn, wn)
		}, disc.Params())
	})
	t.Run("G", func(t *testing.T) {
		gradCheck(t, func(g *nn.Graph) (*G.Node, error) {
			z := smallInput(g, rng, 6, c.NoiseDim)
			img, _, err := gen.Forward(g, z)
			if err != nil {
				return nil, err
			}
			logits, _, err := disc.Forward(g, img)
			if err != nil {
				return nil, err
			}
			ones, buf := g.Input("ones", 6, 1)
			for i := range buf {
				buf[i] = 1
			}
			return nn.BCEWithLogits(logits, ones)
		}, gen.Params())
	})
}

// gradCheck builds a loss with build and checks its gradients with respect to params against
// finite differences (|analytic − numeric| ≤ 2e-3 + 2e-2·|numeric|; see nn.CheckGradients).
func gradCheck(t *testing.T, build func(g *nn.Graph) (*G.Node, error), params []*nn.Param) {
	t.Helper()
	g := nn.NewGraph(nn.Train, nil)
	loss, err := build(g)
	require.NoError(t, err)
	step, err := g.Compile(loss, params)
	require.NoError(t, err)
	require.NoError(t, nn.CheckGradients(step, nn.GradTolerance{Abs: 2e-3, Rel: 2e-2}))
}

// smallInput adds a fixed (rows, cols) input with values in [-1, 1).
func smallInput(g *nn.Graph, rng *rand.Rand, rows, cols int) *G.Node {
	x, buf := g.Input("x", rows, cols)
	for i := range buf {
		buf[i] = float32(2*rng.Float64() - 1)
	}
	return x
}
