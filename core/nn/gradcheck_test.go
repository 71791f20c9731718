package nn

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	G "gorgonia.org/gorgonia"
)

// gradCheck builds a loss with build and checks its gradients with respect to params against
// finite differences (|analytic − numeric| ≤ 2e-3 + 2e-2·|numeric|; see CheckGradients).
func gradCheck(t *testing.T, build func(g *Graph) (*G.Node, error), params []*Param) {
	t.Helper()
	g := NewGraph(Train, nil)
	loss, err := build(g)
	require.NoError(t, err)
	step, err := g.Compile(loss, params)
	require.NoError(t, err)
	require.NoError(t, CheckGradients(step, GradTolerance{Abs: 2e-3, Rel: 2e-2}))
}

// smallInput adds a fixed (rows, cols) input with values in [-1, 1).
func smallInput(g *Graph, rng *rand.Rand, rows, cols int) *G.Node {
	x, buf := g.Input("x", rows, cols)
	for i := range buf {
		buf[i] = float32(2*rng.Float64() - 1)
	}
	return x
}

// sumOfSquaresWeighted reduces a node to a scalar whose gradient differs per element.
func weightedLoss(g *Graph, y *G.Node, rng *rand.Rand) (*G.Node, error) {
	w, buf := g.Input("w", y.Shape()...)
	for i := range buf {
		buf[i] = float32(rng.Float64())
	}
	sq, err := G.Square(y)
	if err != nil {
		return nil, err
	}
	p, err := G.HadamardProd(sq, w)
	if err != nil {
		return nil, err
	}
	return G.Mean(p)
}

func TestLayerGradients(t *testing.T) {
	tests := []struct {
		name  string
		layer func(rng *rand.Rand) Layer
	}{
		{"dense", func(rng *rand.Rand) Layer { d := NewDense("d", 4, 3, true, rng); d.B.FillNormal(rng, 0.5); return d }},
		{"wn-dense", func(rng *rand.Rand) Layer {
			d := NewWNDense("wn", 4, 3, 0.05, rng)
			d.V.FillNormal(rng, 1)
			d.Scale.FillNormal(rng, 1)
			d.B.FillNormal(rng, 0.5)
			return d
		}},
		{"batchnorm", func(rng *rand.Rand) Layer {
			b := NewBatchNorm("bn", 4, 0.8)
			b.Gamma.FillNormal(rng, 1)
			b.Beta.FillNormal(rng, 1)
			return b
		}},
		{"batchnorm without scale", func(rng *rand.Rand) Layer {
			b := NewBatchNorm("bn", 4, 0.8)
			b.Gamma = nil
			b.Beta.FillNormal(rng, 1)
			return b
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			l := tc.layer(rng)
			gradCheck(t, func(g *Graph) (*G.Node, error) {
				y, err := l.Forward(g, smallInput(g, rng, 5, 4))
				if err != nil {
					return nil, err
				}
				return weightedLoss(g, y, rng)
			}, l.Params())
		})
	}
}

func TestActivationGradients(t *testing.T) {
	for _, a := range []Activation{ReLU, LeakyReLU(0.2), Sigmoid, Tanh, Softplus} {
		t.Run(a.Kind, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 4))
			d := NewDense("d", 4, 3, true, rng)
			gradCheck(t, func(g *Graph) (*G.Node, error) {
				h, err := d.Forward(g, smallInput(g, rng, 5, 4))
				if err != nil {
					return nil, err
				}
				y, err := a.Forward(g, h)
				if err != nil {
					return nil, err
				}
				return weightedLoss(g, y, rng)
			}, d.Params())
		})
	}
}

func TestLossGradients(t *testing.T) {
	tests := []struct {
		name string
		loss func(g *Graph, logits *G.Node, rng *rand.Rand) (*G.Node, error)
	}{
		{"logsumexp", func(g *Graph, l *G.Node, rng *rand.Rand) (*G.Node, error) {
			v, err := LogSumExp(l)
			if err != nil {
				return nil, err
			}
			return G.Mean(v)
		}},
		{"cross-entropy", func(g *Graph, l *G.Node, rng *rand.Rand) (*G.Node, error) {
			y, buf := g.Input("y", l.Shape()...)
			k := l.Shape()[1]
			for r := 0; r < l.Shape()[0]; r++ {
				buf[r*k+rng.IntN(k)] = 1
			}
			return CrossEntropy(l, y)
		}},
		{"bce", func(g *Graph, l *G.Node, rng *rand.Rand) (*G.Node, error) {
			y, buf := g.Input("y", l.Shape()...)
			for i := range buf {
				buf[i] = float32(rng.IntN(2))
			}
			return BCEWithLogits(l, y)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(5, 6))
			d := NewDense("d", 4, 3, true, rng)
			d.W.FillNormal(rng, 2)
			gradCheck(t, func(g *Graph) (*G.Node, error) {
				l, err := d.Forward(g, smallInput(g, rng, 5, 4))
				if err != nil {
					return nil, err
				}
				return tc.loss(g, l, rng)
			}, d.Params())
		})
	}
}

func TestStackGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	seq := &Sequential{Layers: []Layer{NewDense("a", 4, 6, false, rng), NewBatchNorm("bn", 6, 0.9), Softplus, NewWNDense("o", 6, 3, 0.05, rng), Sigmoid}}
	gradCheck(t, func(g *Graph) (*G.Node, error) {
		y, _, err := seq.Forward(g, smallInput(g, rng, 5, 4))
		if err != nil {
			return nil, err
		}
		return weightedLoss(g, y, rng)
	}, seq.Params())
}
