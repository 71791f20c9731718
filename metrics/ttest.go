package metrics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// TTest is the result of a two-sample t-test of the difference in means
// mean(a) - mean(b).
type TTest struct {
	T        float64 // t statistic
	DF       float64 // degrees of freedom (fractional for Welch)
	P        float64 // two-sided p-value
	MeanDiff float64 // mean(a) - mean(b); for a paired test, the mean of a[i]-b[i]
	// CILow and CIHigh bound the 95% confidence interval of MeanDiff.
	CILow, CIHigh float64
}

// PairedTTest tests whether the mean of the differences a[i]-b[i] is zero
// (R: t.test(a, b, paired = TRUE)). It fails when the slices differ in
// length, hold fewer than two pairs or a non-finite value, or when all the
// differences are equal (zero variance: t is undefined).
func PairedTTest(a, b []float64) (TTest, error) {
	if len(a) != len(b) {
		return TTest{}, fmt.Errorf("metrics: paired t-test needs equal lengths, got %d and %d", len(a), len(b))
	}
	if err := checkSample("paired t-test", "a", a); err != nil {
		return TTest{}, err
	}
	if err := checkSample("paired t-test", "b", b); err != nil {
		return TTest{}, err
	}
	d := make([]float64, len(a))
	for i := range a {
		d[i] = a[i] - b[i]
	}
	mean, std := stat.MeanStdDev(d, nil)
	se := stat.StdErr(std, float64(len(d)))
	if !(se > 0) {
		return TTest{}, fmt.Errorf("metrics: paired t-test is undefined: all %d differences are equal (%g)", len(d), d[0])
	}
	return tResult(mean, se, float64(len(d)-1)), nil
}

// WelchTTest tests whether mean(a) equals mean(b) without assuming equal
// variances, using the Welch–Satterthwaite degrees of freedom (R's default
// t.test(a, b)). It fails when either sample has fewer than two values or a
// non-finite value, or when both samples have zero variance.
func WelchTTest(a, b []float64) (TTest, error) {
	if err := checkSample("Welch t-test", "a", a); err != nil {
		return TTest{}, err
	}
	if err := checkSample("Welch t-test", "b", b); err != nil {
		return TTest{}, err
	}
	ma, va := stat.MeanVariance(a, nil)
	mb, vb := stat.MeanVariance(b, nil)
	na, nb := float64(len(a)), float64(len(b))
	qa, qb := va/na, vb/nb
	se := math.Sqrt(qa + qb)
	if !(se > 0) {
		return TTest{}, fmt.Errorf("metrics: Welch t-test is undefined: both samples have zero variance")
	}
	df := (qa + qb) * (qa + qb) / (qa*qa/(na-1) + qb*qb/(nb-1))
	return tResult(ma-mb, se, df), nil
}

// tResult builds the TTest of a mean difference with standard error se and
// df degrees of freedom.
func tResult(diff, se, df float64) TTest {
	t := diff / se
	dist := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	half := tQuantile(df) * se
	return TTest{
		T:        t,
		DF:       df,
		P:        2 * dist.Survival(math.Abs(t)),
		MeanDiff: diff,
		CILow:    diff - half,
		CIHigh:   diff + half,
	}
}

// checkSample fails when xs has fewer than two values or a NaN or infinity.
func checkSample(test, name string, xs []float64) error {
	if len(xs) < 2 {
		return fmt.Errorf("metrics: %s needs at least 2 values in %s, got %d", test, name, len(xs))
	}
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("metrics: %s: %s[%d] is %g", test, name, i, x)
		}
	}
	return nil
}
