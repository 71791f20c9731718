package ssgan

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/ssgan/ssgan/core/nn"
)

// fixedNoiseGraph returns a training graph whose noise layers draw the same values on every run
// (the stream is rewound after each), so finite differences see a deterministic function and the
// gradient checks cover the noise-on path the model trains with. With noisy false the noise
// layers are off.
func fixedNoiseGraph(noisy bool) *nn.Graph {
	if !noisy {
		return nn.NewGraph(nn.Train, nil)
	}
	src := nn.NewStream(3, 3)
	start, _ := src.MarshalBinary()
	g := nn.NewGraph(nn.Train, src)
	g.AfterRun(func() {
		if err := src.UnmarshalBinary(start); err != nil {
			panic(err)
		}
	})
	return g
}

// TestDLossGradient checks D's whole loss (row slices of one batch, supervised and unsupervised
// terms, both forms, noise layers off and on) and the feature-matching loss against central
// finite differences.
func TestDLossGradient(t *testing.T) {
	type tcase struct {
		form, terms string
		noisy       bool
	}
	var cases []tcase
	for _, form := range []string{"implicit", "explicit"} {
		for _, terms := range []string{"s", "u", "f"} {
			for _, noisy := range []bool{false, true} {
				cases = append(cases, tcase{form, terms, noisy})
			}
		}
	}
	for _, tc := range cases {
		form := tc.form
		t.Run(fmt.Sprintf("%s-%s-noise=%v", form, tc.terms, tc.noisy), func(t *testing.T) {
			c := Defaults()
			c.Form, c.InputDim, c.DHidden, c.Classes, c.Batch = form, 6, []int{5, 4}, 3, 4
			rng := rand.New(rand.NewPCG(1, 1))
			d := NewDiscriminator(c, rng)
			for _, p := range d.Params() {
				p.FillNormal(rng, 0.7)
			}
			g := fixedNoiseGraph(tc.noisy)
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
				params = (&nn.Sequential{Layers: d.Layers[:d.Feature(-1)+1]}).Params()
			}
			step, err := g.Compile(loss, params)
			require.NoError(t, err)
			require.NoError(t, nn.CheckGradients(step, nn.GradTolerance{Abs: 3e-3, Rel: 3e-2}))
		})
	}
}

// TestGStepGradient checks G's feature-matching gradient through a frozen D, with D's noise
// layers off and on.
func TestGStepGradient(t *testing.T) {
	for _, noisy := range []bool{false, true} {
		t.Run(fmt.Sprintf("noise=%v", noisy), func(t *testing.T) { checkGStepGradient(t, noisy) })
	}
}

func checkGStepGradient(t *testing.T, noisy bool) {
	c := Defaults()
	c.InputDim, c.DHidden, c.GHidden, c.Classes, c.Batch, c.NoiseDim = 6, []int{5, 4}, []int{5}, 3, 4, 3
	rng := rand.New(rand.NewPCG(2, 2))
	d := NewDiscriminator(c, rng)
	gen := NewGenerator(c, rng)
	g := fixedNoiseGraph(noisy)
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
	require.NoError(t, nn.CheckGradients(step, nn.GradTolerance{Abs: 1e-4, Rel: 3e-2}))
}
