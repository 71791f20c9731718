package semi

import (
	"fmt"
	"maps"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/metrics"
	"github.com/ssgan/ssgan/ssgan"
)

// TestVATGradients checks the whole loss's gradient with r_adv and the clean targets (from the
// learner's own passes) held fixed.
func TestVATGradients(t *testing.T) {
	checkLearnerGradients(t, NewVAT, VATParams, func(l *Learner) error { return l.before() })
}

// newTinyVAT builds VAT on tinyConfig with the given batch, noise on (the clean pass and the
// power iteration must not use it), initialised and with random rows in its step's input.
func newTinyVAT(t *testing.T, params map[string]float64, batch int) (*Learner, *vat) {
	t.Helper()
	c := tinyConfig(params)
	c.Batch = batch
	c.InputNoise, c.HiddenNoise = 0.3, 0.5
	l, v, err := newVAT(c, 3)
	require.NoError(t, err)
	t.Cleanup(l.Close)
	initTiny(t, l, c)
	return l, v
}

// TestVATPerturbation: BeforeStep draws one fill from the noise stream (the probe d; the clean
// pass and the power iteration make none, their noise being off), sets the training graph's
// targets to D's noise-off logits of the clean unlabeled rows, leaves the labeled rows alone,
// and adds to each unlabeled row an r_adv of norm ε.
func TestVATPerturbation(t *testing.T) {
	for _, eps := range []float64{2, 0.3} {
		t.Run(fmt.Sprintf("eps %g", eps), func(t *testing.T) {
			params := maps.Clone(VATParams)
			params["eps"] = eps
			l, v := newTinyVAT(t, params, 4)
			c, n := l.Cfg, l.Cfg.Batch*l.Cfg.InputDim
			before := append([]float32(nil), l.x...)
			clean, err := l.Probabilities(before[n:], false)
			require.NoError(t, err)
			fills := l.NoiseSrc.Fills()

			require.NoError(t, l.before())
			assert.Equal(t, fills+1, l.NoiseSrc.Fills(), "fills: d only")
			assert.Equal(t, before[:n], l.x[:n], "labeled rows")
			for i := range c.Batch {
				row := v.target[i*c.Classes : (i+1)*c.Classes]
				for j, p := range metrics.Softmax(row) {
					assert.InDelta(t, clean[i*c.Classes+j], p, 1e-6, "target %d, class %d", i, j)
				}
				r := v.radv[i*c.InputDim : (i+1)*c.InputDim]
				assert.InEpsilon(t, eps, vatRowNorm(r), 1e-5, "‖r_adv‖ of row %d", i)
				for j := range r {
					k := n + i*c.InputDim + j
					assert.InDelta(t, before[k]+r[j], l.x[k], 1e-7, "row %d, pixel %d", i, j)
				}
			}
		})
	}
}

// TestVATDirectionIsAdversarial: the power iteration turns the random probe d into a direction
// along which p(y|x) changes more. To second order KL(p(y|x) ‖ p(y|x + εu)) = ½ε²·uᵀHu for a
// unit u, H positive semi-definite, and one power-iteration step cannot lower the Rayleigh
// quotient: with the moments m_k = dᵀH^k d, log-convex in k, R(Hd) = m₃/m₂ ≥ m₂/m₁ ≥ m₁/m₀ =
// R(d). So at a radius small enough for the network to stay linear around each row (ε = 0.01
// on pixels in [0, 1); at 0.05 one row of the 50 crosses a ReLU's kink) the KL along r_adv is
// at least the KL along d for every row, and on average several times it (5.7 times here).
func TestVATDirectionIsAdversarial(t *testing.T) {
	const eps = 0.01
	params := maps.Clone(VATParams)
	params["eps"] = eps
	l, v := newTinyVAT(t, params, 50)
	c, n := l.Cfg, l.Cfg.Batch*l.Cfg.InputDim
	x := append([]float32(nil), l.x[n:]...)
	require.NoError(t, l.before())
	probe := append([]float32(nil), v.d.Data()...)
	for i := 0; i < len(probe); i += c.InputDim {
		vatNormalize(probe[i:i+c.InputDim], eps)
	}
	p, err := l.Probabilities(x, false)
	require.NoError(t, err)
	along := func(r []float32) []float64 {
		moved := make([]float32, len(x))
		for i := range x {
			moved[i] = x[i] + r[i]
		}
		q, err := l.Probabilities(moved, false)
		require.NoError(t, err)
		kl := make([]float64, c.Batch)
		for i := range kl {
			for j := range c.Classes {
				a, b := float64(p[i*c.Classes+j]), float64(q[i*c.Classes+j])
				kl[i] += a * math.Log(a/b)
			}
		}
		return kl
	}
	adv, rnd := along(v.radv), along(probe)
	sumAdv, sumRnd := 0.0, 0.0
	for i := range adv {
		assert.GreaterOrEqual(t, adv[i], rnd[i], "row %d", i)
		sumAdv += adv[i]
		sumRnd += rnd[i]
	}
	t.Logf("mean KL at ε = %g: %.3g along r_adv, %.3g along the probe", eps, sumAdv/float64(c.Batch), sumRnd/float64(c.Batch))
	assert.Greater(t, sumAdv, 3*sumRnd)
}

func vatRowNorm(v []float32) float64 {
	s := 0.0
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

func TestVATRejectsBadParams(t *testing.T) {
	cases := []struct {
		key string
		v   float64
	}{
		{"eps", -1}, {"eps", math.NaN()}, {"xi", 0}, {"xi", math.Inf(1)}, {"weight", -0.5},
	}
	for _, tc := range cases {
		t.Run(tc.key, func(t *testing.T) {
			p := maps.Clone(VATParams)
			p[tc.key] = tc.v
			_, err := NewVAT(tinyConfig(p), 3)
			require.ErrorContains(t, err, tc.key)
		})
	}
}

// withShortAverage builds with a moving-average decay of 0.99 for the 300 iterations of a
// learning test: at the default 0.999 the average is still 0.999³⁰⁰ = 74 % the initial network
// there. On this split the supervised baseline's average has 4,150 test errors after 300
// iterations (its own weights 2,202), VAT's 4,419 (its own weights 1,681).
func withShortAverage(build builder) builder {
	return func(c ssgan.Config, seed uint64) (*Learner, error) {
		c.EMADecay = 0.99
		return build(c, seed)
	}
}

// TestVATLearns: 300 iterations on 100 labels with the default settings, the moving average's
// decay at 0.99 (withShortAverage). Chance is 9,000 errors.
func TestVATLearns(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for 300 iterations")
	}
	errs := shortRun(t, withShortAverage(NewVAT), VATParams, 300)
	t.Logf("vat: %d test errors after 300 iterations", errs)
	require.Less(t, errs, 4000)
}
