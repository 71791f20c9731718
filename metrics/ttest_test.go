package metrics

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTTestSleep(t *testing.T) {
	// Expected values are R's printed output for the sleep data (sleep1 and
	// sleep2, see summary_test.go):
	//   t.test(extra ~ group, data = sleep)
	//     t = -1.8608, df = 17.776, p-value = 0.07939,
	//     95 percent CI -3.3654832 0.2054832, means 0.75 and 2.33
	//   t.test(sleep$extra[1:10], sleep$extra[11:20], paired = TRUE)
	//     t = -4.0621, df = 9, p-value = 0.002833,
	//     95 percent CI -2.4598858 -0.7001142, mean difference -1.58
	// Each tolerance is half a unit in the last digit R prints (a little more
	// where R rounds to 4-5 significant digits).
	tests := []struct {
		name                     string
		run                      func(a, b []float64) (TTest, error)
		want                     TTest
		tolT, tolDF, tolP, tolCI float64
	}{
		{
			name: "welch",
			run:  WelchTTest,
			want: TTest{T: -1.8608, DF: 17.776, P: 0.07939, MeanDiff: -1.58, CILow: -3.3654832, CIHigh: 0.2054832},
			tolT: 5e-5, tolDF: 5e-4, tolP: 5e-6, tolCI: 5e-7,
		},
		{
			name: "paired",
			run:  PairedTTest,
			want: TTest{T: -4.0621, DF: 9, P: 0.002833, MeanDiff: -1.58, CILow: -2.4598858, CIHigh: -0.7001142},
			tolT: 5e-5, tolDF: 1e-12, tolP: 5e-7, tolCI: 5e-7,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.run(sleep1, sleep2)
			require.NoError(t, err)
			assert.InDelta(t, tc.want.T, got.T, tc.tolT, "T")
			assert.InDelta(t, tc.want.DF, got.DF, tc.tolDF, "DF")
			assert.InDelta(t, tc.want.P, got.P, tc.tolP, "P")
			assert.InDelta(t, tc.want.MeanDiff, got.MeanDiff, 1e-12, "MeanDiff")
			assert.InDelta(t, tc.want.CILow, got.CILow, tc.tolCI, "CILow")
			assert.InDelta(t, tc.want.CIHigh, got.CIHigh, tc.tolCI, "CIHigh")
		})
	}
}

func TestTTestSymmetry(t *testing.T) {
	// Swapping the samples negates t, the difference and the interval and
	// keeps df and p: a property of the two-sided test, no external values.
	const tol = 1e-12
	for name, run := range map[string]func(a, b []float64) (TTest, error){"welch": WelchTTest, "paired": PairedTTest} {
		t.Run(name, func(t *testing.T) {
			ab, err := run(sleep1, sleep2)
			require.NoError(t, err)
			ba, err := run(sleep2, sleep1)
			require.NoError(t, err)
			assert.InDelta(t, -ab.T, ba.T, tol)
			assert.InDelta(t, ab.DF, ba.DF, tol)
			assert.InDelta(t, ab.P, ba.P, tol)
			assert.InDelta(t, -ab.CIHigh, ba.CILow, tol)
		})
	}
}

func TestTTestOneSampleZeroVariance(t *testing.T) {
	// When b is constant the Welch test reduces to a one-sample test of a
	// against mean(b), so df = n-1 = 9 and the result must match the paired
	// test of a against a constant vector; R: t.test(sleep$extra[1:10], mu = 0)
	// gives t = 1.3257, df = 9, p-value = 0.2176.
	zeros := make([]float64, len(sleep1))
	w, err := WelchTTest(sleep1, zeros)
	require.NoError(t, err)
	p, err := PairedTTest(sleep1, zeros)
	require.NoError(t, err)
	assert.InDelta(t, 1.3257, w.T, 5e-5)
	assert.InDelta(t, 9, w.DF, 1e-12)
	assert.InDelta(t, 0.2176, w.P, 5e-5)
	assert.InDelta(t, p.T, w.T, 1e-12)
	assert.InDelta(t, p.P, w.P, 1e-12)
}

func TestTTestErrors(t *testing.T) {
	tests := []struct {
		name    string
		run     func(a, b []float64) (TTest, error)
		a, b    []float64
		wantErr string
	}{
		{name: "paired length mismatch", run: PairedTTest, a: []float64{1, 2, 3}, b: []float64{1, 2}, wantErr: "metrics: paired t-test needs equal lengths, got 3 and 2"},
		{name: "paired one pair", run: PairedTTest, a: []float64{1}, b: []float64{2}, wantErr: "metrics: paired t-test needs at least 2 values in a, got 1"},
		{name: "paired constant difference", run: PairedTTest, a: []float64{1, 2, 3}, b: []float64{0, 1, 2}, wantErr: "metrics: paired t-test is undefined: all 3 differences are equal (1)"},
		{name: "paired NaN", run: PairedTTest, a: []float64{1, 2}, b: []float64{0, math.NaN()}, wantErr: "metrics: paired t-test: b[1] is NaN"},
		{name: "welch too few", run: WelchTTest, a: []float64{1, 2}, b: []float64{1}, wantErr: "metrics: Welch t-test needs at least 2 values in b, got 1"},
		{name: "welch both constant", run: WelchTTest, a: []float64{1, 1}, b: []float64{2, 2, 2}, wantErr: "metrics: Welch t-test is undefined: both samples have zero variance"},
		{name: "welch infinite", run: WelchTTest, a: []float64{math.Inf(1), 1}, b: []float64{2, 3}, wantErr: "metrics: Welch t-test: a[0] is +Inf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.run(tc.a, tc.b)
			require.EqualError(t, err, tc.wantErr)
		})
	}
}
