package nn

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	G "gorgonia.org/gorgonia"
)

// TestCheckGradientsCatchesWrongGradient checks that the check can fail: a leaky ReLU whose
// backward pass doubles the slope is refused, and the correct one passes on the same network.
func TestCheckGradientsCatchesWrongGradient(t *testing.T) {
	right := leakyReLUF32(0.2)
	wrong := right
	wrong.name, wrong.bwd = "wrong_leaky_relu", nil
	wrong.df = func(x, y float32) float32 { return 2 * right.df(x, y) }
	for _, tc := range []struct {
		name string
		fn   mapFunc
		ok   bool
	}{{"right", right, true}, {"doubled slope", wrong, false}} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(5, 6))
			d := NewDense("d", 4, 3, true, rng)
			g := NewGraph(Train, nil)
			h, err := d.Forward(g, smallInput(g, rng, 5, 4))
			require.NoError(t, err)
			y, err := applyMap(tc.fn, h)
			require.NoError(t, err)
			loss, err := weightedLoss(g, y, rng)
			require.NoError(t, err)
			step, err := g.Compile(loss, d.Params())
			require.NoError(t, err)
			err = CheckGradients(step, GradTolerance{Abs: 2e-3, Rel: 2e-2})
			if tc.ok {
				assert.NoError(t, err)
			} else {
				assert.ErrorContains(t, err, "gradient of d.")
			}
		})
	}
}

// TestCheckGradientsAtAKink puts a ReLU's pre-activation exactly at its kink (a zero input and a
// zero bias): the central differences straddle it at every step (they give ½, the gradient is 1),
// and the check accepts the analytic gradient because it equals the right-hand derivative.
func TestCheckGradientsAtAKink(t *testing.T) {
	w := NewParam("w", 1, 1)
	w.Data()[0] = 0.7
	g := NewGraph(Train, nil)
	x, buf := g.Input("x", 1, 1)
	buf[0] = 0 // y = relu(x·w + b) with x = 0 and b = 0 sits on the kink in b
	b := NewParam("b", 1, 1)
	xw, err := G.Mul(x, g.Param(w))
	require.NoError(t, err)
	pre, err := G.Add(xw, g.Param(b))
	require.NoError(t, err)
	y, err := applyMap(reluF32, pre)
	require.NoError(t, err)
	loss, err := G.Sum(y)
	require.NoError(t, err)
	step, err := g.Compile(loss, []*Param{b})
	require.NoError(t, err)
	assert.NoError(t, CheckGradients(step, GradTolerance{Abs: 1e-3, Rel: 1e-2}))
}
