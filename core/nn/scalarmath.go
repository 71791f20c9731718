package nn

import (
	"math/rand/v2"

	"github.com/ssgan/ssgan/internal/kernels"
)

// FillNormal sets buf[i] = float32(N(0,1) draw)·std, drawing in order from rng
// (kernels.FillNormalRand, which keeps the vector state clean for the ziggurat's math.Exp). It is
// for noise outside a graph's Stream, such as the latent codes of a sample.
func FillNormal(buf []float32, rng *rand.Rand, std float32) { kernels.FillNormalRand(buf, rng, std) }
