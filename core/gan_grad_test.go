package core

import (
	"math/rand/v2"
	"testing"

	G "gorgonia.org/gorgonia"
)

// TestGANLossGradients checks the GAN's two losses against finite differences (tolerances in
// gradCheck): D's weighted binary cross-entropy over [real; generated] rows, with a fake weight
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
		gradCheck(t, func(g *Graph) (*G.Node, error) {
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
			return WeightedBCEWithLogits(logits, tn, wn)
		}, disc.Params())
	})
	t.Run("G", func(t *testing.T) {
		gradCheck(t, func(g *Graph) (*G.Node, error) {
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
			return BCEWithLogits(logits, ones)
		}, gen.Params())
	})
}
