package datasets

import (
	"math/bits"
	"math/rand/v2"
)

// PCG stream constants: one per use, so that the same seed gives independent
// streams for label subsets and for batch order.
const (
	splitStream   = 0x5eed
	shuffleStream = 0xba7c4
)

// uintn returns a uniform integer in [0, n) from src using Lemire's
// multiply-and-reject method. It is implemented here, rather than taken from
// rand.Rand, so that the value stream depends only on the PCG algorithm (which
// is specified) and not on the Go version's choice of bounding method.
func uintn(src *rand.PCG, n uint64) uint64 {
	hi, lo := bits.Mul64(src.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(src.Uint64(), n)
		}
	}
	return hi
}

// shuffle permutes p uniformly (Fisher-Yates) using src.
func shuffle(src *rand.PCG, p []int) {
	for i := len(p) - 1; i > 0; i-- {
		j := int(uintn(src, uint64(i+1)))
		p[i], p[j] = p[j], p[i]
	}
}
