package nn

import (
	"errors"
	"fmt"
	"hash"
	"testing"

	"github.com/chewxy/hm"
	"gorgonia.org/tensor"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	G "gorgonia.org/gorgonia"
)

// TestGatedNoiseDrawOrder checks that noise layers, whose feeds are filled while the run is under
// way, draw exactly what filling every feed first in registration order would: an ungated feed
// (uniform, like G's input) between two noise layers, over three runs, must see the same values
// as a reference that fills the same buffers one after another from an identically seeded stream.
func TestGatedNoiseDrawOrder(t *testing.T) {
	const rows, cols = 300, 200 // large enough for the parallel loops
	g := NewGraph(Train, NewStream(9, 9))
	x1, xbuf1 := g.Input("x1", rows, cols)
	n1, err := GaussianNoise{Std: 0.5}.Forward(g, x1)
	require.NoError(t, err)
	u := g.Feed("u", g.Noise.FillUniform, rows, cols)
	x2, xbuf2 := g.Input("x2", rows, cols)
	n2, err := GaussianNoise{Std: 0.3}.Forward(g, x2)
	require.NoError(t, err)
	sum, err := G.Add(n2, u)
	require.NoError(t, err)
	step, err := g.Compile(nil, nil, n1, sum)
	require.NoError(t, err)
	defer step.Close()

	ref := NewStream(9, 9)
	for i := range xbuf1 {
		xbuf1[i], xbuf2[i] = float32(i%7), -float32(i%5)
	}
	for run := range 3 {
		z1, uv, z2 := make([]float32, rows*cols), make([]float32, rows*cols), make([]float32, rows*cols)
		ref.FillNormal(z1, 0.5)
		ref.FillUniform(uv)
		ref.FillNormal(z2, 0.3)
		want1, want2 := make([]float32, rows*cols), make([]float32, rows*cols)
		for i := range want1 {
			want1[i] = xbuf1[i] + z1[i]
			want2[i] = xbuf2[i] + z2[i] + uv[i]
		}
		require.NoError(t, step.Run())
		assert.Equal(t, want1, Floats(n1), "run %d: first noise layer", run)
		assert.Equal(t, want2, Floats(sum), "run %d: second noise layer plus the ungated feed", run)
	}
}

// failOp fails its run when armed, after its input (a noise layer's output) has been computed.
type failOp struct{ armed *bool }

func (failOp) Arity() int { return 1 }
func (failOp) Type() hm.Type {
	a := hm.TypeVariable('a')
	return hm.NewFnType(a, a)
}
func (failOp) InferShape(in ...G.DimSizer) (tensor.Shape, error) {
	return in[0].(tensor.Shape).Clone(), nil
}
func (op failOp) Do(in ...G.Value) (G.Value, error) {
	if *op.armed {
		return nil, errors.New("failing on purpose")
	}
	return in[0], nil
}
func (failOp) ReturnsPtr() bool      { return true }
func (failOp) CallsExtern() bool     { return false }
func (failOp) OverwritesInput() int  { return -1 }
func (failOp) WriteHash(h hash.Hash) { fmt.Fprint(h, "fail") }
func (op failOp) Hashcode() uint32   { return hashOf(op) }
func (failOp) String() string        { return "fail" }

// TestGatedNoiseAfterError checks that a run that fails part-way still leaves the source where
// filling every feed would: the run after it draws the fills that follow the failed run's.
func TestGatedNoiseAfterError(t *testing.T) {
	const rows, cols = 200, 200
	g := NewGraph(Train, NewStream(4, 4))
	x, _ := g.Input("x", rows, cols)
	n1, err := GaussianNoise{Std: 1}.Forward(g, x)
	require.NoError(t, err)
	armed := true
	f, err := G.ApplyOp(failOp{armed: &armed}, n1)
	require.NoError(t, err)
	n2, err := GaussianNoise{Std: 1}.Forward(g, f)
	require.NoError(t, err)
	step, err := g.Compile(nil, nil, n2)
	require.NoError(t, err)
	defer step.Close()

	require.Error(t, step.Run(), "the armed op fails the first run")
	armed = false
	require.NoError(t, step.Run())

	ref := NewStream(4, 4)
	skip := make([]float32, rows*cols)
	ref.FillNormal(skip, 1) // both noise layers of the failed run
	ref.FillNormal(skip, 1)
	want, second := make([]float32, rows*cols), make([]float32, rows*cols)
	ref.FillNormal(want, 1) // the second run: first layer's noise, then the second's on top
	ref.FillNormal(second, 1)
	for i := range want {
		want[i] += second[i]
	}
	assert.Equal(t, want, Floats(n2))
}
