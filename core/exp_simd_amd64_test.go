//go:build goexperiment.simd

package core

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"simd/archsimd"
)

// TestExp8MatchesMathExp holds the vector exponential to math.Exp bit for bit on 4 M arguments
// in its range: uniform over it, float32 values of every magnitude from 1e-8 up (the
// pre-activations the kernels see), and the ±expRange ends. TestKernels covers the kernels'
// hand-over to the scalar loop outside the range. Where math.Exp does not take its FMA path the
// vector kernels are off (vecExp), which the test reports rather than fails.
func TestExp8MatchesMathExp(t *testing.T) {
	if !vecExp {
		t.Skip("math.Exp does not take its FMA path here, or no AVX-512: the vector exponential is off")
	}
	rng := rand.New(rand.NewPCG(5, 5))
	xs := make([]float64, 4<<20)
	for i := range xs {
		switch i % 3 {
		case 0:
			xs[i] = (2*rng.Float64() - 1) * expRange
		case 1:
			xs[i] = float64(float32(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(12)-8))))
		default:
			xs[i] = float64(float32(rng.NormFloat64() * 20))
		}
		xs[i] = math.Mod(xs[i], expRange) // the kernels pass only arguments in range to exp8
	}
	xs[0], xs[1], xs[2], xs[3] = expRange, -expRange, 0, math.Copysign(0, -1)
	got := make([]float64, 8)
	c := vk
	for j := 0; j < len(xs); j += 8 {
		c.exp8(archsimd.LoadFloat64x8Slice(xs[j:])).StoreSlice(got)
		archsimd.ClearAVXUpperBits()
		for i, g := range got {
			if want := math.Exp(xs[j+i]); math.Float64bits(g) != math.Float64bits(want) {
				require.Failf(t, "exp8 differs from math.Exp", "exp(%v): %v, want %v", xs[j+i], g, want)
			}
		}
	}
}

// TestLog1p8MatchesMathLog1p holds the vector log1p to math.Log1p bit for bit on 4 M arguments
// in its range [0, l1pTop): e^−|x| for float32 x of every magnitude (what softplus feeds it) and
// uniform draws, with the branch points of math.Log1p among them.
func TestLog1p8MatchesMathLog1p(t *testing.T) {
	if !vecLog1p {
		t.Skip("the vector log1p is off here (no AVX-512 or FMA, or math.Log1p is built differently)")
	}
	rng := rand.New(rand.NewPCG(6, 6))
	xs := make([]float64, 4<<20)
	for i := range xs {
		if i%2 == 0 {
			v := float32(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(6)-3)))
			xs[i] = math.Exp(-math.Abs(float64(v)))
		} else {
			xs[i] = rng.Float64()
		}
		if xs[i] >= l1pTop {
			xs[i] = rng.Float64() * l1pTop
		}
	}
	copy(xs, []float64{0, l1pTiny, l1pSmall, l1pSqrt2M1, math.Nextafter(l1pSqrt2M1, 0), math.Nextafter(l1pTop, 0)})
	got := make([]float64, 8)
	c := vk
	for j := 0; j < len(xs); j += 8 {
		c.log1p8(archsimd.LoadFloat64x8Slice(xs[j:])).StoreSlice(got)
		archsimd.ClearAVXUpperBits()
		for i, g := range got {
			if want := math.Log1p(xs[j+i]); math.Float64bits(g) != math.Float64bits(want) {
				require.Failf(t, "log1p8 differs from math.Log1p", "log1p(%v): %v, want %v", xs[j+i], g, want)
			}
		}
	}
}
