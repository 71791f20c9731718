package experiments

import (
	"context"
	"errors"

	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/results"
)

// runGAN trains the article's GAN (kind gan).
func runGAN(ctx context.Context, spec Spec, seed Seed, data *datasets.MNIST, dir *runDir, opt Options) (*results.Record, error) {
	return nil, errors.New("experiments: kind gan: not wired into the runner yet")
}
