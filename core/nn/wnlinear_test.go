package nn

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	G "gorgonia.org/gorgonia"
)

// TestWNLinearMatchesComposition runs the fused weight-norm layer and the composition of
// gorgonia ops it replaces on the same input and parameters: outputs and the gradients of a
// weighted loss with respect to V, g, b and the input must agree to float32 tolerance (1e-5
// absolute on values of order 1).
func TestWNLinearMatchesComposition(t *testing.T) {
	var outs [2][]float32
	var grads [2][][]float32
	for k := 0; k < 2; k++ {
		rng := rand.New(rand.NewPCG(11, 12))
		d := NewWNDense("wn", 7, 5, 0.05, rng)
		d.Scale.FillNormal(rng, 1)
		d.B.FillNormal(rng, 1)
		in := NewParam("x", 6, 7)
		in.FillNormal(rng, 1)
		g := NewGraph(Train, nil)
		var y *G.Node
		var err error
		if k == 0 {
			y, err = d.Forward(g, g.Param(in))
		} else {
			y, err = d.forwardComposed(g, g.Param(in))
		}
		require.NoError(t, err)
		loss, err := weightedLoss(g, y, rng)
		require.NoError(t, err)
		wrt := append(d.Params(), in)
		step, err := g.Compile(loss, wrt, y)
		require.NoError(t, err)
		for run := 0; run < 2; run++ { // the second run reuses the fused op's buffers
			require.NoError(t, step.Run())
		}
		outs[k] = append([]float32(nil), Floats(y)...)
		for i := range wrt {
			grads[k] = append(grads[k], append([]float32(nil), step.Grad(i)...))
		}
	}
	assert.InDeltaSlice(t, outs[1], outs[0], 1e-5)
	for i := range grads[0] {
		assert.InDeltaSlice(t, grads[1][i], grads[0][i], 1e-5, "gradient %d", i)
	}
}
