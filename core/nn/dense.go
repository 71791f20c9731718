package nn

import (
	"fmt"
	"math/rand/v2"

	G "gorgonia.org/gorgonia"
)

// Dense is a fully connected layer y = x·W + b with W of shape (in, out) and b of shape (1, out).
// A nil B means no bias (as before a batch norm).
type Dense struct {
	W, B *Param
}

// NewDense makes a Glorot-uniform initialised dense layer (Keras' default) with a zero bias.
func NewDense(name string, in, out int, bias bool, rng *rand.Rand) *Dense {
	d := &Dense{W: NewParam(name+".W", in, out)}
	d.W.FillGlorotUniform(rng)
	if bias {
		d.B = NewParam(name+".b", 1, out)
	}
	return d
}

// Forward computes x·W + b.
func (d *Dense) Forward(g *Graph, x *G.Node) (*G.Node, error) {
	y, err := matMul(x, g.Param(d.W))
	if err != nil {
		return nil, fmt.Errorf("nn: %s: %w", d.W.Name, err)
	}
	if d.B == nil {
		return y, nil
	}
	return addRow(y, g.Param(d.B))
}

// Params lists W and b.
func (d *Dense) Params() []*Param {
	if d.B == nil {
		return []*Param{d.W}
	}
	return []*Param{d.W, d.B}
}

// WNDense is a weight-normalised dense layer (Salimans & Kingma 2016):
// y = (x·V) ⊙ g/‖V‖ + b, where ‖V‖ is the norm of each output unit's column of V.
type WNDense struct {
	V, Scale, B *Param
	// FixedScale keeps Scale out of the trainable parameters: it is then set only by the
	// data-dependent initialisation (the reference code's choice for D's hidden layers) and is
	// checkpointed as a buffer.
	FixedScale bool
}

// NewWNDense makes a weight-normalised layer with V ~ N(0, std²), scale 1 and bias 0 (the values
// before data-dependent initialisation; the Salimans et al. reference uses std 0.1). With weight
// normalisation std does not change the layer's output, but it sets ‖V‖ and so how far each Adam
// step turns V: a smaller std is a larger effective learning rate.
func NewWNDense(name string, in, out int, std float64, rng *rand.Rand) *WNDense {
	d := newWNDense(name, in, out)
	d.V.FillNormal(rng, std)
	return d
}

// NewWNDenseGlorot makes a weight-normalised layer with V Glorot-uniform, scale 1 and bias 0 (the
// reference's generator output: a Lasagne dense layer, Glorot by default, wrapped in weight norm).
func NewWNDenseGlorot(name string, in, out int, rng *rand.Rand) *WNDense {
	d := newWNDense(name, in, out)
	d.V.FillGlorotUniform(rng)
	return d
}

func newWNDense(name string, in, out int) *WNDense {
	d := &WNDense{V: NewParam(name+".V", in, out), Scale: NewParam(name+".g", 1, out), B: NewParam(name+".b", 1, out)}
	d.Scale.Fill(1)
	return d
}

// Forward computes (x·V) ⊙ g/‖V‖ + b as one fused op.
func (d *WNDense) Forward(g *Graph, x *G.Node) (*G.Node, error) {
	return wnLinear(x, g.Param(d.V), g.Param(d.Scale), g.Param(d.B))
}

// forwardComposed computes the same layer from gorgonia's own ops (the reference the fused op is
// tested against).
func (d *WNDense) forwardComposed(g *Graph, x *G.Node) (*G.Node, error) {
	xv, err := G.Mul(x, g.Param(d.V))
	if err != nil {
		return nil, fmt.Errorf("nn: %s: %w", d.V.Name, err)
	}
	norm, err := G.Norm(g.Param(d.V), 0, 2)
	if err != nil {
		return nil, err
	}
	normRow, err := asRow(norm)
	if err != nil {
		return nil, err
	}
	factor, err := G.HadamardDiv(g.Param(d.Scale), normRow)
	if err != nil {
		return nil, err
	}
	y, err := mulRow(xv, factor)
	if err != nil {
		return nil, err
	}
	return addRow(y, g.Param(d.B))
}

// Params lists V, g and b (V and b only when the scale is fixed).
func (d *WNDense) Params() []*Param {
	if d.FixedScale {
		return []*Param{d.V, d.B}
	}
	return []*Param{d.V, d.Scale, d.B}
}

// Buffers lists the scale when it is not trained.
func (d *WNDense) Buffers() []*Param {
	if d.FixedScale {
		return []*Param{d.Scale}
	}
	return nil
}
