package nn

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"github.com/ssgan/ssgan/internal/kernels"
	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Which gradient a batchNormGradOp computes.
const (
	bnGradX = iota
	bnGradBeta
	bnGradGamma
)

// batchNormGradOp computes one gradient of a batchNormOp from the upstream gradient dy (and γ,
// for dx with a scale), with the forward pass's saved values; batchnorm_op.go gives the
// arithmetic and why it rounds as the composition of gorgonia ops does.
type batchNormGradOp struct {
	fwd   *batchNormOp
	which int
	buf   *tensor.Dense
	dxc   []float32 // dx's scratch: dxc, then the column sums
	col   []float32
}

func (op *batchNormGradOp) Arity() int {
	if op.which == bnGradX && op.fwd.gamma {
		return 2
	}
	return 1
}
func (op *batchNormGradOp) Type() hm.Type { return sameTypes(op.Arity() + 1) }
func (op *batchNormGradOp) shape() tensor.Shape {
	if op.which == bnGradX {
		return tensor.Shape{op.fwd.n, op.fwd.c}
	}
	return tensor.Shape{1, op.fwd.c}
}
func (op *batchNormGradOp) InferShape(...G.DimSizer) (tensor.Shape, error) { return op.shape(), nil }

// Do computes the gradient.
func (op *batchNormGradOp) Do(in ...G.Value) (G.Value, error) {
	f := op.fwd
	op.buf = reuse(op.buf, op.shape())
	out, dy := f32(op.buf), f32(in[0])
	n, c := f.n, f.c
	switch op.which {
	case bnGradBeta:
		kernels.ForColumns(n, c, func(lo, hi int) { columnSum(out[lo:hi], dy, c, lo, n) })
	case bnGradGamma:
		kernels.ForColumns(n, c, func(lo, hi int) {
			o := out[lo:hi]
			for i := 0; i < n; i++ {
				r := i*c + lo
				xh, d := f.xhat[r:r+len(o)], dy[r:r+len(o)]
				for j := range o {
					p := float32(xh[j] * d[j])
					if i == 0 {
						o[j] = p
					} else {
						o[j] += p
					}
				}
			}
		})
	case bnGradX:
		var gamma []float32
		if f.gamma {
			gamma = f32(in[1])
		}
		op.gradX(out, dy, gamma)
	}
	return op.buf, nil
}

// gradX sets dx (see batchnorm_op.go).
func (op *batchNormGradOp) gradX(dx, dy, gamma []float32) {
	f := op.fwd
	n, c, nf := f.n, f.c, float32(f.n)
	if op.dxc == nil {
		op.dxc, op.col = make([]float32, n*c), make([]float32, c)
	}
	kernels.ForColumns(n, c, func(lo, hi int) {
		std, col := f.std[lo:hi], op.col[lo:hi]
		// dx̂ (γ ⊙ dy, or dy) is formed row by row into dxc; col gathers dσ.
		for i := 0; i < n; i++ {
			r := i*c + lo
			d, dh, xh := dy[r:r+len(col)], op.dxc[r:r+len(col)], f.xhat[r:r+len(col)]
			for j, s := range std {
				g := d[j]
				if gamma != nil {
					g = float32(gamma[lo+j] * d[j])
				}
				dh[j] = g
				t := float32(-(xh[j] / s) * g)
				if i == 0 {
					col[j] = t
				} else {
					col[j] += t
				}
			}
		}
		// col: dσ → dσ²/n, the factor of 2·xc.
		for j, s := range std {
			col[j] = col[j] / (2 * s) / nf
		}
		for i := 0; i < n; i++ {
			r := i*c + lo
			dh, xc := op.dxc[r:r+len(col)], f.xc[r:r+len(col)]
			for j, s := range std {
				dh[j] = dh[j]/s + float32((xc[j]*2)*col[j])
			}
		}
		// col: Σᵢ(−dxc) / n, added to every row (the sum of the negated values is the negated
		// sum bit for bit: rounding to nearest is symmetric).
		columnSum(col, op.dxc, c, lo, n)
		for j := range col {
			col[j] = -col[j] / nf
		}
		for i := 0; i < n; i++ {
			r := i*c + lo
			dh, o := op.dxc[r:r+len(col)], dx[r:r+len(col)]
			for j := range col {
				o[j] = dh[j] + col[j]
			}
		}
	})
}

func (op *batchNormGradOp) ReturnsPtr() bool     { return false }
func (op *batchNormGradOp) CallsExtern() bool    { return false }
func (op *batchNormGradOp) OverwritesInput() int { return -1 }
func (op *batchNormGradOp) WriteHash(h hash.Hash) {
	fmt.Fprintf(h, "batchnorm#%d.grad%d", op.fwd.id, op.which)
}
func (op *batchNormGradOp) Hashcode() uint32 { return hashOf(op) }
func (op *batchNormGradOp) String() string {
	return fmt.Sprintf("BatchNorm#%d.grad%d", op.fwd.id, op.which)
}
