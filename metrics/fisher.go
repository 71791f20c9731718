package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/combin"
)

// FisherExact is Fisher's exact test of whether an event is as frequent in two samples:
// a of n1 runs in the first and b of n2 in the second. It returns the two-sided p-value as R's
// fisher.test computes it for a 2×2 table: the total probability, under the hypergeometric law
// of the first sample's count given the margins, of every count no more likely than a (with R's
// relative tolerance of 1e-7 for ties). It fails when a count is negative or exceeds its sample.
func FisherExact(a, n1, b, n2 int) (float64, error) {
	if n1 < 0 || n2 < 0 || a < 0 || b < 0 || a > n1 || b > n2 {
		return 0, fmt.Errorf("metrics: Fisher's exact test: counts %d of %d and %d of %d: want 0 <= count <= runs", a, n1, b, n2)
	}
	k, n := a+b, n1+n2
	logP := func(x int) float64 { // log P(first sample's count = x)
		return combin.LogGeneralizedBinomial(float64(n1), float64(x)) +
			combin.LogGeneralizedBinomial(float64(n2), float64(k-x)) -
			combin.LogGeneralizedBinomial(float64(n), float64(k))
	}
	observed := logP(a)
	p := 0.0
	for x := max(0, k-n2); x <= min(k, n1); x++ {
		if l := logP(x); l <= observed+math.Log1p(1e-7) {
			p += math.Exp(l)
		}
	}
	return min(p, 1), nil
}
