package benchmarks

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"gonum.org/v1/gonum/blas"

	"github.com/ssgan/ssgan/core"
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

// BenchmarkSSGANProducts runs only the matrix products of one SSGAN iteration, with the steps'
// shapes, transposes and split (core.Gemm), on fixed data: the floor under the step's time that
// the BLAS sets, and the rate these small products reach against BenchmarkSGEMMPeak.
func BenchmarkSSGANProducts(b *testing.B) {
	ps := SSGANProducts(ssgan.Defaults())
	type operands struct{ a, b, c []float32 }
	ops := make([]operands, len(ps))
	var flops float64
	for i, p := range ps {
		ops[i] = operands{uniform(p.m*p.k, -1, 1), uniform(p.k*p.n, -1, 1), make([]float32, p.m*p.n)}
		flops += p.flops()
	}
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
			core.Gemm(p.ta, p.tb, ops[i].a, ar, ac, ops[i].b, br, bc, ops[i].c, 0)
		}
	}
	run() // warm the caches
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		run()
	}
	reportMs(b, flops)
}
