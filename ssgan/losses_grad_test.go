package ssgan

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/ssgan/ssgan/core"
)

// TestDLossGradient checks D's whole loss (row slices of one batch, supervised and unsupervised
// terms, both forms) and the feature-matching loss against central finite differences.
func TestDLossGradient(t *testing.T) {
	for _, tc := range []struct{ form, terms string }{
		{"implicit", "s"}, {"implicit", "u"}, {"implicit", "f"}, {"explicit", "s"}, {"explicit", "u"}, {"explicit", "f"},
	} {
		form := tc.form
		t.Run(form+"-"+tc.terms, func(t *testing.T) {
			c := Defaults()
			c.Form, c.InputDim, c.DHidden, c.Classes, c.Batch, c.InputNoise, c.HiddenNoise = form, 6, []int{5, 4}, 3, 4, 0, 0
			rng := rand.New(rand.NewPCG(1, 1))
			d := NewDiscriminator(c, rng)
			for _, p := range d.Params() {
				p.FillNormal(rng, 0.7)
			}
			g := core.NewGraph(core.Train, nil)
			x, xb := g.Input("x", 3*c.Batch, c.InputDim)
			for i := range xb {
				xb[i] = rng.Float32()
			}
			y, yb := g.Input("y", c.Batch, c.Classes)
			for r := 0; r < c.Batch; r++ {
				yb[r*c.Classes+rng.IntN(c.Classes)] = 1
			}
			logits, taps, err := d.Forward(g, x)
			require.NoError(t, err)
			lab := G.Must(G.Slice(logits, tensor.S(0, c.Batch)))
			unl := G.Must(G.Slice(logits, tensor.S(c.Batch, 2*c.Batch)))
			fake := G.Must(G.Slice(logits, tensor.S(2*c.Batch, 3*c.Batch)))
			sup, err := SupervisedLoss(lab, y, c.Classes)
			require.NoError(t, err)
			uns, err := UnsupervisedLoss(unl, fake, c.Classes)
			require.NoError(t, err)
			f := taps[d.Feature(-1)]
			fm, err := FeatureMatchingLoss(G.Must(G.Slice(f, tensor.S(0, c.Batch))), G.Must(G.Slice(f, tensor.S(2*c.Batch, 3*c.Batch))))
			require.NoError(t, err)
			loss := map[string]*G.Node{"s": sup, "u": uns, "f": fm}[tc.terms]
			params := d.Params()
			if tc.terms == "f" { // the features do not depend on the output layer
				params = (&core.Sequential{Layers: d.Layers[:d.Feature(-1)+1]}).Params()
			}
			step, err := g.Compile(loss, params)
			require.NoError(t, err)
			require.NoError(t, core.CheckGradients(step, core.GradTolerance{Abs: 3e-3, Rel: 3e-2}))
		})
	}
}

// TestGStepGradient checks G's feature-matching gradient through a frozen D.
func TestGStepGradient(t *testing.T) {
	c := Defaults()
	c.InputDim, c.DHidden, c.GHidden, c.Classes, c.Batch, c.NoiseDim, c.InputNoise, c.HiddenNoise = 6, []int{5, 4}, []int{5}, 3, 4, 3, 0, 0
	rng := rand.New(rand.NewPCG(2, 2))
	d := NewDiscriminator(c, rng)
	gen := NewGenerator(c, rng)
	g := core.NewGraph(core.Train, nil)
	z, zb := g.Input("z", c.Batch, c.NoiseDim)
	for i := range zb {
		zb[i] = rng.Float32()
	}
	x, xb := g.Input("x", c.Batch, c.InputDim)
	for i := range xb {
		xb[i] = rng.Float32()
	}
	fake, _, err := gen.Forward(g, z)
	require.NoError(t, err)
	_, ft, err := d.Forward(g, fake)
	require.NoError(t, err)
	_, rt, err := d.Forward(g, x)
	require.NoError(t, err)
	loss, err := FeatureMatchingLoss(rt[d.Feature(-1)], ft[d.Feature(-1)])
	require.NoError(t, err)
	step, err := g.Compile(loss, gen.Params())
	require.NoError(t, err)
	require.NoError(t, core.CheckGradients(step, core.GradTolerance{Abs: 1e-4, Rel: 3e-2}))
}
