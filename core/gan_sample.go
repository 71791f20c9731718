package core

import (
	"fmt"
	"math/rand/v2"

	"github.com/ssgan/ssgan/core/nn"
)

// GeneratorFromCheckpoint rebuilds the generator of a GAN saved by (*GAN).Save with
// configuration cfg: its parameters and batch-norm running statistics, without the training
// images, the discriminator or the optimisers. It is what sampling from a finished run needs.
func GeneratorFromCheckpoint(cfg GANConfig, ck *Checkpoint) (*nn.Sequential, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	g := NewGANGenerator(cfg, rand.New(rand.NewPCG(0, ganStreamInit)))
	for _, ps := range [][]*nn.Param{g.Params(), g.Buffers()} {
		if err := ck.GetParams(ganPrefix, ps); err != nil {
			return nil, fmt.Errorf("core: gan: generator: %w", err)
		}
	}
	return g, nil
}

// SampleGenerator generates n images with generator g of configuration cfg in inference mode,
// as (*GAN).Sample does, from noise drawn from rng. It returns n rows of ImageDim values in
// [-1, 1].
func SampleGenerator(g *nn.Sequential, cfg GANConfig, n int, rng *rand.Rand) ([]float32, error) {
	m := &GAN{Cfg: cfg.Defaults(), G: g}
	return m.Sample(n, rng)
}
