//go:build goexperiment.simd && amd64

package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLanes8MatchScalar calls the 8-lane kernels directly, so that a CPU with AVX-512, whose
// exported kernels take the 16-lane forms, still holds the 8-lane forms (what AVX2-only CPUs run)
// to the scalar expressions bit for bit.
func TestLanes8MatchScalar(t *testing.T) {
	if !avx2 {
		t.Skip("no AVX2 on this CPU")
	}
	rng := rand.New(rand.NewPCG(8, 8))
	const n = 1003
	vec := func() []float32 {
		v := make([]float32, n)
		for i := range v {
			v[i] = float32(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(6)-3)))
		}
		return v
	}
	same := func(t *testing.T, name string, done int, got []float32, want func(j int) float32) {
		require.Equal(t, n&^7, done, "%s: whole 8-value blocks", name)
		for j := 0; j < done; j++ {
			require.Equal(t, math.Float32bits(want(j)), math.Float32bits(got[j]), "%s[%d]", name, j)
		}
	}
	a, b, c := vec(), vec(), vec()
	d := make([]float32, n)
	same(t, "mulAddRow", mulAddRowVec8(d, a, b, c), d, func(j int) float32 { return float32(a[j]*b[j]) + c[j] })
	same(t, "mulRow", mulRowVec8(d, a, b), d, func(j int) float32 { return a[j] * b[j] })
	same(t, "addVec", addVecVec8(d, a, b), d, func(j int) float32 { return a[j] + b[j] })
	d0 := vec()
	d = append([]float32(nil), d0...)
	same(t, "subMulRow", subMulRowVec8(d, a, b), d, func(j int) float32 { return d0[j] - float32(a[j]*b[j]) })
	d = append([]float32(nil), d0...)
	same(t, "addMulRow", addMulRowVec8(d, a, b), d, func(j int) float32 { return d0[j] + float32(a[j]*b[j]) })
	same(t, "stepMul", stepMulVec8(d, a, b), d, func(j int) float32 { return a[j] * Step01(b[j]) })
	avg0 := vec()
	avg := append([]float32(nil), avg0...)
	same(t, "moveAverage", moveAverageVec8(avg, a, 0.001), avg, func(j int) float32 { return avg0[j] + float32(0.001*(a[j]-avg0[j])) })

	w0, m0, v0 := vec(), vec(), vec()
	for i := range v0 {
		v0[i] = float32(math.Abs(float64(v0[i])))
	}
	w, m, v := append([]float32(nil), w0...), append([]float32(nil), m0...), append([]float32(nil), v0...)
	k := AdamConsts{B1: 0.5, B2: 0.999, LR: 0.003, Eps: 1e-8, C1: 2, C2: 1000}
	done := adamVec8(w, a, m, v, k)
	same(t, "adam", done, w, func(j int) float32 {
		mj := float32(k.B1*m0[j]) + float32((1-k.B1)*a[j])
		vj := float32(k.B2*v0[j]) + float32(float32((1-k.B2)*a[j])*a[j])
		return w0[j] - float32(float32(k.LR*mj)*k.C1)/float32(math.Sqrt(float64(float32(vj*k.C2)+k.Eps)))
	})
}
