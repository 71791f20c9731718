package metrics

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestInceptionScore(t *testing.T) {
	oneHot := func(n, k int) [][]float64 {
		p := make([][]float64, n)
		for i := range p {
			p[i] = make([]float64, k)
			p[i][i%k] = 1
		}
		return p
	}
	same := make([][]float64, 7)
	for i := range same {
		same[i] = []float64{0.1, 0.6, 0.3}
	}
	// Two images, p = (¾, ¼) and (¼, ¾): p(y) uniform, KL = ¾ln(3/2) + ¼ln(1/2) for each.
	half := [][]float64{{0.75, 0.25}, {0.25, 0.75}}
	tests := []struct {
		name  string
		probs [][]float64
		want  float64
	}{
		{"one-hot spread evenly over 10 classes: the number of classes", oneHot(50, 10), 10},
		{"identical predictions: 1", same, 1},
		{"two soft predictions: closed form", half, math.Exp(0.75*math.Log(1.5) + 0.25*math.Log(0.5))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := InceptionScore(tc.probs)
			require.NoError(t, err)
			assert.InDelta(t, tc.want, got, 1e-12)
		})
	}
	for _, bad := range [][][]float64{nil, {{}}, {{0.5, 0.5}, {1}}, {{0.5, 0.6}}, {{1.5, -0.5}}, {{math.NaN(), 1}}} {
		_, err := InceptionScore(bad)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "metrics: inception score")
	}
}

// gaussianSample draws n vectors from N(mu, L·Lᵀ).
func gaussianSample(rng *rand.Rand, n int, mu []float64, l [][]float64) [][]float64 {
	out := make([][]float64, n)
	for i := range out {
		z := make([]float64, len(mu))
		for j := range z {
			z[j] = rng.NormFloat64()
		}
		out[i] = make([]float64, len(mu))
		for j := range mu {
			out[i][j] = mu[j]
			for k := range z {
				out[i][j] += l[j][k] * z[k]
			}
		}
	}
	return out
}

func TestFrechetDistanceSelf(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := gaussianSample(rng, 200, []float64{1, -2, 0.5}, [][]float64{{1, 0, 0}, {0.5, 2, 0}, {-0.3, 0.2, 0.7}})
	d, err := FrechetDistance(x, x)
	require.NoError(t, err)
	assert.InDelta(t, 0, d, 1e-9) // round-off of the eigen-decompositions only
}

func TestFrechetDistanceClosedForm(t *testing.T) {
	full := mat.NewSymDense(3, []float64{4, 1, 0.5, 1, 3, -0.2, 0.5, -0.2, 2})
	scaled := mat.NewSymDense(3, nil)
	scaled.ScaleSym(4, full)
	tests := []struct {
		name       string
		mu1, mu2   []float64
		cov1, cov2 *mat.SymDense
		want       float64
	}{
		// Diagonal covariances: Σ (μ1−μ2)² + Σ (σ1−σ2)².
		{"diagonal", []float64{0, 1, 2}, []float64{1, 1, 0},
			mat.NewSymDense(3, []float64{1, 0, 0, 0, 4, 0, 0, 0, 9}), mat.NewSymDense(3, []float64{4, 0, 0, 0, 4, 0, 0, 0, 1}),
			1 + 0 + 4 + 1 + 0 + 4},
		// Σ2 = c·Σ1: Tr√(Σ1Σ2) = √c·TrΣ1, so the distance is (1−√c)²·TrΣ1 = 1·9.
		{"proportional full covariances", []float64{0, 0, 0}, []float64{0, 0, 0}, full, scaled, 9},
		{"same covariance, shifted mean", []float64{0, 0, 0}, []float64{3, 0, 4}, full, full, 25},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := FrechetDistanceStats(tc.mu1, tc.cov1, tc.mu2, tc.cov2)
			require.NoError(t, err)
			assert.InDelta(t, tc.want, got, 1e-9)
		})
	}
}

func TestFeatureStats(t *testing.T) {
	// numpy.cov([[1, 3, 5], [2, 2, 8]]) (rows as variables) = [[4, 6], [6, 12]].
	mean, cov, err := FeatureStats([][]float64{{1, 2}, {3, 2}, {5, 8}})
	require.NoError(t, err)
	assert.Equal(t, []float64{3, 4}, mean)
	assert.InDelta(t, 4, cov.At(0, 0), 1e-12)
	assert.InDelta(t, 6, cov.At(0, 1), 1e-12)
	assert.InDelta(t, 12, cov.At(1, 1), 1e-12)

	for _, bad := range [][][]float64{nil, {{1}}, {{}, {}}, {{1, 2}, {3}}} {
		_, _, err := FeatureStats(bad)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "metrics: feature statistics")
	}
	_, err = FrechetDistanceStats([]float64{1}, cov, []float64{1, 2}, cov)
	require.ErrorContains(t, err, "metrics: frechet distance")
}
