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

// TestBadGANLossValues checks the two terms against values worked out by hand.
func TestBadGANLossValues(t *testing.T) {
	ln := math.Log
	ln3 := float32(ln(3))
	tests := []struct {
		name string
		in   [][]float32
		loss func(*G.Node) (*G.Node, error)
		want float64
	}{
		// Rows (1, 0), (0, 1), (1, 1): cosines 0, 1/√2, 1/√2 for the pairs (1,2), (1,3), (2,3),
		// squared 0, ½, ½; each pair counts twice in Σ_{i≠j}, so 2·1 over n(n−1) = 6.
		{"pull-away: three rows", [][]float32{{1, 0}, {0, 1}, {1, 1}}, PullAwayLoss, 1.0 / 3},
		{"pull-away: parallel rows", [][]float32{{1, 2}, {2, 4}}, PullAwayLoss, 1},
		{"pull-away: orthogonal rows", [][]float32{{3, 0}, {0, 0.5}}, PullAwayLoss, 0},
		{"pull-away: a zero row has cosine 0, not NaN", [][]float32{{0, 0}, {1, 0}}, PullAwayLoss, 0},
		// Logits (0, 0): p = (½, ½), entropy log 2; (log 3, 0): p = (¾, ¼), entropy
		// −¾ log ¾ − ¼ log ¼.
		{"entropy: mean of two rows", [][]float32{{0, 0}, {ln3, 0}}, ConditionalEntropy, (ln(2) - 0.75*ln(0.75) - 0.25*ln(0.25)) / 2},
		{"entropy: a confident row", [][]float32{{30, 0, 0}}, ConditionalEntropy, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := nn.EvaluateScalar(map[string][][]float32{"x": tc.in}, func(in map[string]*G.Node) (*G.Node, error) { return tc.loss(in["x"]) })
			require.NoError(t, err)
			assert.InDelta(t, tc.want, got, 1e-6)
		})
	}
	_, err := nn.EvaluateScalar(map[string][][]float32{"x": {{1, 2}}}, func(in map[string]*G.Node) (*G.Node, error) { return PullAwayLoss(in["x"]) })
	assert.ErrorContains(t, err, "1 rows, want at least 2")
}

// TestBadGANLossGradients checks the two terms' gradients against finite differences, noise off:
// the conditional entropy of D's class logits with respect to D's parameters (both forms), and
// the pull-away term on D's last hidden layer, alone and as in G's whole loss (feature matching
// plus 0.8 times it), with respect to G's parameters through a frozen D.
func TestBadGANLossGradients(t *testing.T) {
	for _, form := range []string{"implicit", "explicit"} {
		t.Run("entropy, "+form, func(t *testing.T) {
			c := Defaults()
			c.Form, c.InputDim, c.DHidden, c.Classes, c.Batch = form, 6, []int{5, 4}, 3, 4
			rng := rand.New(rand.NewPCG(6, 6))
			d := NewDiscriminator(c, rng)
			for _, p := range d.Params() {
				p.FillNormal(rng, 0.7)
			}
			g := nn.NewGraph(nn.Train, nil)
			x, xb := g.Input("x", c.Batch, c.InputDim)
			for i := range xb {
				xb[i] = rng.Float32()
			}
			logits, _, err := d.Forward(g, x)
			require.NoError(t, err)
			cls, err := ClassLogits(logits, c.Classes)
			require.NoError(t, err)
			ent, err := ConditionalEntropy(cls)
			require.NoError(t, err)
			step, err := g.Compile(ent, d.Params())
			require.NoError(t, err)
			defer step.Close()
			require.NoError(t, nn.CheckGradients(step, nn.GradTolerance{Abs: 3e-3, Rel: 3e-2}))
		})
	}
	for _, fm := range []bool{false, true} {
		t.Run(fmt.Sprintf("G: pull-away, feature matching %v", fm), func(t *testing.T) {
			c := Defaults()
			c.InputDim, c.DHidden, c.GHidden, c.Classes, c.Batch, c.NoiseDim = 6, []int{5, 4}, []int{5}, 3, 4, 3
			rng := rand.New(rand.NewPCG(7, 7))
			d := NewDiscriminator(c, rng)
			gen := NewGenerator(c, rng)
			g := nn.NewGraph(nn.Train, nil)
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
			f := d.Feature(-1)
			p, err := PullAwayLoss(ft[f])
			require.NoError(t, err)
			loss := p
			if fm {
				fmLoss, err := FeatureMatchingLoss(rt[f], ft[f])
				require.NoError(t, err)
				loss, err = withTerms(fmLoss, []term{{name: "loss_pt", node: p, weight: 0.8}})
				require.NoError(t, err)
			}
			step, err := g.Compile(loss, gen.Params(), p)
			require.NoError(t, err)
			defer step.Close()
			require.NoError(t, step.Run())
			require.Greater(t, nn.Scalar(p), 1e-2, "a term this small would make the check vacuous")
			require.NoError(t, nn.CheckGradients(step, nn.GradTolerance{Abs: 1e-4, Rel: 3e-2}))
		})
	}
}

