package core

import (
	"math/rand/v2"

	"github.com/ssgan/ssgan/internal/kernels"
)

// fillNormal sets buf[i] = float32(N(0,1) draw)·std, drawing in order from rng
// (kernels.FillNormalRand, which keeps the vector state clean for the ziggurat's math.Exp).
func fillNormal(buf []float32, rng *rand.Rand, std float32) { kernels.FillNormalRand(buf, rng, std) }
