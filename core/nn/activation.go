package nn

import (
	"fmt"

	G "gorgonia.org/gorgonia"
)

// Activation is an element-wise non-linearity layer.
type Activation struct {
	// Kind is one of "relu", "leaky_relu", "sigmoid", "tanh", "softplus", "identity".
	Kind string
	// Alpha is the negative slope of leaky_relu.
	Alpha float64
}

// Forward applies the non-linearity.
func (a Activation) Forward(_ *Graph, x *G.Node) (*G.Node, error) {
	switch a.Kind {
	case "relu":
		return applyMap(reluF32, x)
	case "leaky_relu":
		return applyMap(leakyReLUF32(float32(a.Alpha)), x)
	case "sigmoid":
		return applyMap(sigmoidF32, x)
	case "tanh":
		return G.Tanh(x)
	case "softplus":
		return applyMap(softplusF32, x)
	case "identity", "":
		return x, nil
	}
	return nil, fmt.Errorf("nn: unknown activation %q", a.Kind)
}

// Params is empty: activations have no parameters.
func (Activation) Params() []*Param { return nil }

// ReLU, LeakyReLU, Sigmoid, Tanh and Softplus are the activations by name.
var (
	ReLU     = Activation{Kind: "relu"}
	Sigmoid  = Activation{Kind: "sigmoid"}
	Tanh     = Activation{Kind: "tanh"}
	Softplus = Activation{Kind: "softplus"}
)

// LeakyReLU returns a leaky ReLU with negative slope alpha.
func LeakyReLU(alpha float64) Activation { return Activation{Kind: "leaky_relu", Alpha: alpha} }
