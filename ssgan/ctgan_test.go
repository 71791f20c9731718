package ssgan

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	G "gorgonia.org/gorgonia"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
)

// TestConsistencyLossValue checks the consistency term against values worked out by hand. Row 0
// compares logits (0, 0) with (log 3, 0): softmax (½, ½) against (¾, ¼), so d = (¼² + ¼²)/2 =
// 1/16; row 1 compares (0, 0) with itself, d = 0. The hidden rows (1, 2) and (0, 0) are at mean
// squared distance (1 + 4)/2 = 5/2, times hidden 0.1 = ¼, and row 1's hidden rows agree.
func TestConsistencyLossValue(t *testing.T) {
	ln3 := float32(math.Log(3))
	in := map[string][][]float32{
		"a": {{0, 0}, {0, 0}}, "b": {{ln3, 0}, {0, 0}},
		"ha": {{1, 2}, {0, 0}}, "hb": {{0, 0}, {0, 0}},
	}
	tests := []struct {
		name           string
		hidden, margin float64
		want           float64
	}{
		{"softmax only: (1/16 + 0)/2", 0, 0, 1.0 / 32},
		{"with the hidden layer: (1/16 + 1/4 + 0)/2", 0.1, 0, (1.0/16 + 0.25) / 2},
		{"margin 0.1: (5/16 − 0.1 + max(0, −0.1))/2", 0.1, 0.1, (5.0/16 - 0.1) / 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := nn.EvaluateScalar(in, func(n map[string]*G.Node) (*G.Node, error) {
				ha, hb := n["ha"], n["hb"]
				if tc.hidden == 0 {
					ha, hb = nil, nil
				}
				return ConsistencyLoss(n["a"], n["b"], ha, hb, tc.hidden, tc.margin)
			})
			require.NoError(t, err)
			assert.InDelta(t, tc.want, got, 1e-6)
		})
	}
}

// TestConsistencyLossGradient checks the consistency term's gradient with respect to D's
// parameters against finite differences: with noise off on two different inputs (the softmax
// term alone, then with the hidden-layer term and a margin below every row's distance), and as
// the model computes it, two passes of D over the same rows with the noise layers on (the
// stream rewound after every run, so that the function is deterministic).
func TestConsistencyLossGradient(t *testing.T) {
	tests := []struct {
		name           string
		noisy          bool
		hidden, margin float64
	}{
		{"noise off, two inputs, softmax only", false, 0, 0},
		{"noise off, two inputs, hidden layer and margin", false, 0.1, 1e-4},
		{"noise on, one input twice", true, 0.1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Defaults()
			c.InputDim, c.DHidden, c.Classes, c.Batch = 6, []int{5, 4}, 3, 4
			rng := rand.New(rand.NewPCG(4, 4))
			d := NewDiscriminator(c, rng)
			for _, p := range d.Params() {
				p.FillNormal(rng, 0.7)
			}
			g := fixedNoiseGraph(tc.noisy)
			x1, b1 := g.Input("x1", c.Batch, c.InputDim)
			x2, b2 := g.Input("x2", c.Batch, c.InputDim)
			for i := range b1 { // in [−2, 2), so that two inputs' class probabilities differ widely
				b1[i] = 4*rng.Float32() - 2
				b2[i] = 4*rng.Float32() - 2
			}
			if tc.noisy {
				x2 = x1
			}
			l1, t1, err := d.Forward(g, x1)
			require.NoError(t, err)
			l2, t2, err := d.Forward(g, x2)
			require.NoError(t, err)
			var h1, h2 *G.Node
			if tc.hidden > 0 {
				h1, h2 = t1[d.Feature(-1)], t2[d.Feature(-1)]
			}
			loss, err := ConsistencyLoss(l1, l2, h1, h2, tc.hidden, tc.margin)
			require.NoError(t, err)
			step, err := g.Compile(loss, d.Params())
			require.NoError(t, err)
			defer step.Close()
			require.NoError(t, step.Run())
			t.Logf("CT %g", step.LossValue())
			require.Greater(t, step.LossValue(), 1e-3, "a term this small would make the check vacuous")
			require.NoError(t, nn.CheckGradients(step, nn.GradTolerance{Abs: 1e-4, Rel: 3e-2}))
		})
	}
}

// tinyBatch is a fixed batch for tinyConfig's models (weights_test.go): labeled rows and two unlabeled streams.
func tinyBatch(c Config, seed uint64) core.FixedBatch {
	n := c.Batch * c.InputDim
	y := make([]uint8, c.Batch)
	for i := range y {
		y[i] = uint8(i % c.Classes)
	}
	return core.FixedBatch{X: synthetic(n, seed), Y: y, Unl: [][]float32{synthetic(n, seed+1), synthetic(n, seed+2)}}
}

// tinyModel builds and initialises a model of c.
func tinyModel(t *testing.T, c Config) *Model {
	t.Helper()
	m, err := New(c, 5)
	require.NoError(t, err)
	t.Cleanup(m.Close)
	require.NoError(t, m.Init(synthetic(c.InitRows*c.InputDim, 9)))
	return m
}

