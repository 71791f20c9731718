//go:build goexperiment.simd

package core

import (
	"math"
	"math/rand/v2"
	"testing"

	"simd/archsimd"
)

// TestExp8MatchesMathExp holds the vector exponential to math.Exp bit for bit on 1 M arguments
// in its range: uniform over it, float32 values of every magnitude from 1e-8 up (the
// pre-activations the kernels see), and the ±expRange ends. TestKernels covers the kernels'
// hand-over to the scalar loop outside the range. Where math.Exp does not take its FMA path the
// vector kernels are off (vecExp), which the test reports rather than fails.
func TestExp8MatchesMathExp(t *testing.T) {
	if !vecExp {
		t.Skip("math.Exp does not take its FMA path here, or no AVX-512: the vector exponential is off")
	}
	rng := rand.New(rand.NewPCG(5, 5))
	xs := make([]float64, 1<<20)
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
	if i := firstMismatch(xs, vk.exp8, math.Exp); i >= 0 {
		t.Fatalf("exp8(%v) = %v, math.Exp gives %v", xs[i], vec1(vk.exp8, xs[i]), math.Exp(xs[i]))
	}
}

// vec1 is vec of one argument.
func vec1(vec func(archsimd.Float64x8) archsimd.Float64x8, x float64) float64 {
	defer archsimd.ClearAVXUpperBits()
	var out [8]float64
	vec(archsimd.BroadcastFloat64x8(x)).Store(&out)
	return out[0]
}

// TestLog1p8MatchesMathLog1p holds the vector log1p to math.Log1p bit for bit on 1 M arguments
// in its range [0, l1pTop): e^−|x| for float32 x of every magnitude (what softplus feeds it) and
// uniform draws, with the branch points of math.Log1p among them.
func TestLog1p8MatchesMathLog1p(t *testing.T) {
	if !vecLog1p {
		t.Skip("the vector log1p is off here (no AVX-512 or FMA, or math.Log1p is built differently)")
	}
	rng := rand.New(rand.NewPCG(6, 6))
	xs := make([]float64, 1<<20)
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
	if i := firstMismatch(xs, vk.log1p8, math.Log1p); i >= 0 {
		t.Fatalf("log1p8(%v) = %v, math.Log1p gives %v", xs[i], vec1(vk.log1p8, xs[i]), math.Log1p(xs[i]))
	}
}
