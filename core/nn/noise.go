package nn

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"github.com/ssgan/ssgan/internal/kernels"
	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// GaussianNoise adds N(0, Std²) noise to its input in Train mode and is the identity in Eval mode.
// The noise is drawn from the graph's seeded Noise source into a preallocated input, so runs
// reproduce exactly (gorgonia's own random nodes seed themselves from the clock). The input is a
// gated feed: the draws for the layers of a run are made while the run's earlier layers compute.
type GaussianNoise struct {
	Std float64
}

// Forward adds the noise input to x.
func (n GaussianNoise) Forward(g *Graph, x *G.Node) (*G.Node, error) {
	if g.Mode != Train || n.Std == 0 || g.Noise == nil {
		return x, nil
	}
	if x.Dtype() != tensor.Float32 {
		return nil, fmt.Errorf("nn: noise: want float32, have %v", x.Dtype())
	}
	rng, std := g.Noise, float32(n.Std)
	noise, wait := g.gatedFeed("noise", func(buf []float32) { rng.FillNormal(buf, std) }, x.Shape()...)
	return G.ApplyOp(&noiseAddOp{wait: wait}, x, noise)
}

// Params is empty: the noise layer has no parameters.
func (GaussianNoise) Params() []*Param { return nil }

// noiseAddOp is y = x + noise for a gated noise feed: it waits for the feed to be filled, then
// adds into a reused buffer (gorgonia's Add allocates its result on every run). The sum is the
// same float32 addition, so the values are Add's bit for bit; the gradient passes to x unchanged.
type noiseAddOp struct {
	wait func()
	out  *tensor.Dense
}

func (op *noiseAddOp) Arity() int    { return 2 }
func (op *noiseAddOp) Type() hm.Type { return sameTypes(op.Arity() + 1) }
func (op *noiseAddOp) InferShape(in ...G.DimSizer) (tensor.Shape, error) {
	return in[0].(tensor.Shape).Clone(), nil
}
func (op *noiseAddOp) Do(in ...G.Value) (G.Value, error) {
	x, n := in[0].Data().([]float32), in[1].Data().([]float32)
	if len(x) != len(n) {
		return nil, fmt.Errorf("nn: noise: %d inputs, %d noise values", len(x), len(n))
	}
	op.wait()
	op.out = reuse(op.out, in[0].Shape())
	y := op.out.Data().([]float32)
	kernels.ParallelFor(len(x), func(lo, hi int) { kernels.AddVec(y[lo:hi], x[lo:hi], n[lo:hi]) })
	return op.out, nil
}
func (op *noiseAddOp) ReturnsPtr() bool      { return false }
func (op *noiseAddOp) CallsExtern() bool     { return false }
func (op *noiseAddOp) OverwritesInput() int  { return -1 }
func (op *noiseAddOp) WriteHash(h hash.Hash) { fmt.Fprintf(h, "noise_add%p", op) }
func (op *noiseAddOp) Hashcode() uint32      { return hashOf(op) }
func (op *noiseAddOp) String() string        { return "noise_add" }

// DiffWRT: differentiable with respect to x only.
func (op *noiseAddOp) DiffWRT(int) []bool { return []bool{true, false} }

// SymDiff passes the gradient to x.
func (op *noiseAddOp) SymDiff(in G.Nodes, out, grad *G.Node) (G.Nodes, error) {
	return G.Nodes{grad, nil}, nil
}
