package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// InceptionScore returns exp(E_x KL(p(y|x) ‖ p(y))), the (classifier-based) Inception Score of
// Salimans et al. (2016), from the class probabilities probs[i] a classifier gives generated image
// i; p(y) is their mean. It lies between 1 (every image gets the same prediction) and the number
// of classes (confident predictions spread evenly over the classes). Each row must have the same
// length, non-negative entries, and sum to 1 within 1e-4; rows are renormalised exactly.
func InceptionScore(probs [][]float64) (float64, error) {
	if len(probs) == 0 {
		return 0, fmt.Errorf("metrics: inception score of no predictions")
	}
	k := len(probs[0])
	if k == 0 {
		return 0, fmt.Errorf("metrics: inception score: predictions have no classes")
	}
	rows := make([][]float64, len(probs))
	marginal := make([]float64, k)
	for i, p := range probs {
		if len(p) != k {
			return 0, fmt.Errorf("metrics: inception score: row %d has %d classes, row 0 has %d", i, len(p), k)
		}
		sum := 0.0
		for j, v := range p {
			if !(v >= 0) || math.IsInf(v, 0) {
				return 0, fmt.Errorf("metrics: inception score: row %d class %d: probability %g", i, j, v)
			}
			sum += v
		}
		if math.Abs(sum-1) > 1e-4 {
			return 0, fmt.Errorf("metrics: inception score: row %d sums to %g, want 1", i, sum)
		}
		rows[i] = make([]float64, k)
		for j, v := range p {
			rows[i][j] = v / sum
			marginal[j] += rows[i][j] / float64(len(probs))
		}
	}
	kl := 0.0
	for _, p := range rows {
		for j, v := range p {
			if v > 0 {
				kl += v * math.Log(v/marginal[j])
			}
		}
	}
	return math.Exp(kl / float64(len(rows))), nil
}

// FeatureStats returns the mean and the sample covariance (divided by n−1, as numpy.cov and the
// reference FID code) of feature vectors x[i], all of the same length. It needs at least 2 rows.
func FeatureStats(x [][]float64) (mean []float64, cov *mat.SymDense, err error) {
	if len(x) < 2 {
		return nil, nil, fmt.Errorf("metrics: feature statistics need at least 2 vectors, got %d", len(x))
	}
	d := len(x[0])
	if d == 0 {
		return nil, nil, fmt.Errorf("metrics: feature statistics: vectors are empty")
	}
	mean = make([]float64, d)
	for i, v := range x {
		if len(v) != d {
			return nil, nil, fmt.Errorf("metrics: feature statistics: vector %d has %d values, vector 0 has %d", i, len(v), d)
		}
		for j, f := range v {
			mean[j] += f / float64(len(x))
		}
	}
	c := mat.NewDense(len(x), d, nil)
	for i, v := range x {
		for j, f := range v {
			c.Set(i, j, f-mean[j])
		}
	}
	cov = mat.NewSymDense(d, nil)
	cov.SymOuterK(1/float64(len(x)-1), c.T())
	return mean, cov, nil
}

// FrechetDistance returns the Fréchet distance between Gaussians fitted to two sets of feature
// vectors (the FID when the features come from an Inception network): see FrechetDistanceStats.
func FrechetDistance(a, b [][]float64) (float64, error) {
	m1, c1, err := FeatureStats(a)
	if err != nil {
		return 0, err
	}
	m2, c2, err := FeatureStats(b)
	if err != nil {
		return 0, err
	}
	return FrechetDistanceStats(m1, c1, m2, c2)
}

// FrechetDistanceStats returns ‖μ1 − μ2‖² + Tr(Σ1) + Tr(Σ2) − 2·Tr((Σ1Σ2)^½). The trace of the
// square root is computed as Σ √λ_i over the eigenvalues of the symmetric positive semi-definite
// Σ1^½ Σ2 Σ1^½, which has the same eigenvalues as Σ1Σ2; round-off negatives are taken as 0.
func FrechetDistanceStats(mu1 []float64, cov1 *mat.SymDense, mu2 []float64, cov2 *mat.SymDense) (float64, error) {
	d := len(mu1)
	if d == 0 || len(mu2) != d || cov1.SymmetricDim() != d || cov2.SymmetricDim() != d {
		return 0, fmt.Errorf("metrics: frechet distance: means of %d and %d values, covariances of order %d and %d",
			len(mu1), len(mu2), cov1.SymmetricDim(), cov2.SymmetricDim())
	}
	dist := 0.0
	for i := range mu1 {
		dist += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i])
	}
	root, err := sqrtPSD(cov1)
	if err != nil {
		return 0, err
	}
	var p mat.Dense
	p.Product(root, cov2, root)
	prod := mat.NewSymDense(d, nil)
	for i := 0; i < d; i++ {
		for j := i; j < d; j++ {
			prod.SetSym(i, j, (p.At(i, j)+p.At(j, i))/2)
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(prod, false) {
		return 0, fmt.Errorf("metrics: frechet distance: eigen-decomposition of Σ1^½Σ2Σ1^½ failed")
	}
	trRoot := 0.0
	for _, l := range eig.Values(nil) {
		trRoot += math.Sqrt(math.Max(l, 0))
	}
	return dist + mat.Trace(cov1) + mat.Trace(cov2) - 2*trRoot, nil
}

// sqrtPSD returns the symmetric square root of a positive semi-definite matrix, clamping
// round-off negative eigenvalues to 0.
func sqrtPSD(s *mat.SymDense) (*mat.Dense, error) {
	var eig mat.EigenSym
	if !eig.Factorize(s, true) {
		return nil, fmt.Errorf("metrics: frechet distance: eigen-decomposition of a covariance failed")
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	for i, l := range vals {
		if l < -1e-8*math.Max(1, math.Abs(vals[len(vals)-1])) {
			return nil, fmt.Errorf("metrics: frechet distance: covariance has eigenvalue %g < 0", l)
		}
		vals[i] = math.Sqrt(math.Max(l, 0))
	}
	var scaled mat.Dense
	scaled.Apply(func(_, j int, v float64) float64 { return v * vals[j] }, &vecs)
	var out mat.Dense
	out.Mul(&scaled, vecs.T())
	return &out, nil
}
