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

// The fused weight-normalised dense layer y = (x·V) ⊙ s + b with s = g/‖V‖ (column norms) as one
// gorgonia op, and its backward pass as four ops sharing the forward pass's saved values:
//
//	dz = dy ⊙ s            (computed once, by the dx and dV ops' shared prologue)
//	dx = dz · Vᵀ           one SGEMM
//	dV = xᵀ · dz − V ⊙ (dg ⊙ g / ‖V‖²)   one SGEMM
//	dg = Σᵢ dy ⊙ (x·V) / ‖V‖
//	db = Σᵢ dy
//
// The composition of gorgonia ops it replaces (MatMul, Norm, Reshape, HadamardDiv and two
// broadcasts, each allocating and copying a batch-sized tensor, plus their gradients) costs about
// twice as much time outside the matrix products. TestWNLinearMatchesComposition checks both
// paths give the same values and gradients.

// wnLinearOp is the forward op. It is stateful: it keeps x·V, the column norms and the scales of
// its last run for its backward ops, and reuses its output buffers (one op instance per node).
type wnLinearOp struct {
	id    int
	t, y  *tensor.Dense // x·V and the output
	r, s  []float32     // ‖V‖ per column and g/‖V‖
	acc   []float64     // scratch for the column norms
	n, in int
	out   int

	// run counts the forward passes; dz = dy ⊙ s is shared by the dx and dV ops of the backward
	// pass that follows, computed by whichever runs first (dzRun records for which pass).
	run, dzRun int
	dz         []float32
}

// wnLinearCount numbers the ops (their hash must tell instances apart).
var wnLinearCount atomic.Int64

// wnLinear applies the fused weight-normalised dense layer.
func wnLinear(x, v, g, b *G.Node) (*G.Node, error) {
	if x.Dtype() != tensor.Float32 {
		return nil, fmt.Errorf("nn: wn-linear: want float32, have %v", x.Dtype())
	}
	xs, vs := x.Shape(), v.Shape()
	if len(xs) != 2 || len(vs) != 2 || xs[1] != vs[0] {
		return nil, fmt.Errorf("nn: wn-linear: shapes %v · %v do not match", xs, vs)
	}
	op := &wnLinearOp{id: int(wnLinearCount.Add(1)), n: xs[0], in: vs[0], out: vs[1]}
	return G.ApplyOp(op, x, v, g, b)
}

func (op *wnLinearOp) Arity() int    { return 4 }
func (op *wnLinearOp) Type() hm.Type { return sameTypes(op.Arity() + 1) }
func (op *wnLinearOp) InferShape(in ...G.DimSizer) (tensor.Shape, error) {
	return tensor.Shape{op.n, op.out}, nil
}

// Do computes the layer and saves x·V, ‖V‖ and g/‖V‖.
func (op *wnLinearOp) Do(in ...G.Value) (G.Value, error) {
	x, v := f32(in[0]), f32(in[1])
	g, b := f32(in[2]), f32(in[3])
	if op.y == nil {
		op.t = tensor.New(tensor.Of(tensor.Float32), tensor.WithShape(op.n, op.out))
		op.y = tensor.New(tensor.Of(tensor.Float32), tensor.WithShape(op.n, op.out))
		op.r, op.s = make([]float32, op.out), make([]float32, op.out)
		op.acc = make([]float64, op.out)
	}
	op.run++
	kernels.ColumnNorms(v, op.in, op.out, op.r, op.acc)
	for j := range op.s {
		op.s[j] = g[j] / op.r[j]
	}
	t, y := f32(op.t), f32(op.y)
	kernels.Gemm(blas.NoTrans, blas.NoTrans, x, op.n, op.in, v, op.in, op.out, t, 0)
	kernels.ForRows(op.n, op.out, func(i int) {
		kernels.MulAddRow(y[i*op.out:(i+1)*op.out], t[i*op.out:(i+1)*op.out], op.s, b)
	})
	return op.y, nil
}

func (op *wnLinearOp) ReturnsPtr() bool      { return false }
func (op *wnLinearOp) CallsExtern() bool     { return true }
func (op *wnLinearOp) OverwritesInput() int  { return -1 }
func (op *wnLinearOp) WriteHash(h hash.Hash) { fmt.Fprintf(h, "wnlinear#%d", op.id) }
func (op *wnLinearOp) Hashcode() uint32      { return hashOf(op) }
func (op *wnLinearOp) String() string        { return fmt.Sprintf("WNLinear#%d", op.id) }

// DiffWRT: differentiable with respect to x, V, g and b.
func (op *wnLinearOp) DiffWRT(int) []bool { return []bool{true, true, true, true} }

