package ssgan

import (
	"fmt"
	"math/rand/v2"

	"github.com/ssgan/ssgan/core/nn"
)

// Discriminator is the classifier network with the index of each hidden layer's output among
// its layers' taps (for feature matching).
type Discriminator struct {
	*nn.Sequential
	// Hidden[i] is the index in Layers of the activation ending hidden layer i.
	Hidden []int
}

// NewDiscriminator builds D: input noise, then weight-normalised dense layers with ReLU each
// followed by noise, then a weight-normalised dense output layer.
func NewDiscriminator(c Config, rng *rand.Rand) *Discriminator {
	d := &Discriminator{Sequential: &nn.Sequential{}}
	add := func(l nn.Layer) { d.Layers = append(d.Layers, l) }
	add(nn.GaussianNoise{Std: c.InputNoise})
	in := c.InputDim
	for i, h := range c.DHidden {
		wn := nn.NewWNDense(fmt.Sprintf("D.%d", i), in, h, c.DInitStd, rng)
		wn.FixedScale = !c.TrainHiddenScales
		add(wn)
		add(nn.ReLU)
		d.Hidden = append(d.Hidden, len(d.Layers)-1)
		add(nn.GaussianNoise{Std: c.HiddenNoise})
		in = h
	}
	add(nn.NewWNDense("D.out", in, c.outputs(), c.DInitStd, rng))
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
func NewGenerator(c Config, rng *rand.Rand) *nn.Sequential {
	g := &nn.Sequential{}
	in := c.NoiseDim
	for i, h := range c.GHidden {
		name := fmt.Sprintf("G.%d", i)
		bn := nn.NewBatchNorm(name+".bn", h, c.BNMomentum)
		bn.Epsilon = 1e-6 // the reference's; Keras's 1e-3 (core's default, for the article GAN) is 3.5 % of the first layer's initial batch variance
		if !c.GenBNScale {
			bn.Gamma = nil
		}
		g.Layers = append(g.Layers, nn.NewDense(name, in, h, false, rng), bn, nn.Softplus)
		in = h
	}
	g.Layers = append(g.Layers, nn.NewWNDenseGlorot("G.out", in, c.InputDim, rng), nn.Sigmoid)
	return g
}
