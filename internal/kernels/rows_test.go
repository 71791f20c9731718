package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRowKernelsMatchScalar holds each row kernel (vector where the build and CPU have one, the
// scalar tail after it, both inside the kernel) to the scalar expression bit for bit, on lengths
// with and without tails.
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
		run    func(dst, a, b, c []float32)
		scalar func(dst, a, b, c []float32, j int)
	}
	slope := func(x, alpha float32) float32 {
		if x > 0 {
			return 1
		}
		return alpha
	}
	kernels := []kernel{
		{"MulAddRow", func(d, a, b, c []float32) { MulAddRow(d, a, b, c) }, func(d, a, b, c []float32, j int) { d[j] = float32(a[j]*b[j]) + c[j] }},
		{"MulRow", func(d, a, b, _ []float32) { MulRow(d, a, b) }, func(d, a, b, _ []float32, j int) { d[j] = a[j] * b[j] }},
		{"SubMulRow", func(d, a, b, _ []float32) { SubMulRow(d, a, b) }, func(d, a, b, _ []float32, j int) { d[j] -= float32(a[j] * b[j]) }},
		{"AddVec in place", func(d, a, _, _ []float32) { AddVec(d, d, a) }, func(d, a, _, _ []float32, j int) { d[j] += a[j] }},
		{"AddVec", func(d, a, b, _ []float32) { AddVec(d, a, b) }, func(d, a, b, _ []float32, j int) { d[j] = a[j] + b[j] }},
		{"AddMulRow", func(d, a, b, _ []float32) { AddMulRow(d, a, b) }, func(d, a, b, _ []float32, j int) { d[j] += float32(a[j] * b[j]) }},
		{"StepMul", func(d, a, b, _ []float32) { StepMul(d, a, b) }, func(d, a, b, _ []float32, j int) { d[j] = a[j] * Step01(b[j]) }},
		{"SlopeMul", func(d, a, b, _ []float32) { SlopeMul(d, a, b, 0.2) }, func(d, a, b, _ []float32, j int) { d[j] = a[j] * slope(b[j], 0.2) }},
	}
	for _, k := range kernels {
		for _, n := range []int{1, 16, 31, 250, 1000} {
			dst, a, b, c := vec(n), vec(n), vec(n), vec(n)
			want := append([]float32(nil), dst...)
			for j := range want {
				k.scalar(want, a, b, c, j)
			}
			k.run(dst, a, b, c)
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
			want[j] += float64(float64(x[j]) * float64(x[j]))
		}
		AddSquares64(acc, x)
		for j := range acc {
			assert.Equal(t, math.Float64bits(want[j]), math.Float64bits(acc[j]), "AddSquares64 n=%d j=%d", n, j)
		}
	}
}
