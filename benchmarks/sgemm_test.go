package benchmarks

import (
	"sync"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"

	"github.com/ssgan/ssgan/internal/engine"
)

// BenchmarkSGEMMPeak times one float32 product of two 2048 × 2048 matrices through the BLAS the
// steps use, split into engine.Threads() column blocks computed concurrently (at 2 threads the
// steps' split), and reports its rate: the machine's practical peak, against which the steps' GFLOPS (their
// matrix products' FLOPs over their whole time) are read.
func BenchmarkSGEMMPeak(b *testing.B) {
	const n = 2048
	a := blas32.General{Rows: n, Cols: n, Stride: n, Data: uniform(n*n, -1, 1)}
	c := make([]float32, n*n)
	parts := engine.Threads()
	product := func() {
		var wg sync.WaitGroup
		for p := range parts {
			lo, hi := p*n/parts, (p+1)*n/parts
			wg.Add(1)
			go func() {
				defer wg.Done()
				bb := blas32.General{Rows: n, Cols: hi - lo, Stride: n, Data: a.Data[lo:]}
				blas32.Gemm(blas.NoTrans, blas.NoTrans, 1, a, bb, 0, blas32.General{Rows: n, Cols: hi - lo, Stride: n, Data: c[lo:]})
			}()
		}
		wg.Wait()
	}
	product() // warm the caches
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		product()
	}
	b.ReportMetric(2*n*n*n*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOPS")
}
