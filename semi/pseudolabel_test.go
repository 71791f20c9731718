package semi

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	G "gorgonia.org/gorgonia"

	"github.com/ssgan/ssgan/core/nn"
)

// TestPseudoLabelGradients checks the whole loss against finite differences, noise off (through
// NewPseudoLabel) and on (pseudo-labels from the noisy pass, as in training). The pseudo-label
// term is lse(l) − max_k l_k, so the analytic gradient (the target held fixed) must match the
// differences of the function itself away from ties.
func TestPseudoLabelGradients(t *testing.T) {
	tests := []struct {
		name  string
		noisy bool
	}{
		{name: "noise off"},
		{name: "noise on", noisy: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.noisy {
				checkLearnerGradients(t, NewPseudoLabel, PseudoLabelParams, nil)
				return
			}
			r := &rewinder{}
			checkLearnerGradients(t, noisyBuilder("pseudolabel", pseudoLabelRows, r), PseudoLabelParams, r.prepare(3))
		})
	}
}

// TestPseudoLabelTarget: targets, per-row losses and their gradients by hand, K = 3.
//
//	row 0: logits (0, ln 2, 0): target class 1; exp sums to 1 + 2 + 1 = 4, so the loss is
//	       ln 4 − ln 2 = ln 2; softmax (¼, ½, ¼) minus the target gives (¼, −½, ¼).
//	row 1: logits (ln 3, 0, 0): class 0; ln 5 − ln 3 = ln(5/3); (⅗, ⅕, ⅕) − (1, 0, 0).
//	row 2: logits (0, 0, 0), a tie: the first class, 0; ln 3; (⅓, ⅓, ⅓) − (1, 0, 0).
//
// The gradients are those of lse(l) − l·t with t a constant: a gradient through the target
// would be refused by the op (it has none) or change them.
func TestPseudoLabelTarget(t *testing.T) {
	ln2, ln3 := math.Log(2), math.Log(3)
	p := nn.NewParam("logits", 3, 3)
	copy(p.Data(), []float32{0, float32(ln2), 0, float32(ln3), 0, 0, 0, 0, 0})
	g := nn.NewGraph(nn.Train, nil)
	logits := g.Param(p)
	rows, err := pseudoLabelRows(Pass{Graph: g, Unl: logits, Classes: 3})
	require.NoError(t, err)
	target, err := argmaxOneHot(logits)
	require.NoError(t, err)
	loss, err := G.Sum(rows)
	require.NoError(t, err)
	step, err := g.Compile(loss, []*nn.Param{p}, rows, target)
	require.NoError(t, err)
	defer step.Close()
	require.NoError(t, step.Run())
	assert.Equal(t, []float32{0, 1, 0, 1, 0, 0, 1, 0, 0}, nn.Floats(target))
	assert.InDeltaSlice(t, []float64{ln2, math.Log(5.0 / 3), ln3}, f64(nn.Floats(rows)), 1e-6)
	third := 1.0 / 3
	assert.InDeltaSlice(t, []float64{0.25, -0.5, 0.25, 0.6 - 1, 0.2, 0.2, third - 1, third, third}, f64(step.Grad(0)), 1e-6)
}

// f64 widens float32 values for InDeltaSlice against float64 expectations.
func f64(v []float32) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

// TestPseudoLabelWeight: Lee's α(t), 0 before T1, linear to α_f at T2, α_f after. With the
// defaults α_f 3, T1 300 and T2 1800: t = 0 and 299 give 0; t = 300 gives 0 (the ramp's
// start); t = 1050, half way, 3·750/1500 = 1.5; t = 1500, 3·1200/1500 = 2.4; t ≥ 1800, 3. With
// T1 = T2 = 100 it is a step from 0 to α_f at 100.
func TestPseudoLabelWeight(t *testing.T) {
	tests := []struct {
		iter          int
		alpha, t1, t2 float64
		want          float64
	}{
		{0, 3, 300, 1800, 0},
		{299, 3, 300, 1800, 0},
		{300, 3, 300, 1800, 0},
		{1050, 3, 300, 1800, 1.5},
		{1500, 3, 300, 1800, 2.4},
		{1800, 3, 300, 1800, 3},
		{180000, 3, 300, 1800, 3},
		{99, 3, 100, 100, 0},
		{100, 3, 100, 100, 3},
	}
	for _, tt := range tests {
		assert.InDelta(t, tt.want, pseudoLabelWeight(tt.iter, tt.alpha, tt.t1, tt.t2), 1e-12, "α(%d), α_f %g, T1 %g, T2 %g", tt.iter, tt.alpha, tt.t1, tt.t2)
	}
}

func TestNewPseudoLabelRejects(t *testing.T) {
	params := func(w, t1, t2 float64) map[string]float64 {
		return map[string]float64{"weight": w, "ramp_start": t1, "ramp_end": t2}
	}
	tests := []struct {
		name   string
		params map[string]float64
		err    string
	}{
		{"negative weight", params(-1, 0, 10), "weight -1"},
		{"NaN weight", params(math.NaN(), 0, 10), "weight NaN"},
		{"negative start", params(3, -1, 10), "ramp_start -1"},
		{"end before start", params(3, 20, 10), "ramp_start 20, ramp_end 10"},
		{"infinite end", params(3, 0, math.Inf(1)), "ramp_end +Inf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewPseudoLabel(tinyConfig(tt.params), 1)
			require.ErrorContains(t, err, tt.err)
		})
	}
}

// TestPseudoLabelLearns: 300 iterations on 100 labels with the ramp moved to iterations 100-200
// (with the defaults α is still 0 at 300), so that the last 100 iterations train at the full
// α_f = 3. Chance is 9,000 errors.
func TestPseudoLabelLearns(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for 300 iterations")
	}
	errs := shortRun(t, NewPseudoLabel, map[string]float64{"weight": PseudoLabelParams["weight"], "ramp_start": 100, "ramp_end": 200}, 300)
	t.Logf("pseudolabel: %d test errors after 300 iterations", errs)
	require.Less(t, errs, 4000)
}
