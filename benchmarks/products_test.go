package benchmarks

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"

	"github.com/ssgan/ssgan/internal/engine"
	"github.com/ssgan/ssgan/internal/kernels"
	"github.com/ssgan/ssgan/ssgan"
)

// TestSSGANProducts checks that the listed products add up to SSGANFlops (which TestFlops checks
// by hand) and that their shapes chain: the D step's 300-row forward products and the 6 + 5
// gradient products of its layers are there.
func TestSSGANProducts(t *testing.T) {
	c := ssgan.Defaults()
	ps := SSGANProducts(c)
	var sum float64
	rows300 := 0
	for _, p := range ps {
		sum += p.flops()
		if p.ta == blas.NoTrans && p.tb == blas.NoTrans && p.m == 3*c.Batch {
			rows300++
		}
	}
	assert.Equal(t, SSGANFlops(c), sum)
	assert.Equal(t, len(c.DHidden)+1, rows300, "D's forward products on the three batches")
	assert.Len(t, ps, 3+(6+6+5)+(3+3+2)+(5+5)+5)
}

// productOperands allocates fixed operands for each product and returns them with the products'
// total FLOPs.
func productOperands(ps []product) (ops [][3][]float32, flops float64) {
	ops = make([][3][]float32, len(ps))
	for i, p := range ps {
		ops[i] = [3][]float32{uniform(p.m*p.k, -1, 1), uniform(p.k*p.n, -1, 1), make([]float32, p.m*p.n)}
		flops += p.flops()
	}
	return ops, flops
}

// BenchmarkSSGANFloor is the floor the BLAS sets for an SSGAN iteration: its 43 products back to
// back, each one call straight to the BLAS (blas32.Gemm, no split of ours) on OpenBLAS's own
// threads, on all cores and on one (the floor for one single-threaded job per core). No other
// work runs between the calls, so OpenBLAS's spinning workers cost nothing here.
func BenchmarkSSGANFloor(b *testing.B) {
	ps := SSGANProducts(ssgan.Defaults())
	ops, flops := productOperands(ps)
	savedThreads, savedNative := engine.Workers(), engine.NativeThreads()
	defer func() { engine.SetThreads(savedThreads); engine.SetNative(savedNative) }()
	for _, threads := range []int{runtime.NumCPU(), 1} {
		b.Run(fmt.Sprintf("threads=%d", threads), func(b *testing.B) {
			engine.SetThreads(threads)
			engine.SetNative(true)
			run := func() {
				for i, p := range ps {
					am := blas32.General{Rows: p.m, Cols: p.k, Stride: p.k, Data: ops[i][0]}
					if p.ta == blas.Trans {
						am = blas32.General{Rows: p.k, Cols: p.m, Stride: p.m, Data: ops[i][0]}
					}
					bm := blas32.General{Rows: p.k, Cols: p.n, Stride: p.n, Data: ops[i][1]}
					if p.tb == blas.Trans {
						bm = blas32.General{Rows: p.n, Cols: p.k, Stride: p.k, Data: ops[i][1]}
					}
					blas32.Gemm(p.ta, p.tb, 1, am, bm, 0, blas32.General{Rows: p.m, Cols: p.n, Stride: p.n, Data: ops[i][2]})
				}
			}
			run() // warm the caches
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				run()
			}
			reportMs(b, flops)
		})
	}
}

// BenchmarkSSGANProducts runs only the matrix products of one SSGAN iteration, with the steps'
// shapes, transposes and split (kernels.Gemm), on fixed data: the floor under the step's time that
// the BLAS sets, and the rate these small products reach against BenchmarkSGEMMPeak.
func BenchmarkSSGANProducts(b *testing.B) {
	ps := SSGANProducts(ssgan.Defaults())
	ops, flops := productOperands(ps)
	run := func() {
		for i, p := range ps {
			ar, ac := p.m, p.k
			if p.ta == blas.Trans {
				ar, ac = p.k, p.m
			}
			br, bc := p.k, p.n
			if p.tb == blas.Trans {
				br, bc = p.n, p.k
			}
			kernels.Gemm(p.ta, p.tb, ops[i][0], ar, ac, ops[i][1], br, bc, ops[i][2], 0)
		}
	}
	run() // warm the caches
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		run()
	}
	reportMs(b, flops)
}
