package core

import (
	G "gorgonia.org/gorgonia"
)

// GaussianNoise adds N(0, Std²) noise to its input in Train mode and is the identity in Eval mode.
// The noise is drawn from the graph's seeded Noise source into a preallocated input, so runs
// reproduce exactly (gorgonia's own random nodes seed themselves from the clock).
type GaussianNoise struct {
	Std float64
}

// Forward adds the noise input to x.
func (n GaussianNoise) Forward(g *Graph, x *G.Node) (*G.Node, error) {
	if g.Mode != Train || n.Std == 0 || g.Noise == nil {
		return x, nil
	}
	rng, std := g.Noise, float32(n.Std)
	noise := g.Feed("noise", func(buf []float32) {
		for i := range buf {
			buf[i] = float32(rng.NormFloat64()) * std
		}
	}, x.Shape()...)
	return G.Add(x, noise)
}

// Params is empty: the noise layer has no parameters.
func (GaussianNoise) Params() []*Param { return nil }
