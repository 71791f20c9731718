package metrics

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// ConfidenceLevel is the coverage of every confidence interval in this
// package (Summary and TTest).
const ConfidenceLevel = 0.95

// Summary describes a sample of one quantity over seeds.
type Summary struct {
	N    int     // number of values
	Mean float64 // sample mean; NaN when N == 0
	Std  float64 // sample standard deviation (n-1 denominator); NaN when N < 2
	// CILow and CIHigh bound the 95% Student-t confidence interval of the
	// mean, Mean ± t(0.975, N-1)·Std/√N. With N < 2 the interval is
	// undefined and both are NaN: check HasCI before using them.
	CILow, CIHigh float64
}

// HasCI reports whether the summary has a defined standard deviation and
// confidence interval, which needs at least two values.
func (s Summary) HasCI() bool { return s.N >= 2 }

// Summarize returns the mean, sample standard deviation and 95% Student-t
// confidence interval of xs. Fields that need more values than xs holds are
// NaN (see Summary); Summarize never fails.
func Summarize(xs []float64) Summary {
	s := Summary{N: len(xs), Mean: math.NaN(), Std: math.NaN(), CILow: math.NaN(), CIHigh: math.NaN()}
	if len(xs) == 0 {
		return s
	}
	if len(xs) == 1 {
		s.Mean = xs[0]
		return s
	}
	s.Mean, s.Std = stat.MeanStdDev(xs, nil)
	half := tQuantile(float64(len(xs)-1)) * stat.StdErr(s.Std, float64(len(xs)))
	s.CILow, s.CIHigh = s.Mean-half, s.Mean+half
	return s
}

// tQuantile returns the two-sided ConfidenceLevel critical value of the
// standard Student-t distribution with df degrees of freedom.
func tQuantile(df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(1 - (1-ConfidenceLevel)/2)
}
