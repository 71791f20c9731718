package nn

import (
	G "gorgonia.org/gorgonia"
)

// Layer is one building block of an MLP: it adds its computation to a graph.
type Layer interface {
	// Forward adds the layer applied to x to g and returns its output node.
	Forward(g *Graph, x *G.Node) (*G.Node, error)
	// Params lists the layer's trainable parameters.
	Params() []*Param
}

// Buffered is implemented by layers with non-trainable state that must be checkpointed
// (batch-norm running statistics).
type Buffered interface {
	Buffers() []*Param
}

// Sequential is a stack of layers applied in order.
type Sequential struct {
	Layers []Layer
}

// Forward applies every layer and returns the output and the output of each layer (taps[i] is the
// output of Layers[i]), from which intermediate features are read.
func (s *Sequential) Forward(g *Graph, x *G.Node) (out *G.Node, taps []*G.Node, err error) {
	taps = make([]*G.Node, len(s.Layers))
	for i, l := range s.Layers {
		if x, err = l.Forward(g, x); err != nil {
			return nil, nil, err
		}
		taps[i] = x
	}
	return x, taps, nil
}

// Params lists the trainable parameters of all layers in order.
func (s *Sequential) Params() []*Param {
	var ps []*Param
	for _, l := range s.Layers {
		ps = append(ps, l.Params()...)
	}
	return ps
}

// Buffers lists the non-trainable state of all layers in order.
func (s *Sequential) Buffers() []*Param {
	var ps []*Param
	for _, l := range s.Layers {
		if b, ok := l.(Buffered); ok {
			ps = append(ps, b.Buffers()...)
		}
	}
	return ps
}

// addRow adds a (1, n) row to every row of x (n columns).
func addRow(x, row *G.Node) (*G.Node, error) { return G.BroadcastAdd(x, row, nil, []byte{0}) }

// mulRow multiplies every row of x elementwise by a (1, n) row.
func mulRow(x, row *G.Node) (*G.Node, error) { return G.BroadcastHadamardProd(x, row, nil, []byte{0}) }

// asRow reshapes a length-n vector node to (1, n).
func asRow(v *G.Node) (*G.Node, error) { return G.Reshape(v, []int{1, v.Shape().TotalSize()}) }