// TestBadGANStep holds what is specific to badgan's step, against ssgan from the same seed on the
// same batches. Neither term draws noise, so with both weights 0 badgan is ssgan bit for bit
// (adding 0 times a finite term changes no float); with ent_weight 0 alone D's first step is
// ssgan's, and G's loss exceeds ssgan's by 0.8·loss_pt (G's step sees the same D and the same
// noise); with the defaults DLoss is loss_lab + loss_unl + 0.1·loss_ent.
func TestBadGANStep(t *testing.T) {
	plan := core.Plan{DSteps: 1, GSteps: 1, FakeWeight: 1}
	run := func(c Config, steps int) []core.StepResult {
		m := tinyModel(t, c)
		var out []core.StepResult
		for it := range steps {
			s, err := m.Step(plan, tinyBatch(c, uint64(50+10*it)))
			require.NoError(t, err)
			out = append(out, s)
		}
		return out
	}
	ref := run(tinyConfig("ssgan"), 3)
	withParams := func(p map[string]float64) Config {
		c := tinyConfig("badgan")
		c.Params = p
		return c
	}
	t.Run("zero weights: ssgan bit for bit", func(t *testing.T) {
		got := run(withParams(map[string]float64{"ent_weight": 0, "pt_weight": 0}), 3)
		for it := range got {
			for _, k := range []string{"loss_lab", "loss_unl", "loss_gen", "train_err"} {
				assert.Equal(t, ref[it].Logs[k], got[it].Logs[k], "iteration %d: %s", it+1, k)
			}
			assert.Contains(t, got[it].Logs, "loss_ent")
			assert.Contains(t, got[it].Logs, "loss_pt")
		}
	})
	t.Run("pull-away only", func(t *testing.T) {
		s := run(withParams(map[string]float64{"ent_weight": 0}), 1)[0]
		assert.Equal(t, ref[0].Logs["loss_unl"], s.Logs["loss_unl"])
		assert.Greater(t, s.Logs["loss_pt"], 0.0)
		assert.InDelta(t, ref[0].GLoss+BadGANParams["pt_weight"]*s.Logs["loss_pt"], s.GLoss, 1e-6)
	})
	t.Run("defaults", func(t *testing.T) {
		s := run(tinyConfig("badgan"), 1)[0]
		ent := s.Logs["loss_ent"]
		assert.Greater(t, ent, 0.0)
		assert.LessOrEqual(t, ent, math.Log(3)+1e-6, "at most log K")
		assert.InDelta(t, s.Logs["loss_lab"]+s.Logs["loss_unl"]+BadGANParams["ent_weight"]*ent, s.DLoss, 1e-6)
	})
}

// TestBadGANLearns: 300 iterations on 100 labels. Chance is 9,000 errors; ssgan's own learning
// test is at about 2,500 after as many (with D's own parameters, which it checks as this does).
func TestBadGANLearns(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for 300 iterations")
	}
	raw, ema := shortRunErrors(t, "badgan", 300)
	t.Logf("badgan: %d test errors after 300 iterations (%d with the moving average)", raw, ema)
	require.Less(t, raw, 4000)
}
