package kernels

import "math/rand/v2"

// scalarChunk is how many values a loop of scalar library math computes between two calls of
// clearUpper.
const scalarChunk = 256

// WithCleanUpper runs body over [from, to) in chunks of 256 values, clearing the upper halves of
// the vector registers before each chunk.
//
// Why: math.Exp on amd64 is hand-written assembly that, on a CPU with FMA, mixes VEX-encoded FMA
// instructions with legacy SSE ones. When the upper halves of the vector registers are dirty
// (in a GOEXPERIMENT=simd build they are, after the runtime or a vector kernel ran on the thread),
// every switch between the two encodings stalls: on the 2-core Xeon used for the published runs
// one math.Exp took 1.7 µs instead of 20 ns (see results/published/speed). A VZEROUPPER per chunk
// costs a cycle and changes no value: the scalar code keeps nothing in the upper halves.
func WithCleanUpper(from, to int, body func(lo, hi int)) {
	for lo := from; lo < to; lo += scalarChunk {
		clearUpper()
		body(lo, min(lo+scalarChunk, to))
	}
}

// FillNormalRand sets dst[i] = float32(N(0,1) draw)·std, drawing in order from rng (a sequential
// stream, unlike FillNormal's counter-based one). The ziggurat's rare slow path calls math.Exp and
// math.Log, so the loop keeps the vector state clean (WithCleanUpper).
func FillNormalRand(dst []float32, rng *rand.Rand, std float32) {
	WithCleanUpper(0, len(dst), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			dst[i] = float32(rng.NormFloat64()) * std
		}
	})
}
