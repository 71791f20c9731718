package benchmarks

import (
	"gonum.org/v1/gonum/blas"

	"github.com/ssgan/ssgan/ssgan"
)

// product is one matrix product of a step: op(a) (m × k) times op(b) (k × n).
type product struct {
	ta, tb  blas.Transpose
	m, k, n int
}

// flops returns the product's floating-point operations (2 per multiply-add).
func (p product) flops() float64 { return 2 * float64(p.m) * float64(p.k) * float64(p.n) }

// layerProducts appends the products of rows rows through the dense layers w[0]→w[1]→…: the
// forward product of each layer (x·W), and, when asked, each layer's weight gradient (xᵀ·dy) and
// the input gradient (dy·Wᵀ) of layers from inputGradFrom on.
func layerProducts(ps []product, rows int, w []int, forward, weightGrads bool, inputGradFrom int) []product {
	for i := 1; i < len(w); i++ {
		in, out := w[i-1], w[i]
		if forward {
			ps = append(ps, product{blas.NoTrans, blas.NoTrans, rows, in, out})
		}
		if weightGrads {
			ps = append(ps, product{blas.Trans, blas.NoTrans, in, rows, out})
		}
		if i-1 >= inputGradFrom {
			ps = append(ps, product{blas.NoTrans, blas.Trans, rows, out, in})
		}
	}
	return ps
}

// none is an inputGradFrom that asks for no input gradients.
const none = 1 << 30

// SSGANProducts lists the matrix products of one SSGAN iteration with feature matching on D's
// last hidden layer, as SSGANFlops counts them: G's sample (forward, one batch); D's step on the
// three batches at once (forward, weight gradients, input gradients above the first layer); G's
// step (G forward, D's hidden layers forward on the generated and the real batch, their input
// gradients on the generated batch down to G's output, G's weight gradients and its input
// gradients above the first layer).
func SSGANProducts(c ssgan.Config) []product {
	d := append(append([]int{c.InputDim}, c.DHidden...), c.Classes)
	g := append(append([]int{c.NoiseDim}, c.GHidden...), c.InputDim)
	hidden := d[:len(d)-1]
	b := c.Batch
	var ps []product
	ps = layerProducts(ps, b, g, true, false, none)        // G's sample
	ps = layerProducts(ps, 3*b, d, true, true, 1)          // D's step
	ps = layerProducts(ps, b, g, true, true, 1)            // G's step: G
	ps = layerProducts(ps, b, hidden, true, false, 0)      // D's hidden layers on the generated batch
	return layerProducts(ps, b, hidden, true, false, none) // and on the real batch
}
