package nn

import (
	"fmt"
	"hash"
	"sync/atomic"

	"github.com/chewxy/hm"
	"github.com/ssgan/ssgan/internal/kernels"
	"gonum.org/v1/gonum/blas"
	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// matMul is x·W for a plain dense layer as one op on kernels.Gemm, so its products are split into
// blocks like the weight-normalised layer's (gorgonia's MatMul makes one BLAS call, which runs on
// one thread now that OpenBLAS is pinned to one). The forward and both gradients are the same
// single-precision products gorgonia computes; ssgan's golden trajectory test, whose generator
// has two plain dense layers, holds them to the same bits.
func matMul(x, w *G.Node) (*G.Node, error) {
	if x.Dtype() != tensor.Float32 || w.Dtype() != tensor.Float32 {
		return nil, fmt.Errorf("nn: matmul: want float32, have %v · %v", x.Dtype(), w.Dtype())
	}
	xs, ws := x.Shape(), w.Shape()
	if len(xs) != 2 || len(ws) != 2 || xs[1] != ws[0] {
		return nil, fmt.Errorf("nn: matmul: shapes %v · %v do not match", xs, ws)
	}
	return G.ApplyOp(&matMulOp{id: int(matMulCount.Add(1)), which: matMulFwd, n: xs[0], in: ws[0], out: ws[1]}, x, w)
}

// matMulCount numbers the ops (their hash must tell instances apart).
var matMulCount atomic.Int64

// matMulOp is the forward product; which selects it or one of its gradients.
type matMulOp struct {
	id, which  int // which: matMulFwd, or gradX / gradV (dW) of the forward op id
	n, in, out int
	buf        *tensor.Dense
}

const matMulFwd = -1

func (op *matMulOp) Arity() int    { return 2 }
func (op *matMulOp) Type() hm.Type { return sameTypes(op.Arity() + 1) }
func (op *matMulOp) shape() tensor.Shape {
	switch op.which {
	case gradX:
		return tensor.Shape{op.n, op.in}
	case gradV:
		return tensor.Shape{op.in, op.out}
	}
	return tensor.Shape{op.n, op.out}
}
func (op *matMulOp) InferShape(...G.DimSizer) (tensor.Shape, error) { return op.shape(), nil }

// Do computes y = x·W, dx = dy·Wᵀ (inputs dy, W) or dW = xᵀ·dy (inputs dy, x).
func (op *matMulOp) Do(in ...G.Value) (G.Value, error) {
	a, b := f32(in[0]), f32(in[1])
	wantA, wantB := op.n*op.in, op.in*op.out // x and W
	switch op.which {
	case gradX:
		wantA, wantB = op.n*op.out, op.in*op.out // dy and W
	case gradV:
		wantA, wantB = op.n*op.out, op.n*op.in // dy and x
	}
	if len(a) != wantA || len(b) != wantB {
		return nil, fmt.Errorf("nn: %v: inputs of %d and %d values, want %d and %d", op, len(a), len(b), wantA, wantB)
	}
	op.buf = reuse(op.buf, op.shape())
	out := f32(op.buf)
	switch op.which {
	case gradX:
		kernels.Gemm(blas.NoTrans, blas.Trans, a, op.n, op.out, b, op.in, op.out, out, 0)
	case gradV:
		kernels.Gemm(blas.Trans, blas.NoTrans, b, op.n, op.in, a, op.n, op.out, out, 0)
	default:
		kernels.Gemm(blas.NoTrans, blas.NoTrans, a, op.n, op.in, b, op.in, op.out, out, 0)
	}
	return op.buf, nil
}
func (op *matMulOp) ReturnsPtr() bool     { return false }
func (op *matMulOp) CallsExtern() bool    { return true }
func (op *matMulOp) OverwritesInput() int { return -1 }
func (op *matMulOp) WriteHash(h hash.Hash) {
	fmt.Fprintf(h, "matmul#%d.%d", op.id, op.which)
}
func (op *matMulOp) Hashcode() uint32 { return hashOf(op) }
func (op *matMulOp) String() string   { return fmt.Sprintf("MatMul#%d.%d", op.id, op.which) }

// DiffWRT: the forward product is differentiable in x and W; its gradient ops are not.
func (op *matMulOp) DiffWRT(int) []bool {
	return []bool{op.which == matMulFwd, op.which == matMulFwd}
}

// SymDiff returns the nodes of dx and dW.
func (op *matMulOp) SymDiff(in G.Nodes, out, grad *G.Node) (G.Nodes, error) {
	if op.which != matMulFwd {
		return nil, fmt.Errorf("nn: %v has no gradient", op)
	}
	dx, err := G.ApplyOp(&matMulOp{id: op.id, which: gradX, n: op.n, in: op.in, out: op.out}, grad, in[1])
	if err != nil {
		return nil, err
	}
	dw, err := G.ApplyOp(&matMulOp{id: op.id, which: gradV, n: op.n, in: op.in, out: op.out}, grad, in[0])
	if err != nil {
		return nil, err
	}
	return G.Nodes{dx, dw}, nil
}
