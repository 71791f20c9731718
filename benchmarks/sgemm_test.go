package benchmarks

import (
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// BenchmarkSGEMMPeak times one float32 product of two 2048 × 2048 matrices through the BLAS the
// steps use and reports its rate: the machine's practical peak, against which the steps' GFLOPS
// (their matrix products' FLOPs over their whole time) are read.
func BenchmarkSGEMMPeak(b *testing.B) {
	const n = 2048
	a := blas32.General{Rows: n, Cols: n, Stride: n, Data: uniform(n*n, -1, 1)}
	c := blas32.General{Rows: n, Cols: n, Stride: n, Data: make([]float32, n*n)}
	blas32.Gemm(blas.NoTrans, blas.NoTrans, 1, a, a, 0, c) // warm the threads and caches
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		blas32.Gemm(blas.NoTrans, blas.NoTrans, 1, a, a, 0, c)
	}
	b.ReportMetric(2*n*n*n*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOPS")
}
