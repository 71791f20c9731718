package kernels

import (
	"math"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// TestFillSplitIndependent checks that the draws are the same bits whatever the number of parts
// and wherever a fill starts and stops (the thread-count independence training relies on).
func TestFillSplitIndependent(t *testing.T) {
	a := Address{Seed: 7, Stream: 1, Fill: 11}
	const n = 3*minPart + 13
	ref := make([]float32, n)
	FillNormal(ref, 0.5, a, 1)
	refU := make([]float32, n)
	FillUniform(refU, a, 1)
	for _, parts := range []int{2, 3, 4, 7} {
		got := make([]float32, n)
		FillNormal(got, 0.5, a, parts)
		assert.Equal(t, ref, got, "normal, %d parts", parts)
		FillUniform(got, a, parts)
		assert.Equal(t, refU, got, "uniform, %d parts", parts)
	}
	// Any sub-range filled on its own has the values of the whole fill.
	for _, r := range [][2]int{{0, 1}, {1, 2}, {3, 9}, {5, 4101}, {4095, n}} {
		got := make([]float32, n)
		fillNormal(got, 0.5, a, r[0], r[1])
		assert.Equal(t, ref[r[0]:r[1]], got[r[0]:r[1]], "range %v", r)
	}
}

// TestNormalDistribution checks 2²⁰ draws against N(0, 1): mean, variance, skewness and excess
// kurtosis within about 5 standard errors, and a Kolmogorov-Smirnov statistic below the 0.1 %
// critical value 1.95/√n.
func TestNormalDistribution(t *testing.T) {
	const n = 1 << 20
	buf := make([]float32, n)
	FillNormal(buf, 1, Address{Seed: 12345, Stream: 9, Fill: 0}, 2)
	x := make([]float64, n)
	for i, v := range buf {
		x[i] = float64(v)
	}
	mean, std := stat.MeanStdDev(x, nil)
	se := 1 / math.Sqrt(n)
	assert.InDelta(t, 0, mean, 5*se, "mean")
	assert.InDelta(t, 1, std*std, 5*math.Sqrt(2)*se, "variance")
	assert.InDelta(t, 0, stat.Skew(x, nil), 5*math.Sqrt(6)*se, "skewness")
	assert.InDelta(t, 0, stat.ExKurtosis(x, nil), 5*math.Sqrt(24)*se, "excess kurtosis")
	sort.Float64s(x)
	d := 0.0
	norm := distuv.UnitNormal
	for i, v := range x {
		c := norm.CDF(v)
		d = math.Max(d, math.Max(math.Abs(c-float64(i)/n), math.Abs(float64(i+1)/n-c)))
	}
	assert.Less(t, d, 1.95/math.Sqrt(n), "Kolmogorov-Smirnov D")
	assert.LessOrEqual(t, x[n-1], 5.78, "largest draw")
	assert.GreaterOrEqual(t, x[0], -5.78, "smallest draw")
}

// TestUniformDistribution checks 2²⁰ U[0, 1) draws: range, mean and variance.
func TestUniformDistribution(t *testing.T) {
	const n = 1 << 20
	buf := make([]float32, n)
	FillUniform(buf, Address{Seed: 3, Stream: 4, Fill: 5}, 2)
	x := make([]float64, n)
	for i, v := range buf {
		require.True(t, v >= 0 && v < 1, "draw %d = %v", i, v)
		x[i] = float64(v)
	}
	mean, std := stat.MeanStdDev(x, nil)
	se := math.Sqrt(1.0/12) / math.Sqrt(n)
	assert.InDelta(t, 0.5, mean, 5*se)
	assert.InDelta(t, 1.0/12, std*std, 0.001)
}

// TestStreamsIndependent checks that draws of distinct streams, fills and seeds are
// uncorrelated (|r| within 5/√n) and that neighbouring draws of one fill are too.
func TestStreamsIndependent(t *testing.T) {
	const n = 1 << 18
	draw := func(a Address) []float64 {
		buf := make([]float32, n)
		FillNormal(buf, 1, a, 2)
		x := make([]float64, n)
		for i, v := range buf {
			x[i] = float64(v)
		}
		return x
	}
	base := draw(Address{Seed: 1, Stream: 1, Fill: 0})
	for name, a := range map[string]Address{
		"stream": {Seed: 1, Stream: 2, Fill: 0},
		"fill":   {Seed: 1, Stream: 1, Fill: 1},
		"seed":   {Seed: 2, Stream: 1, Fill: 0},
	} {
		r := stat.Correlation(base, draw(a), nil)
		assert.InDelta(t, 0, r, 5/math.Sqrt(n), name)
	}
	for _, lag := range []int{1, 2, 3, 4} {
		r := stat.Correlation(base[:n-lag], base[lag:], nil)
		assert.InDelta(t, 0, r, 5/math.Sqrt(n), "lag %d", lag)
	}
}

// TestLog32Accuracy holds log32 to float64's logarithm over every 24-bit u the radius uses and
// a sweep of other positive floats: at most 2·10⁻⁷ relative error (about 2 ulps) away from 1,
// and 1.5·10⁻⁷ absolute near 1 where the result is near 0. Measured maximum: see the log line.
func TestLog32Accuracy(t *testing.T) {
	maxRel, maxAbs := 0.0, 0.0
	check := func(x float32) {
		got, want := float64(log32(x)), math.Log(float64(x))
		if math.Abs(want) > 0.1 {
			maxRel = math.Max(maxRel, math.Abs(got-want)/math.Abs(want))
		} else {
			maxAbs = math.Max(maxAbs, math.Abs(got-want))
		}
	}
	for k := uint32(1); k <= 1<<24; k += 7 {
		check(float32(k) * 0x1p-24)
	}
	for x := float32(1e-30); x < 1e30; x *= 1.0001 {
		check(x)
	}
	t.Logf("log32: max relative error %.3g, max absolute error near 1 %.3g", maxRel, maxAbs)
	assert.Less(t, maxRel, 2e-7)
	assert.Less(t, maxAbs, 1.5e-7)
}

// TestSincos2piAccuracy holds sincos2pi to float64 over every 2⁻²⁴ step of the angle: at most
// 3·10⁻⁷ absolute error. Measured maximum: see the log line.
func TestSincos2piAccuracy(t *testing.T) {
	maxErr := 0.0
	for k := uint32(0); k < 1<<24; k++ {
		s, c := sincos2pi(k)
		ws, wc := math.Sincos(2 * math.Pi * float64(k) * 0x1p-24)
		maxErr = math.Max(maxErr, math.Max(math.Abs(float64(s)-ws), math.Abs(float64(c)-wc)))
	}
	t.Logf("sincos2pi: max absolute error %.3g", maxErr)
	assert.Less(t, maxErr, 3e-7)
}

// BenchmarkFillNormal times 2²⁰ draws on one goroutine and on two.
func BenchmarkFillNormal(b *testing.B) {
	buf := make([]float32, 1<<20)
	for _, parts := range []int{1, 2} {
		b.Run(map[int]string{1: "1part", 2: "2parts"}[parts], func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				FillNormal(buf, 1, Address{Seed: 1, Fill: uint64(i)}, parts)
			}
		})
	}
}

// TestNormalVectorMatchesScalar checks that the vector kernel (where this build and CPU have one)
// gives the scalar Box-Muller's values bit for bit, over 2¹⁶ blocks of several addresses.
func TestNormalVectorMatchesScalar(t *testing.T) {
	for _, a := range []Address{{}, {Seed: 1<<63 + 5, Stream: 7, Fill: 1 << 40}, {Seed: 42, Stream: 1, Fill: 3}} {
		const blocks = 1 << 16
		vec := make([]float32, 4*blocks)
		done := normalBlocksVec(vec, 0.3, a, 16)
		if done == 0 {
			t.Skip("no vector kernel in this build or on this CPU")
		}
		for b := 0; b < done; b++ {
			w := a.block(uint32(16 + b))
			for j := 0; j < 4; j++ {
				want := 0.3 * normalAt(w, j)
				require.Equal(t, math.Float32bits(want), math.Float32bits(vec[4*b+j]), "address %+v block %d draw %d", a, b, j)
			}
		}
	}
}
