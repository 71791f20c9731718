package nn

import (
	"fmt"
	"hash"
	"hash/fnv"

	"github.com/chewxy/hm"

	"github.com/ssgan/ssgan/internal/kernels"
	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// mapFunc is an element-wise float32 function with its derivative: f and df define it one value
// at a time; fwd and bwd, where set, are the same arithmetic over slices (no call per element,
// no branch on the sign), which mapOp uses. A test holds the kernels to the scalar definitions
// bit for bit.
type mapFunc struct {
	name string
	f    func(x float32) float32
	// df returns dy/dx from the input x and the output y.
	df func(x, y float32) float32
	// fwd sets y[i] = f(x[i]); bwd sets d[i] = g[i]·df(x[i], y[i]).
	fwd func(y, x []float32)
	bwd func(d, g, x, y []float32)
}

// forward applies f over a slice.
func (fn *mapFunc) forward(y, x []float32) {
	if fn.fwd != nil {
		fn.fwd(y, x)
		return
	}
	for i, v := range x {
		y[i] = fn.f(v)
	}
}

// backward applies g·df over slices.
func (fn *mapFunc) backward(d, g, x, y []float32) {
	if fn.bwd != nil {
		fn.bwd(d, g, x, y)
		return
	}
	for i := range d {
		d[i] = g[i] * fn.df(x[i], y[i])
	}
}

// softplusF32 is softplus(x) = log(1 + eˣ) in float32, from the 8-lane kernels of package
// kernels (Softplus32; its derivative is the logistic function). gorgonia's Softplus goes
// through float64 math and costs about 14 ms per SSGAN iteration.
var softplusF32 = mapFunc{
	name: "softplus32",
	f:    kernels.Softplus32,
	df:   func(x, _ float32) float32 { return kernels.Logistic32(x) },
	fwd:  kernels.SoftplusForward,
	bwd:  func(d, g, x, _ []float32) { kernels.LogisticScale(d, g, x) },
}

// sigmoidF32 is the logistic function 1/(1 + e^−x) in float32 (kernels.Logistic32), with the
// derivative y·(1 − y) from its output y.
var sigmoidF32 = mapFunc{
	name: "sigmoid32",
	f:    kernels.Logistic32,
	df:   func(_, y float32) float32 { return float32(y * (1 - y)) },
	fwd:  kernels.LogisticForward,
	bwd:  func(d, g, _, y []float32) { kernels.SigmoidBackward(d, g, y) },
}

// reluF32 is x·[x ≥ 0], gorgonia's Rectify in one pass: gorgonia builds it from a comparison and
// a product and, backwards, two products, each a batch-sized allocation. The values are the same
// bit for bit, NaN included (NaN·0 = NaN, so a diverging run is still caught). The step is
// kernels.Step01, branch-free.
var reluF32 = mapFunc{
	name: "relu32",
	f:    func(x float32) float32 { return x * kernels.Step01(x) },
	df:   func(x, _ float32) float32 { return kernels.Step01(x) },
	fwd:  func(y, x []float32) { kernels.StepMul(y, x, x) },
	bwd:  func(d, g, x, _ []float32) { kernels.StepMul(d, g, x) },
}

// leakyReLUF32 returns the leaky ReLU with negative slope alpha (gorgonia builds it from six
// element-wise ops): y = x·s with s = 1 where x > 0 and alpha elsewhere, s chosen by bit mask
// in the slice kernels (kernels.SlopeMul).
func leakyReLUF32(alpha float32) mapFunc {
	return mapFunc{
		name: fmt.Sprintf("leaky_relu32(%g)", alpha),
		f: func(x float32) float32 {
			if x > 0 {
				return x
			}
			return alpha * x
		},
		df: func(x, _ float32) float32 {
			if x > 0 {
				return 1
			}
			return alpha
		},
		fwd: func(y, x []float32) { kernels.SlopeMul(y, x, x, alpha) },
		bwd: func(d, g, x, _ []float32) { kernels.SlopeMul(d, g, x, alpha) },
	}
}

// applyMap applies an element-wise function to a float32 node as one gorgonia op.
func applyMap(fn mapFunc, x *G.Node) (*G.Node, error) {
	if x.Dtype() != tensor.Float32 {
		return nil, fmt.Errorf("nn: %s: want float32, have %v", fn.name, x.Dtype())
	}
	return G.ApplyOp(&mapOp{fn: fn}, x)
}

// mapOp is y = f(x) element-wise. Like wnLinearOp it is one instance per node and reuses its
// output buffer from run to run.
type mapOp struct {
	fn  mapFunc
	out *tensor.Dense
}

func (op *mapOp) Arity() int    { return 1 }
func (op *mapOp) Type() hm.Type { return sameTypes(op.Arity() + 1) }
func (op *mapOp) InferShape(in ...G.DimSizer) (tensor.Shape, error) {
	return in[0].(tensor.Shape).Clone(), nil
}
func (op *mapOp) Do(in ...G.Value) (G.Value, error) {
	x := in[0].Data().([]float32)
	op.out = reuse(op.out, in[0].Shape())
	y := op.out.Data().([]float32)
	kernels.ParallelFor(len(x), func(lo, hi int) { op.fn.forward(y[lo:hi], x[lo:hi]) })
	return op.out, nil
}
func (op *mapOp) ReturnsPtr() bool      { return false }
func (op *mapOp) CallsExtern() bool     { return false }
func (op *mapOp) OverwritesInput() int  { return -1 }
func (op *mapOp) WriteHash(h hash.Hash) { fmt.Fprint(h, op.fn.name) }
func (op *mapOp) Hashcode() uint32      { return hashOf(op) }
func (op *mapOp) String() string        { return op.fn.name }

// DiffWRT: differentiable with respect to its input.
func (op *mapOp) DiffWRT(int) []bool { return []bool{true} }

// SymDiff returns grad ⊙ f'(x).
func (op *mapOp) SymDiff(in G.Nodes, out, grad *G.Node) (G.Nodes, error) {
	d, err := G.ApplyOp(&mapGradOp{fn: op.fn}, in[0], out, grad)
	return G.Nodes{d}, err
}

// mapGradOp is dx = grad ⊙ f'(x, y), the backward pass of mapOp; it reuses its output buffer.
type mapGradOp struct {
	fn  mapFunc
	out *tensor.Dense
}

func (op *mapGradOp) Arity() int    { return 3 }
func (op *mapGradOp) Type() hm.Type { return sameTypes(op.Arity() + 1) }
func (op *mapGradOp) InferShape(in ...G.DimSizer) (tensor.Shape, error) {
	return in[0].(tensor.Shape).Clone(), nil
}
func (op *mapGradOp) Do(in ...G.Value) (G.Value, error) {
	x, y, g := in[0].Data().([]float32), in[1].Data().([]float32), in[2].Data().([]float32)
	op.out = reuse(op.out, in[0].Shape())
	d := op.out.Data().([]float32)
	kernels.ParallelFor(len(x), func(lo, hi int) { op.fn.backward(d[lo:hi], g[lo:hi], x[lo:hi], y[lo:hi]) })
	return op.out, nil
}
func (op *mapGradOp) ReturnsPtr() bool      { return false }
func (op *mapGradOp) CallsExtern() bool     { return false }
func (op *mapGradOp) OverwritesInput() int  { return -1 }
func (op *mapGradOp) WriteHash(h hash.Hash) { fmt.Fprint(h, "d", op.fn.name) }
func (op *mapGradOp) Hashcode() uint32      { return hashOf(op) }
func (op *mapGradOp) String() string        { return "d" + op.fn.name }

// reuse returns buf when it has the shape, else a new float32 tensor of that shape.
func reuse(buf *tensor.Dense, shape tensor.Shape) *tensor.Dense {
	if buf != nil && buf.Shape().Eq(shape) {
		return buf
	}
	return tensor.New(tensor.Of(tensor.Float32), tensor.WithShape(shape.Clone()...))
}

// hashOf hashes an op through its WriteHash.
func hashOf(op interface{ WriteHash(hash.Hash) }) uint32 {
	h := fnv.New32a()
	op.WriteHash(h)
	return h.Sum32()
}

// sameTypes is the type of an op whose inputs and output (n types in all) share one type.
func sameTypes(n int) hm.Type {
	a := hm.TypeVariable('a')
	ts := make([]hm.Type, n)
	for i := range ts {
		ts[i] = a
	}
	return hm.NewFnType(ts...)
}
