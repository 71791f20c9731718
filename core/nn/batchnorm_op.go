package nn

import (
	"fmt"
	"hash"
	"math"
	"sync/atomic"

	"github.com/chewxy/hm"
	"github.com/ssgan/ssgan/internal/kernels"
	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Train-mode batch normalisation as one gorgonia op, with its backward pass as three ops that
// share the forward pass's saved values. Per column j over the n rows of the batch:
//
//	μ = Σᵢ x / n,  xc = x − μ,  σ² = Σᵢ xc² / n,  σ = √(σ² + ε),  x̂ = xc / σ,  y = x̂ ⊙ γ + β
//	dβ = Σᵢ dy,  dγ = Σᵢ x̂ ⊙ dy,  dx̂ = γ ⊙ dy (dy without a scale)
//	dσ = Σᵢ −(x̂ / σ) ⊙ dx̂,  dσ²/n = dσ / (2σ) / n
//	dxc = dx̂ / σ + (2·xc) ⊙ dσ²/n,  dx = dxc + Σᵢ(−dxc) / n
//
// Every value is rounded as the composition of gorgonia ops it replaces rounds it (Mean, Sub,
// Square, Add, Sqrt, HadamardDiv, HadamardProd and their broadcasts, and gorgonia's derivatives
// of each): the column sums run down the rows in order from the first row, as gorgonia's
// reductions do, and each product and quotient is rounded to float32 on its own. So the op
// changes no bit of any trajectory (TestBatchNormOpMatchesComposition compares the two on random
// batches with and without γ, value by value; the golden trajectories of ssgan and core hold),
// while it runs in a handful of passes over the batch, split over the cores by columns, instead
// of some thirty graph nodes that each allocate a batch-sized tensor.

// batchNormOp is the forward op. It is stateful: it keeps xc, x̂, σ and the batch statistics of
// its last run for its backward ops and for the running averages, and reuses its buffers (one op
// instance per node).
type batchNormOp struct {
	id       int
	n, c     int
	eps      float32
	gamma    bool // a scale γ is the third input
	y        *tensor.Dense
	xc, xhat []float32
	mean     []float32 // μ and σ² of the last run, for the running averages
	variance []float32
	std      []float32
}

// batchNormCount numbers the ops (their hash must tell instances apart).
var batchNormCount atomic.Int64

// batchNormTrain normalises x (n × c) by its batch statistics and applies the shift beta and, if
// gamma is not nil, the scale gamma (each 1 × c).
func batchNormTrain(x, beta, gamma *G.Node, eps float64) (*G.Node, *batchNormOp, error) {
	if x.Dtype() != tensor.Float32 {
		return nil, nil, fmt.Errorf("nn: batch norm: want float32, have %v", x.Dtype())
	}
	s := x.Shape()
	if len(s) != 2 || s[0] < 1 {
		return nil, nil, fmt.Errorf("nn: batch norm: input shape %v: want a batch of rows", s)
	}
	op := &batchNormOp{id: int(batchNormCount.Add(1)), n: s[0], c: s[1], eps: float32(eps), gamma: gamma != nil}
	op.xc, op.xhat = make([]float32, op.n*op.c), make([]float32, op.n*op.c)
	op.mean, op.variance, op.std = make([]float32, op.c), make([]float32, op.c), make([]float32, op.c)
	in := []*G.Node{x, beta}
	if gamma != nil {
		in = append(in, gamma)
	}
	y, err := G.ApplyOp(op, in...)
	return y, op, err
}

func (op *batchNormOp) Arity() int {
	if op.gamma {
		return 3
	}
	return 2
}
func (op *batchNormOp) Type() hm.Type { return sameTypes(op.Arity() + 1) }
func (op *batchNormOp) InferShape(...G.DimSizer) (tensor.Shape, error) {
	return tensor.Shape{op.n, op.c}, nil
}

// Do normalises the batch (see the file's comment for the arithmetic).
func (op *batchNormOp) Do(in ...G.Value) (G.Value, error) {
	x, beta := f32(in[0]), f32(in[1])
	if len(x) != op.n*op.c {
		return nil, fmt.Errorf("nn: batch norm: %d inputs for %d × %d", len(x), op.n, op.c)
	}
	var gamma []float32
	if op.gamma {
		gamma = f32(in[2])
	}
	op.y = reuse(op.y, tensor.Shape{op.n, op.c})
	y := f32(op.y)
	n, c, nf := op.n, op.c, float32(op.n)
	kernels.ForColumns(n, c, func(lo, hi int) {
		mean, v, std := op.mean[lo:hi], op.variance[lo:hi], op.std[lo:hi]
		columnSum(mean, x, c, lo, n)
		for j := range mean {
			mean[j] /= nf
		}
		for i := 0; i < n; i++ {
			r := i*c + lo
			xr, xc := x[r:r+len(mean)], op.xc[r:r+len(mean)]
			for j, m := range mean {
				xc[j] = xr[j] - m
			}
		}
		// σ² from the squares, rounded one by one before they are summed.
		for j := range v {
			q := op.xc[lo+j]
			v[j] = float32(q * q)
		}
		for i := 1; i < n; i++ {
			xc := op.xc[i*c+lo : i*c+hi]
			for j, q := range xc {
				v[j] += float32(q * q)
			}
		}
		for j := range v {
			v[j] /= nf
			std[j] = float32(math.Sqrt(float64(v[j] + op.eps)))
		}
		for i := 0; i < n; i++ {
			r := i*c + lo
			xc, xh, yr := op.xc[r:r+len(std)], op.xhat[r:r+len(std)], y[r:r+len(std)]
			for j, s := range std {
				xh[j] = xc[j] / s
				if gamma != nil {
					yr[j] = float32(xh[j]*gamma[lo+j]) + beta[lo+j]
				} else {
					yr[j] = xh[j] + beta[lo+j]
				}
			}
		}
	})
	return op.y, nil
}

// columnSum sets dst[j] = Σᵢ a[i·c + lo + j] over rows i = 0..n−1, in order from the first row.
func columnSum(dst, a []float32, c, lo, n int) {
	copy(dst, a[lo:lo+len(dst)])
	for i := 1; i < n; i++ {
		kernels.AddVec(dst, dst, a[i*c+lo:i*c+lo+len(dst)])
	}
}

func (op *batchNormOp) ReturnsPtr() bool      { return false }
func (op *batchNormOp) CallsExtern() bool     { return false }
func (op *batchNormOp) OverwritesInput() int  { return -1 }
func (op *batchNormOp) WriteHash(h hash.Hash) { fmt.Fprintf(h, "batchnorm#%d", op.id) }
func (op *batchNormOp) Hashcode() uint32      { return hashOf(op) }
func (op *batchNormOp) String() string        { return fmt.Sprintf("BatchNorm#%d", op.id) }

// DiffWRT: differentiable with respect to x, β and γ.
func (op *batchNormOp) DiffWRT(n int) []bool {
	d := make([]bool, n)
	for i := range d {
		d[i] = true
	}
	return d
}

// SymDiff returns the nodes of dx, dβ and (with a scale) dγ.
func (op *batchNormOp) SymDiff(in G.Nodes, out, grad *G.Node) (G.Nodes, error) {
	dxIn := G.Nodes{grad}
	if op.gamma {
		dxIn = append(dxIn, in[2])
	}
	dx, err := G.ApplyOp(&batchNormGradOp{fwd: op, which: bnGradX}, dxIn...)
	if err != nil {
		return nil, err
	}
	dbeta, err := G.ApplyOp(&batchNormGradOp{fwd: op, which: bnGradBeta}, grad)
	if err != nil {
		return nil, err
	}
	if !op.gamma {
		return G.Nodes{dx, dbeta}, nil
	}
	dgamma, err := G.ApplyOp(&batchNormGradOp{fwd: op, which: bnGradGamma}, grad)
	if err != nil {
		return nil, err
	}
	return G.Nodes{dx, dbeta, dgamma}, nil
}
