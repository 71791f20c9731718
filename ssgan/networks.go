package ssgan

import (
	"fmt"
	"math/rand/v2"

	"github.com/ssgan/ssgan/core"
)

// Discriminator is the classifier network with the index of each hidden layer's output among
// its layers' taps (for feature matching).
type Discriminator struct {
	*core.Sequential
	// Hidden[i] is the index in Layers of the activation ending hidden layer i.
	Hidden []int
}

// NewDiscriminator builds D: input noise, then weight-normalised dense layers with ReLU each
// followed by noise, then a weight-normalised dense output layer.
func NewDiscriminator(c Config, rng *rand.Rand) *Discriminator {
	d := &Discriminator{Sequential: &core.Sequential{}}
	add := func(l core.Layer) { d.Layers = append(d.Layers, l) }
	add(core.GaussianNoise{Std: c.InputNoise})
	in := c.InputDim
	for i, h := range c.DHidden {
		wn := core.NewWNDense(fmt.Sprintf("D.%d", i), in, h, c.DInitStd, rng)
		wn.FixedScale = !c.TrainHiddenScales
		add(wn)
		add(core.ReLU)
		d.Hidden = append(d.Hidden, len(d.Layers)-1)
		add(core.GaussianNoise{Std: c.HiddenNoise})
		in = h
	}
	add(core.NewWNDense("D.out", in, c.outputs(), c.DInitStd, rng))
	return d
}

// Feature returns the index among the taps of the hidden layer used for feature matching.
func (d *Discriminator) Feature(layer int) int {
	if layer < 0 {
		layer = len(d.Hidden) - 1
	}
	return d.Hidden[layer]
}

// NewGenerator builds G: uniform noise → (dense, batch norm without scale, softplus) per hidden layer →
// weight-normalised dense → sigmoid (pixels in [0,1]).
func NewGenerator(c Config, rng *rand.Rand) *core.Sequential {
	g := &core.Sequential{}
	in := c.NoiseDim
	for i, h := range c.GHidden {
		name := fmt.Sprintf("G.%d", i)
		bn := core.NewBatchNorm(name+".bn", h, c.BNMomentum)
		bn.Epsilon = 1e-6 // the reference's; Keras's 1e-3 (core's default, for the article GAN) is 3.5 % of the first layer's initial batch variance
		if !c.GenBNScale {
			bn.Gamma = nil
		}
		g.Layers = append(g.Layers, core.NewDense(name, in, h, false, rng), bn, core.Softplus)
		in = h
	}
	g.Layers = append(g.Layers, core.NewWNDenseGlorot("G.out", in, c.InputDim, rng), core.Sigmoid)
	return g
}
