package kernels

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkColumnNorms times the column norms of D's largest weight matrix (784 × 1000), which
// every forward pass of a weight-normalised layer computes.
func BenchmarkColumnNorms(b *testing.B) {
	const rows, cols = 784, 1000
	rng := rand.New(rand.NewPCG(1, 1))
	v := make([]float32, rows*cols)
	for i := range v {
		v[i] = float32(rng.NormFloat64())
	}
	r, acc := make([]float32, cols), make([]float64, cols)
	b.SetBytes(int64(4 * rows * cols))
	for b.Loop() {
		ColumnNorms(v, rows, cols, r, acc)
	}
}
