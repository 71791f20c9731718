package metrics

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// sleep1 and sleep2 are R's `sleep` data set: extra hours of sleep for the
// ten patients under drug 1 and under drug 2 (Student 1908).
var (
	sleep1 = []float64{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0}
	sleep2 = []float64{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4}
)

func TestSummarize(t *testing.T) {
	// R reports its values to 7 significant digits, so they are compared at
	// 1e-6; the others are exact or checked with the same tolerance.
	const tol = 1e-6
	nan := math.NaN()
	tests := []struct {
		name string
		xs   []float64
		want Summary
	}{
		{
			// R: mean(x) = 0.75, sd(x) = 1.78901, and
			// t.test(sleep$extra[1:10]) gives the 95% CI -0.5297804 2.0297804.
			name: "sleep group 1",
			xs:   sleep1,
			want: Summary{N: 10, Mean: 0.75, Std: 1.7890097, CILow: -0.5297804, CIHigh: 2.0297804},
		},
		{
			// R: t.test(1:4) gives the 95% CI 0.4457397 4.5542603;
			// sd(1:4) = sqrt(5/3).
			name: "one to four",
			xs:   []float64{1, 2, 3, 4},
			want: Summary{N: 4, Mean: 2.5, Std: math.Sqrt(5.0 / 3.0), CILow: 0.4457397, CIHigh: 4.5542603},
		},
		{
			// One seed: the mean is the value, everything else is undefined.
			name: "single value",
			xs:   []float64{93},
			want: Summary{N: 1, Mean: 93, Std: nan, CILow: nan, CIHigh: nan},
		},
		{name: "empty", xs: nil, want: Summary{N: 0, Mean: nan, Std: nan, CILow: nan, CIHigh: nan}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Summarize(tc.xs)
			assert.Equal(t, tc.want.N, got.N)
			assert.Equal(t, tc.want.N >= 2, got.HasCI())
			assertClose(t, "Mean", tc.want.Mean, got.Mean, tol)
			assertClose(t, "Std", tc.want.Std, got.Std, tol)
			assertClose(t, "CILow", tc.want.CILow, got.CILow, tol)
			assertClose(t, "CIHigh", tc.want.CIHigh, got.CIHigh, tol)
		})
	}
}

// assertClose checks that got is within tol of want, or that both are NaN.
func assertClose(t *testing.T, field string, want, got, tol float64) {
	t.Helper()
	if math.IsNaN(want) {
		assert.True(t, math.IsNaN(got), "%s = %g, want NaN", field, got)
		return
	}
	assert.InDelta(t, want, got, tol, field)
}
