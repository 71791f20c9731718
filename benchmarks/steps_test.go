package benchmarks

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/ssgan"
)

// uniform returns n values in [lo, hi) from a fixed seed.
func uniform(n int, lo, hi float32) []float32 {
	rng := rand.New(rand.NewPCG(42, 42))
	v := make([]float32, n)
	for i := range v {
		v[i] = lo + (hi-lo)*rng.Float32()
	}
	return v
}

// batch is a synthetic SSGAN batch: pixels in [0,1), labels 0..9.
func batch(c ssgan.Config) core.FixedBatch {
	n := c.Batch * c.InputDim
	y := make([]uint8, c.Batch)
	for i := range y {
		y[i] = uint8(i % c.Classes)
	}
	return core.FixedBatch{X: uniform(n, 0, 1), Y: y, Unl: [][]float32{uniform(n, 0, 1), uniform(n, 0, 1)}}
}

// newModel builds and data-initialises a model of the given method.
func newModel(tb testing.TB, method string) (*ssgan.Model, core.FixedBatch) {
	c := ssgan.Defaults()
	c.Method = method
	m, err := ssgan.New(c, 1)
	require.NoError(tb, err)
	require.NoError(tb, m.Init(uniform(c.InitRows*c.InputDim, 0, 1)))
	return m, batch(c)
}

// reportMs adds the mean milliseconds per iteration as a metric and, when flops (the matrix
// products' FLOPs per iteration) is not zero, the rate they ran at over the whole iteration.
func reportMs(b *testing.B, flops float64) {
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/iter")
	if flops > 0 {
		b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOPS")
	}
}

// BenchmarkSSGANStep is one Salimans et al. iteration: D on 100 labeled + 100 unlabeled + 100
// generated rows, Adam; then G with feature matching, Adam (the peer's --step ssgan).
func BenchmarkSSGANStep(b *testing.B) {
	m, bt := newModel(b, "ssgan")
	defer m.Close()
	plan := core.DefaultPlan(m.Capabilities())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := m.Step(plan, bt); err != nil {
			b.Fatal(err)
		}
	}
	reportMs(b, SSGANFlops(m.Cfg))
}

// BenchmarkSupervisedStep is D's forward, backward and Adam on one labeled batch of 100 (the
// peer's --step dfb).
func BenchmarkSupervisedStep(b *testing.B) {
	m, bt := newModel(b, "supervised")
	defer m.Close()
	plan := core.DefaultPlan(m.Capabilities())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := m.Step(plan, bt); err != nil {
			b.Fatal(err)
		}
	}
	reportMs(b, SupervisedFlops(m.Cfg))
}

// BenchmarkGANStep is one step of the article's GAN: D on 16 real + 16 generated rows, then G
// on 32 (the peer's --step gan).
func BenchmarkGANStep(b *testing.B) {
	m, err := core.NewGAN(core.GANConfig{}, 1)
	require.NoError(b, err)
	defer m.Close()
	src := core.FixedBatch{Unl: [][]float32{uniform(m.Cfg.Batch/2*m.Cfg.ImageDim, -1, 1)}}
	plan := core.DefaultPlan(core.GANCapabilities)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := m.Step(plan, src); err != nil {
			b.Fatal(err)
		}
	}
	reportMs(b, 0)
}
