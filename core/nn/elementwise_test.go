package nn

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	G "gorgonia.org/gorgonia"
)

// TestSoftplusValues compares the float32 softplus with log(1 + eˣ) in float64 (log1p for
// moderate x, x itself where eˣ overflows the formula), to a relative 1e-6.
func TestSoftplusValues(t *testing.T) {
	for _, x := range []float64{-100, -30, -10, -1, -1e-3, 0, 1e-3, 1, 10, 30, 100} {
		want := math.Log1p(math.Exp(x))
		if x > 30 {
			want = x
		}
		got := float64(softplusF32.f(float32(x)))
		assert.InDelta(t, want, got, 1e-6*math.Max(1, math.Abs(want)), "softplus(%g)", x)
		assert.InDelta(t, 1/(1+math.Exp(-x)), float64(softplusF32.df(float32(x), 0)), 1e-6, "softplus'(%g)", x)
	}
}

// TestFusedMatchesGorgonia checks that the fused float32 activations give the values and
// gradients of the gorgonia compositions they replace, to float32 tolerance.
func TestFusedMatchesGorgonia(t *testing.T) {
	tests := []struct {
		name  string
		fused func(*G.Node) (*G.Node, error)
		plain func(*G.Node) (*G.Node, error)
		exact bool
	}{
		{"sigmoid", func(x *G.Node) (*G.Node, error) { return applyMap(sigmoidF32, x) }, G.Sigmoid, false},
		{"softplus", func(x *G.Node) (*G.Node, error) { return applyMap(softplusF32, x) }, G.Softplus, false},
		{"relu", func(x *G.Node) (*G.Node, error) { return applyMap(reluF32, x) }, G.Rectify, false},
		{"leaky_relu", func(x *G.Node) (*G.Node, error) { return applyMap(leakyReLUF32(0.2), x) },
			func(x *G.Node) (*G.Node, error) { return G.LeakyRelu(x, 0.2) }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var vals, grads [2][]float32
			for k, f := range []func(*G.Node) (*G.Node, error){tc.fused, tc.plain} {
				rng := rand.New(rand.NewPCG(9, 9))
				g := NewGraph(Train, nil)
				w := NewParam("w", 40, 50)
				w.FillNormal(rng, 3)
				y, err := f(g.Param(w))
				require.NoError(t, err)
				loss, err := weightedLoss(g, y, rng)
				require.NoError(t, err)
				step, err := g.Compile(loss, []*Param{w}, y)
				require.NoError(t, err)
				require.NoError(t, step.Run())
				vals[k] = append([]float32(nil), Floats(y)...) // a snapshot: gorgonia overwrites y in place
				grads[k] = append([]float32(nil), step.Grad(0)...)
			}
			assert.InDeltaSlice(t, vals[1], vals[0], 1e-4)
			assert.InDeltaSlice(t, grads[1], grads[0], 1e-6)
			if tc.exact {
				assert.Equal(t, bits32(vals[1]), bits32(vals[0]), "values, bit for bit")
				assert.Equal(t, bits32(grads[1]), bits32(grads[0]), "gradients, bit for bit")
			}
		})
	}
}

// TestReLUValues checks the fused ReLU against gorgonia's x·[x ≥ 0] on the edge cases, NaN
// included: a NaN must pass through so that a diverging run is detected.
func TestReLUValues(t *testing.T) {
	nan := float32(math.NaN())
	tests := []struct {
		x, y, dy float32
	}{
		{2.5, 2.5, 1}, {-3, 0, 0}, {0, 0, 1}, {nan, nan, 0},
	}
	for _, tt := range tests {
		y := reluF32.f(tt.x)
		if math.IsNaN(float64(tt.y)) {
			assert.True(t, math.IsNaN(float64(y)), "relu(NaN) = %v", y)
		} else {
			assert.Equal(t, tt.y, y, "relu(%v)", tt.x)
		}
		assert.Equal(t, tt.dy, reluF32.df(tt.x, y), "relu'(%v)", tt.x)
	}
}

// TestKernelsMatchDefinitions holds each activation's slice kernels to its one-value definition,
// bit for bit, on normal draws at three scales, the special values (signed zeros, infinities,
// the largest finite values) and the clamps of the float32 exponential (−87.3, 88) and the old
// sigmoid cut-offs (−88, 15), placed both in the middle of the slice, where a vector kernel hands
// over to the scalar loop, and at its end; NaN must stay NaN.
func TestKernelsMatchDefinitions(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	var xs []float32
	for _, scale := range []float64{1e-3, 1, 50} {
		for range 2000 {
			xs = append(xs, float32(rng.NormFloat64()*scale))
		}
	}
	inf := float32(math.Inf(1))
	special := []float32{0, float32(math.Copysign(0, -1)), inf, -inf, math.MaxFloat32, -math.MaxFloat32, math.SmallestNonzeroFloat32}
	for _, v := range []float32{-88, 15, -87.3, 88, 87.3} {
		special = append(special, v, math.Nextafter32(v, 0), math.Nextafter32(v, 2*v))
	}
	xs = append(append(xs[:1000:1000], special...), xs[1000:]...)
	xs = append(xs, special...)
	gs := make([]float32, len(xs))
	for i := range gs {
		gs[i] = float32(rng.NormFloat64())
	}
	for _, fn := range []mapFunc{softplusF32, sigmoidF32, reluF32, leakyReLUF32(0.2), leakyReLUF32(0.01)} {
		t.Run(fn.name, func(t *testing.T) {
			require.NotNil(t, fn.fwd)
			require.NotNil(t, fn.bwd)
			y, d := make([]float32, len(xs)), make([]float32, len(xs))
			fn.fwd(y, xs)
			fn.bwd(d, gs, xs, y)
			for i, x := range xs {
				assert.Equal(t, math.Float32bits(fn.f(x)), math.Float32bits(y[i]), "f(%g)", x)
				assert.Equal(t, math.Float32bits(gs[i]*fn.df(x, y[i])), math.Float32bits(d[i]), "g·f'(%g)", x)
			}
			// NaN must propagate both ways as the definitions propagate it (so a diverging run is
			// caught): forward NaN, backward whatever g·df gives, NaN or not.
			nan := []float32{float32(math.NaN())}
			fn.fwd(y[:1], nan)
			assert.True(t, math.IsNaN(float64(y[0])), "f(NaN) = %v", y[0])
			fn.bwd(d[:1], gs[:1], nan, y[:1])
			want := gs[0] * fn.df(nan[0], y[0])
			assert.Equal(t, math.IsNaN(float64(want)), math.IsNaN(float64(d[0])), "g·f'(NaN): kernel %v, definition %v", d[0], want)
			if !math.IsNaN(float64(want)) {
				assert.Equal(t, math.Float32bits(want), math.Float32bits(d[0]), "g·f'(NaN)")
			}
		})
	}
}

// bits32 is the bit patterns of xs, for exact comparisons.
func bits32(xs []float32) []uint32 {
	b := make([]uint32, len(xs))
	for i, x := range xs {
		b[i] = math.Float32bits(x)
	}
	return b
}