// TestCTGANStep holds what is specific to ctgan's step. With D's noise off its second pass over
// the unlabeled rows must give the first pass's logits, so CT is 0 up to rounding (BLAS may
// round a product over the unlabeled rows alone differently from one over the whole batch): a
// second pass over other rows, the labeled or generated ones, would make it of order 1e-2; with
// the noise on it is positive. DLoss
// is loss_lab + loss_unl + weight·CT. The second pass draws its noise after the first, so the
// first step's loss_lab and loss_unl are ssgan's bit for bit (same seed, same batch).
func TestCTGANStep(t *testing.T) {
	b := tinyBatch(tinyConfig("ctgan"), 40)
	plan := core.Plan{DSteps: 1, GSteps: 1, FakeWeight: 1}
	t.Run("noise off: CT is 0", func(t *testing.T) {
		c := tinyConfig("ctgan")
		c.InputNoise, c.HiddenNoise = 0, 0
		m := tinyModel(t, c)
		for range 3 {
			s, err := m.Step(plan, b)
			require.NoError(t, err)
			require.Contains(t, s.Logs, "loss_ct")
			assert.Less(t, s.Logs["loss_ct"], 1e-12)
		}
	})
	t.Run("noise on", func(t *testing.T) {
		m := tinyModel(t, tinyConfig("ctgan"))
		ref := tinyModel(t, tinyConfig("ssgan"))
		s, err := m.Step(plan, b)
		require.NoError(t, err)
		r, err := ref.Step(plan, b)
		require.NoError(t, err)
		ct := s.Logs["loss_ct"]
		t.Logf("loss_ct %g", ct)
		assert.Greater(t, ct, 0.0)
		assert.Equal(t, r.Logs["loss_lab"], s.Logs["loss_lab"])
		assert.Equal(t, r.Logs["loss_unl"], s.Logs["loss_unl"])
		assert.NotContains(t, r.Logs, "loss_ct")
		assert.InDelta(t, s.Logs["loss_lab"]+s.Logs["loss_unl"]+CTGANParams["weight"]*ct, s.DLoss, 1e-6)
	})
}

// TestNewMethods: the four methods of the package are accepted, with a generator for the three
// GAN ones; others are refused, and so are settings a method does not have or out of range.
func TestNewMethods(t *testing.T) {
	tests := []struct {
		method    string
		params    map[string]float64
		generator bool
		err       string
	}{
		{method: "ssgan", generator: true},
		{method: "supervised"},
		{method: "ctgan", generator: true},
		{method: "ctgan", params: map[string]float64{"weight": 1, "hidden": 0.1, "margin": 0.01}, generator: true},
		{method: "badgan", generator: true},
		{method: "badgan", params: map[string]float64{"ent_weight": 0}, generator: true},
		{method: "vat", err: `method "vat"`},
		{method: "ctgan", params: map[string]float64{"ent_weight": 1}, err: "params.ent_weight: method ctgan has no such setting (it has: hidden, margin, weight)"},
		{method: "badgan", params: map[string]float64{"pt_weight": -1}, err: "params.pt_weight -1"},
		{method: "ctgan", params: map[string]float64{"weight": math.Inf(1)}, err: "params.weight +Inf"},
		{method: "ctgan", params: map[string]float64{"margin": math.NaN()}, err: "params.margin NaN"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s %v", tc.method, tc.params), func(t *testing.T) {
			c := tinyConfig(tc.method)
			c.Params = tc.params
			m, err := New(c, 1)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			defer m.Close()
			assert.Equal(t, tc.generator, m.G != nil)
			assert.Equal(t, tc.generator, m.Capabilities().Generator)
			assert.Equal(t, tc.method, m.Capabilities().Name)
		})
	}
}

// shortRunErrors trains a default-size model of method (with its default settings) for iters
// iterations on real MNIST batches (100 labels, learn_test.go's feeder) and returns its test
// errors with D's own parameters and with their moving average.
func shortRunErrors(t *testing.T, method string, iters int) (raw, ema int) {
	t.Helper()
	d := mnistOrSkip(t)
	c := Defaults()
	c.Method = method
	m, err := New(c, 1)
	require.NoError(t, err)
	defer m.Close()
	f := newFeeder(t, d, 10, c.Batch, 1)
	require.NoError(t, m.Init(f.x))
	for it := range iters {
		s, err := m.Step(core.DefaultPlan(m.Capabilities()), f.next(t))
		require.NoError(t, err)
		if it%100 == 0 {
			t.Logf("it %d: %v", it, s.Logs)
		}
	}
	errors := func(averaged bool) int {
		pred, err := m.Predict(d.Test.Images.Float32(0, 1), averaged)
		require.NoError(t, err)
		wrong := 0
		for i, p := range pred {
			if p != int(d.Test.Labels[i]) {
				wrong++
			}
		}
		return wrong
	}
	return errors(false), errors(true)
}

// TestCTGANLearns: 300 iterations on 100 labels. Chance is 9,000 errors; ssgan's own learning
// test is at about 2,500 after as many (with D's own parameters, which it checks as this does).
func TestCTGANLearns(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for 300 iterations")
	}
	raw, ema := shortRunErrors(t, "ctgan", 300)
	t.Logf("ctgan: %d test errors after 300 iterations (%d with the moving average)", raw, ema)
	require.Less(t, raw, 4000)
}
