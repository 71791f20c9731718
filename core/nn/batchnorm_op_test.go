package nn

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	G "gorgonia.org/gorgonia"
)

// bnRun is what one Train-mode run of a batch-norm layer gives: its output, the gradients of a
// weighted loss with respect to the input and the layer's parameters, and the running statistics.
type bnRun struct {
	y               []float32
	grads           [][]float32
	runMean, runVar []float32
}

// runBatchNorm builds x (n × c, filled from seed) → layer → weighted loss with the fused op or
// the composition, and runs it twice (the second run reuses the ops' buffers and the running
// statistics of the first).
func runBatchNorm(t *testing.T, fused bool, n, c int, gamma bool, eps float64, seed uint64) bnRun {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	b := NewBatchNorm("bn", c, 0.8)
	b.Epsilon = eps
	if gamma {
		b.Gamma.FillNormal(rng, 1)
	} else {
		b.Gamma = nil
	}
	b.Beta.FillNormal(rng, 1)
	x := NewParam("x", n, c)
	for i, d := 0, x.Data(); i < len(d); i++ {
		d[i] = float32(0.3 + 2*rng.NormFloat64())
	}
	g := NewGraph(Train, nil)
	var y *G.Node
	var err error
	if fused {
		y, err = b.Forward(g, g.Param(x))
	} else {
		y, err = b.forwardComposed(g, g.Param(x))
	}
	require.NoError(t, err)
	loss, err := weightedLoss(g, y, rng)
	require.NoError(t, err)
	step, err := g.Compile(loss, append([]*Param{x}, b.Params()...), y)
	require.NoError(t, err)
	defer step.Close()
	for range 2 {
		require.NoError(t, step.Run())
	}
	out := bnRun{y: append([]float32(nil), Floats(y)...), runMean: b.RunMean.Data(), runVar: b.RunVar.Data()}
	for _, gr := range step.Grads() {
		out.grads = append(out.grads, append([]float32(nil), gr...))
	}
	return out
}

// firstBitDifference is the first index where a and b differ in their bits (0 for different
// lengths), or -1.
func firstBitDifference(a, b []float32) int {
	if len(a) != len(b) {
		return 0
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return i
		}
	}
	return -1
}

// TestBatchNormOpMatchesComposition: the fused Train-mode op gives the composition's output,
// gradients (input, β, γ) and running statistics bit for bit, at G's size and at odd ones.
func TestBatchNormOpMatchesComposition(t *testing.T) {
	tests := []struct {
		name  string
		n, c  int
		gamma bool
		eps   float64
	}{
		{"G's layer, no scale", 100, 500, false, 1e-6},
		{"G's layer, scale", 100, 500, true, 1e-6},
		{"article GAN's epsilon, scale", 64, 256, true, 1e-3},
		{"odd shape", 7, 33, true, 1e-3},
		{"odd shape, no scale", 3, 5, false, 1e-6},
		{"one row", 1, 9, true, 1e-3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fused := runBatchNorm(t, true, tc.n, tc.c, tc.gamma, tc.eps, 3)
			comp := runBatchNorm(t, false, tc.n, tc.c, tc.gamma, tc.eps, 3)
			require.Equal(t, -1, firstBitDifference(fused.y, comp.y), "output")
			require.Len(t, fused.grads, len(comp.grads))
			for i := range comp.grads {
				require.Equal(t, -1, firstBitDifference(fused.grads[i], comp.grads[i]), "gradient %d", i)
			}
			require.Equal(t, -1, firstBitDifference(fused.runMean, comp.runMean), "running mean")
			require.Equal(t, -1, firstBitDifference(fused.runVar, comp.runVar), "running variance")
		})
	}
}

// TestBatchNormOpAgainstFloat64: the op's output and input gradient against the same formulas in
// float64, relative to each quantity's largest magnitude (100 × 50 with a scale: 1.2e-7 and
// 4.2e-7, measured 2026-12-02).
func TestBatchNormOpAgainstFloat64(t *testing.T) {
	const n, c, eps = 100, 50, 1e-6
	r := runBatchNorm(t, true, n, c, true, eps, 5)
	// Rebuild the inputs runBatchNorm drew (same seed, same order).
	rng := rand.New(rand.NewPCG(5, 7))
	gamma, beta := make([]float64, c), make([]float64, c)
	for j := range gamma {
		gamma[j] = rng.NormFloat64()
	}
	for j := range beta {
		beta[j] = rng.NormFloat64()
	}
	x := make([]float64, n*c)
	for i := range x {
		x[i] = float64(float32(0.3 + 2*rng.NormFloat64()))
	}
	w := make([]float64, n*c)
	for i := range w {
		w[i] = float64(float32(rng.Float64()))
	}
	gamma32, beta32 := make([]float64, c), make([]float64, c)
	for j := range gamma {
		gamma32[j], beta32[j] = float64(float32(gamma[j])), float64(float32(beta[j]))
	}
	y, dx := batchNorm64(x, w, gamma32, beta32, n, c, eps)
	ey, edx := relErr(r.y, y), relErr(r.grads[0], dx)
	t.Logf("largest errors against float64, relative to the largest magnitude: output %.2g, input gradient %.2g", ey, edx)
	require.Less(t, ey, 5e-7, "output")
	require.Less(t, edx, 2e-6, "input gradient")
}

// batchNorm64 is the layer and the gradient of mean(w ⊙ y²) with respect to x, in float64.
func batchNorm64(x, w, gamma, beta []float64, n, c int, eps float64) (y, dx []float64) {
	y, dx = make([]float64, n*c), make([]float64, n*c)
	for j := 0; j < c; j++ {
		var m, v float64
		for i := 0; i < n; i++ {
			m += x[i*c+j]
		}
		m /= float64(n)
		for i := 0; i < n; i++ {
			d := x[i*c+j] - m
			v += d * d
		}
		v /= float64(n)
		s := math.Sqrt(v + eps)
		xh := make([]float64, n)
		var sdh, sdhx float64
		dh := make([]float64, n)
		for i := 0; i < n; i++ {
			xh[i] = (x[i*c+j] - m) / s
			y[i*c+j] = xh[i]*gamma[j] + beta[j]
			dy := 2 * w[i*c+j] * y[i*c+j] / float64(n*c)
			dh[i] = dy * gamma[j]
			sdh += dh[i]
			sdhx += dh[i] * xh[i]
		}
		for i := 0; i < n; i++ {
			dx[i*c+j] = (dh[i] - sdh/float64(n) - xh[i]*sdhx/float64(n)) / s
		}
	}
	return y, dx
}

// relErr is max |a − b| over max |b|.
func relErr(a []float32, b []float64) float64 {
	var d, m float64
	for i := range b {
		d = math.Max(d, math.Abs(float64(a[i])-b[i]))
		m = math.Max(m, math.Abs(b[i]))
	}
	return d / m
}
