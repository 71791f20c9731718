package core

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRowKernelsMatchScalar holds each row kernel (vector where the build and CPU have one, the
// scalar tail after it) to the scalar expression bit for bit, on lengths with and without tails.
func TestRowKernelsMatchScalar(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 10))
	vec := func(n int) []float32 {
		v := make([]float32, n)
		for i := range v {
			v[i] = float32(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(6)-3)))
		}
		return v
	}
	type kernel struct {
		name   string
		vec    func(dst, a, b, c []float32) int
		scalar func(dst, a, b, c []float32, j int)
	}
	kernels := []kernel{
		{"mulAddRow", func(d, a, b, c []float32) int { return mulAddRow(d, a, b, c) }, func(d, a, b, c []float32, j int) { d[j] = a[j]*b[j] + c[j] }},
		{"mulRowVec", func(d, a, b, _ []float32) int { return mulRowVec(d, a, b) }, func(d, a, b, _ []float32, j int) { d[j] = a[j] * b[j] }},
		{"subMulRow", func(d, a, b, _ []float32) int { return subMulRow(d, a, b) }, func(d, a, b, _ []float32, j int) { d[j] -= a[j] * b[j] }},
		{"addVec in place", func(d, a, _, _ []float32) int { return addVec(d, d, a) }, func(d, a, _, _ []float32, j int) { d[j] += a[j] }},
		{"addVec", func(d, a, b, _ []float32) int { return addVec(d, a, b) }, func(d, a, b, _ []float32, j int) { d[j] = a[j] + b[j] }},
		{"addMulRow", func(d, a, b, _ []float32) int { return addMulRow(d, a, b) }, func(d, a, b, _ []float32, j int) { d[j] += a[j] * b[j] }},
	}
	for _, k := range kernels {
		for _, n := range []int{1, 16, 31, 250, 1000} {
			dst, a, b, c := vec(n), vec(n), vec(n), vec(n)
			want := append([]float32(nil), dst...)
			for j := range want {
				k.scalar(want, a, b, c, j)
			}
			for j := k.vec(dst, a, b, c); j < n; j++ {
				k.scalar(dst, a, b, c, j)
			}
			for j := range dst {
				assert.Equal(t, math.Float32bits(want[j]), math.Float32bits(dst[j]), "%s n=%d j=%d", k.name, n, j)
			}
		}
	}
	for _, n := range []int{1, 8, 13, 784} {
		acc, x := make([]float64, n), vec(n)
		for i := range acc {
			acc[i] = rng.Float64()
		}
		want := append([]float64(nil), acc...)
		for j := range want {
			want[j] += float64(x[j]) * float64(x[j])
		}
		for j := addSquares64(acc, x); j < n; j++ {
			acc[j] += float64(x[j]) * float64(x[j])
		}
		for j := range acc {
			assert.Equal(t, math.Float64bits(want[j]), math.Float64bits(acc[j]), "addSquares64 n=%d j=%d", n, j)
		}
	}
}