// SymDiff returns the nodes of dx, dV, dg and db.
func (op *wnLinearOp) SymDiff(in G.Nodes, out, grad *G.Node) (G.Nodes, error) {
	x, v, g := in[0], in[1], in[2]
	dg, err := G.ApplyOp(&wnGradOp{fwd: op, which: gradG}, grad)
	if err != nil {
		return nil, err
	}
	db, err := G.ApplyOp(&wnGradOp{fwd: op, which: gradB}, grad)
	if err != nil {
		return nil, err
	}
	dx, err := G.ApplyOp(&wnGradOp{fwd: op, which: gradX}, grad, v)
	if err != nil {
		return nil, err
	}
	dv, err := G.ApplyOp(&wnGradOp{fwd: op, which: gradV}, grad, x, v, g, dg)
	if err != nil {
		return nil, err
	}
	return G.Nodes{dx, dv, dg, db}, nil
}

// Which gradient a wnGradOp computes.
const (
	gradX = iota
	gradV
	gradG
	gradB
)

// wnGradOp computes one of the gradients of a wnLinearOp from the upstream gradient dy.
type wnGradOp struct {
	fwd   *wnLinearOp
	which int
	buf   *tensor.Dense
	c     []float32 // gradV's per-column factor dg ⊙ g / ‖V‖²
}

func (op *wnGradOp) Arity() int {
	switch op.which {
	case gradX:
		return 2
	case gradV:
		return 5
	}
	return 1
}
func (op *wnGradOp) Type() hm.Type { return sameTypes(op.Arity() + 1) }
func (op *wnGradOp) shape() tensor.Shape {
	f := op.fwd
	switch op.which {
	case gradX:
		return tensor.Shape{f.n, f.in}
	case gradV:
		return tensor.Shape{f.in, f.out}
	}
	return tensor.Shape{1, f.out}
}
func (op *wnGradOp) InferShape(...G.DimSizer) (tensor.Shape, error) { return op.shape(), nil }

// Do computes the gradient from dy (and V, x, g, dg where needed) and the forward pass's state.
func (op *wnGradOp) Do(in ...G.Value) (G.Value, error) {
	f := op.fwd
	if op.buf == nil {
		op.buf = tensor.New(tensor.Of(tensor.Float32), tensor.WithShape(op.shape()...))
	}
	out, dy := f32(op.buf), f32(in[0])
	switch op.which {
	case gradB:
		kernels.ForColumns(f.n, f.out, func(lo, hi int) {
			o := out[lo:hi]
			clear(o)
			for i := 0; i < f.n; i++ {
				kernels.AddVec(o, o, dy[i*f.out+lo:i*f.out+hi])
			}
		})
	case gradG:
		t := f32(f.t)
		kernels.ForColumns(f.n, f.out, func(lo, hi int) {
			o := out[lo:hi]
			clear(o)
			for i := 0; i < f.n; i++ {
				kernels.AddMulRow(o, dy[i*f.out+lo:i*f.out+hi], t[i*f.out+lo:i*f.out+hi])
			}
			for j := lo; j < hi; j++ {
				out[j] /= f.r[j]
			}
		})
	case gradX:
		dz := op.scaled(dy)
		kernels.Gemm(blas.NoTrans, blas.Trans, dz, f.n, f.out, f32(in[1]), f.in, f.out, out, 0)
	case gradV:
		x, v, g, dg := f32(in[1]), f32(in[2]), f32(in[3]), f32(in[4])
		dz := op.scaled(dy)
		kernels.Gemm(blas.Trans, blas.NoTrans, x, f.n, f.in, dz, f.n, f.out, out, 0)
		if op.c == nil {
			op.c = make([]float32, f.out)
		}
		c := op.c
		for j := range c {
			c[j] = dg[j] * g[j] / (f.r[j] * f.r[j])
		}
		kernels.ForRows(f.in, f.out, func(i int) {
			kernels.SubMulRow(out[i*f.out:(i+1)*f.out], v[i*f.out:(i+1)*f.out], c)
		})
	}
	return op.buf, nil
}

// scaled returns dz = dy ⊙ s, computed once per backward pass for the dx and dV ops (both get
// the same dy, the gradient of the forward op's output).
func (op *wnGradOp) scaled(dy []float32) []float32 {
	f := op.fwd
	if f.dzRun == f.run && f.dz != nil {
		return f.dz
	}
	if f.dz == nil {
		f.dz = make([]float32, f.n*f.out)
	}
	f.dzRun = f.run
	dz := f.dz
	kernels.ForRows(f.n, f.out, func(i int) {
		kernels.MulRow(dz[i*f.out:(i+1)*f.out], dy[i*f.out:(i+1)*f.out], f.s)
	})
	return dz
}

func (op *wnGradOp) ReturnsPtr() bool     { return false }
func (op *wnGradOp) CallsExtern() bool    { return op.which == gradX || op.which == gradV }
func (op *wnGradOp) OverwritesInput() int { return -1 }
func (op *wnGradOp) WriteHash(h hash.Hash) {
	fmt.Fprintf(h, "wnlinear#%d.grad%d", op.fwd.id, op.which)
}
func (op *wnGradOp) Hashcode() uint32 { return hashOf(op) }
func (op *wnGradOp) String() string   { return fmt.Sprintf("WNLinear#%d.grad%d", op.fwd.id, op.which) }

// f32 returns a value's float32 data.
func f32(v G.Value) []float32 { return v.Data().([]float32) }
