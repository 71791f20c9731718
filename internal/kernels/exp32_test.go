package kernels

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// args returns a sweep of float32 arguments over [lo, hi] (n points) plus the edge cases.
func args(lo, hi float64, n int) []float32 {
	xs := []float32{0, float32(math.Copysign(0, -1)), 1, -1, float32(math.Inf(1)), float32(math.Inf(-1)),
		1e-30, -1e-30, 87.3, -87.3, 88, -88, 100, -100, 1e-8, -1e-8}
	for i := 0; i < n; i++ {
		xs = append(xs, float32(lo+(hi-lo)*float64(i)/float64(n-1)))
	}
	return xs
}

// relErr is |got − want| / |want|, or the absolute error where |want| < 1e-30.
func relErr(got float32, want float64) float64 {
	if math.Abs(want) < 1e-30 {
		return math.Abs(float64(got) - want)
	}
	return math.Abs(float64(got)-want) / math.Abs(want)
}

// TestExpFamilyAccuracy holds each function to its float64 value over its working range. The
// bounds are the measured maxima (in the log lines) rounded up: about 2-4 float32 ulps.
func TestExpFamilyAccuracy(t *testing.T) {
	tests := []struct {
		name   string
		f      func(float32) float32
		ref    func(float64) float64
		lo, hi float64
		bound  float64
	}{
		{"Exp32", Exp32, math.Exp, -87, 88, 3e-7},
		{"Log1p32", Log1p32, math.Log1p, 0, 4, 3e-7},
		{"Log1p32 small", Log1p32, math.Log1p, 0, 1e-6, 3e-7},
		{"Softplus32", Softplus32, func(x float64) float64 { return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x))) }, -80, 80, 4e-7},
		{"Logistic32", Logistic32, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }, -80, 80, 4e-7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			worst, at := 0.0, float32(0)
			for _, x := range args(tt.lo, tt.hi, 1_000_001)[16:] {
				if e := relErr(tt.f(x), tt.ref(float64(x))); e > worst {
					worst, at = e, x
				}
			}
			t.Logf("%s: max relative error %.3g at x = %g", tt.name, worst, at)
			assert.Less(t, worst, tt.bound)
		})
	}
}

// TestExpFamilyEdges checks the clamps, infinities and NaN.
func TestExpFamilyEdges(t *testing.T) {
	inf := float32(math.Inf(1))
	nan := float32(math.NaN())
	assert.Equal(t, float32(0)+Exp32(-1000), Exp32(-87.3), "exp clamps below")
	assert.False(t, math.IsInf(float64(Exp32(1000)), 0), "exp stays finite above")
	assert.Equal(t, inf, Softplus32(inf))
	assert.Less(t, Softplus32(-inf), float32(2e-38), "softplus(−∞) is e^−87.3 (the clamp)")
	assert.Equal(t, float32(1), Logistic32(200))
	assert.True(t, Logistic32(-200) >= 0 && Logistic32(-200) < 1e-37)
	for name, v := range map[string]float32{"softplus": Softplus32(nan), "logistic": Logistic32(nan)} {
		assert.True(t, v != v, "%s(NaN) is NaN", name)
	}
}

// TestExpKernelsMatchScalar holds the slice kernels (8-lane where the build and CPU have them) to
// the one-value functions bit for bit, NaN included as NaN.
func TestExpKernelsMatchScalar(t *testing.T) {
	x := append(args(-120, 120, 100_003), float32(math.NaN()), float32(math.NaN()))
	g := args(-3, 3, len(x))[:len(x)]
	y := make([]float32, len(x))
	for i := range y {
		y[i] = Logistic32(x[i])
	}
	same := func(t *testing.T, name string, got []float32, want func(i int) float32) {
		for i := range got {
			w := want(i)
			if w != w {
				assert.True(t, got[i] != got[i], "%s[%d] (x = %g): want NaN, got %g", name, i, x[i], got[i])
				continue
			}
			if math.Float32bits(w) != math.Float32bits(got[i]) {
				t.Fatalf("%s[%d] (x = %g): kernel %g, scalar %g", name, i, x[i], got[i], w)
			}
		}
	}
	out := make([]float32, len(x))
	SoftplusForward(out, x)
	same(t, "softplus", out, func(i int) float32 { return Softplus32(x[i]) })
	LogisticForward(out, x)
	same(t, "logistic", out, func(i int) float32 { return Logistic32(x[i]) })
	LogisticScale(out, g, x)
	same(t, "logistic scale", out, func(i int) float32 { return g[i] * Logistic32(x[i]) })
	SigmoidBackward(out, g, y)
	same(t, "sigmoid backward", out, func(i int) float32 { return g[i] * float32(y[i]*(1-y[i])) })
}
