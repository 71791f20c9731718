package core

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core/nn"
)

// planRecorder is a method that records the plan of every step and reports scripted metrics
// (by the index of the step, from 0) as its result: d_loss is DLoss; d_acc, d_loss_real and
// d_loss_fake are DAcc, DLossReal and DLossFake, and any of them makes RealFake; g_loss is GLoss
// and makes GStepped; every other name goes to Logs.
type planRecorder struct {
	plans   []Plan
	metrics func(iter int) map[string]float64
}

func (r *planRecorder) Init([]float32) error   { return nil }
func (r *planRecorder) Save(*Checkpoint) error { return nil }
func (r *planRecorder) Load(*Checkpoint) error { return nil }
func (r *planRecorder) Optimizers() []*nn.Adam { return nil }
func (r *planRecorder) Close()                 {}

func (r *planRecorder) Step(p Plan, _ Source) (StepResult, error) {
	iter := len(r.plans)
	r.plans = append(r.plans, p)
	if r.metrics == nil {
		return StepResult{}, nil
	}
	return scriptedResult(r.metrics(iter)), nil
}

// scriptedResult is the step result whose numbers are named in m, as planRecorder reports it.
func scriptedResult(m map[string]float64) StepResult {
	var r StepResult
	for k, v := range m {
		switch k {
		case "d_loss":
			r.DLoss = v
		case "d_acc":
			r.DAcc, r.RealFake = v, true
		case "d_loss_real":
			r.DLossReal, r.RealFake = v, true
		case "d_loss_fake":
			r.DLossFake, r.RealFake = v, true
		case "g_loss":
			r.GLoss, r.GStepped = v, true
		default:
			if r.Logs == nil {
				r.Logs = map[string]float64{}
			}
			r.Logs[k] = v
		}
	}
	return r
}

var _ Method = (*planRecorder)(nil)

func runPlans(t *testing.T, r *planRecorder, iters int, hooks ...Hook) *State {
	t.Helper()
	s := NewState(DefaultPlan(GANCapabilities))
	require.NoError(t, (&Trainer{Method: r, Hooks: hooks}).Run(context.Background(), s, iters))
	return s
}

func TestPretrainAndSchedule(t *testing.T) {
	tests := []struct {
		name     string
		tricks   Tricks
		want     []Plan
		counters map[string]int
	}{
		{"off", Tricks{}, []Plan{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}}, map[string]int{}},
		{"pretrain 2", Tricks{Pretrain: Pretrain{Steps: 2}}, []Plan{{1, 0, 1}, {1, 0, 1}, {1, 1, 1}, {1, 1, 1}},
			map[string]int{CounterPretrain: 2}},
		{"schedule 3:2", Tricks{Schedule: Schedule{DSteps: 3, GSteps: 2}}, []Plan{{3, 2, 1}, {3, 2, 1}, {3, 2, 1}, {3, 2, 1}},
			map[string]int{CounterSchedule: 4}},
		{"schedule D only", Tricks{Schedule: Schedule{DSteps: 2}}, []Plan{{2, 1, 1}, {2, 1, 1}, {2, 1, 1}, {2, 1, 1}},
			map[string]int{CounterSchedule: 4}},
		{"schedule same as default", Tricks{Schedule: Schedule{DSteps: 1, GSteps: 1}}, []Plan{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}},
			map[string]int{}},
		// The schedule never unfreezes G during pretraining, whatever the hook order.
		{"pretrain then schedule", Tricks{Pretrain: Pretrain{Steps: 1}, Schedule: Schedule{DSteps: 2, GSteps: 3}},
			[]Plan{{2, 0, 1}, {2, 3, 1}, {2, 3, 1}, {2, 3, 1}}, map[string]int{CounterPretrain: 1, CounterSchedule: 4}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &planRecorder{}
			s := runPlans(t, r, 4, tc.tricks.Hooks()...)
			assert.Equal(t, tc.want, r.plans)
			assert.Equal(t, tc.counters, s.Counters)
		})
	}
	// Reversed order gives the same plans.
	r := &planRecorder{}
	runPlans(t, r, 2, Pretrain{Steps: 1}, Schedule{DSteps: 2, GSteps: 3})
	assert.Equal(t, []Plan{{2, 0, 1}, {2, 3, 1}}, r.plans)
}

func TestBalanceThresholds(t *testing.T) {
	// Scripted measurements of iterations 0..4; the plan of iteration i follows those of i−1.
	acc := []float64{0.5, 0.95, 0.7, 0.99, 0.6}
	dloss := []float64{0.7, 0.6, 0.1, 0.6, 0.6}
	gloss := []float64{0.7, 3, 0.7, 0.7, 5}
	metrics := func(i int) map[string]float64 {
		return map[string]float64{"d_acc": acc[i], "d_loss": dloss[i], "g_loss": gloss[i]}
	}
	tests := []struct {
		name     string
		th       Thresholds
		want     []Plan
		counters map[string]int
	}{
		{"no bounds", Thresholds{}, []Plan{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}}, map[string]int{}},
		{"accuracy", Thresholds{DAccAbove: 0.9}, []Plan{{1, 1, 1}, {1, 1, 1}, {0, 1, 1}, {1, 1, 1}, {0, 1, 1}},
			map[string]int{CounterSkipD: 2}},
		{"loss", Thresholds{DLossBelow: 0.2}, []Plan{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {0, 1, 1}, {1, 1, 1}},
			map[string]int{CounterSkipD: 1}},
		{"G extra", Thresholds{GLossAbove: 2, GExtraSteps: 2}, []Plan{{1, 1, 1}, {1, 1, 1}, {1, 3, 1}, {1, 1, 1}, {1, 1, 1}},
			map[string]int{CounterExtraG: 2}},
		{"all", Thresholds{DAccAbove: 0.9, DLossBelow: 0.2, GLossAbove: 2}, []Plan{{1, 1, 1}, {1, 1, 1}, {0, 2, 1}, {0, 1, 1}, {0, 1, 1}},
			map[string]int{CounterSkipD: 3, CounterExtraG: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &planRecorder{metrics: metrics}
			s := runPlans(t, r, 5, Balance{Policy: "thresholds", Thresholds: tc.th})
			assert.Equal(t, tc.want, r.plans)
			assert.Equal(t, tc.counters, s.Counters)
			assert.Equal(t, acc[4], s.Vars[VarDAcc])
		})
	}
	// Only what the method reports is recorded: without an accuracy or a G step (RealFake and
	// GStepped false) the bounds on them never apply.
	r0 := &planRecorder{metrics: func(i int) map[string]float64 { return map[string]float64{"d_loss": dloss[i]} }}
	s := runPlans(t, r0, 5, Balance{Policy: "thresholds", Thresholds: Thresholds{DAccAbove: 0.01, GLossAbove: 0.01}})
	assert.Equal(t, map[string]float64{VarDLoss: dloss[4]}, s.Vars)
	assert.Equal(t, []Plan{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}}, r0.plans)
	assert.Empty(t, s.Counters)
	// While G is frozen for pretraining the thresholds never freeze D too.
	r := &planRecorder{metrics: metrics}
	runPlans(t, r, 3, Tricks{Pretrain: Pretrain{Steps: 3}, Balance: Balance{Policy: "thresholds", Thresholds: Thresholds{DAccAbove: 0.9}}}.Hooks()...)
	assert.Equal(t, []Plan{{1, 0, 1}, {1, 0, 1}, {1, 0, 1}}, r.plans)
}

func TestBalanceBegan(t *testing.T) {
	// D's losses on real and generated rows in iterations 0..3; expected k by hand:
	// k ← clip(k + λ(L_fake − γ·L_real), 0, 1).
	lr := []float64{0.6, 0.5, 0.2, 0.7}
	lf := []float64{0.2, 1.0, 3.0, 0.1}
	metrics := func(i int) map[string]float64 {
		return map[string]float64{"d_loss_real": lr[i], "d_loss_fake": lf[i]}
	}
	b := Balance{Policy: "began", Began: Began{Gamma: 0.5, Lambda: 0.5, K0: 0.1}}
	r := &planRecorder{metrics: metrics}
	s := runPlans(t, r, 4, b)
	// k: 0.1 → 0.1+0.5(0.2−0.3)=0.05 → 0.05+0.5(1−0.25)=0.425 → 0.425+0.5(3−0.1)=1.875→1 (clipped)
	// → 1+0.5(0.1−0.35)=0.875.
	wantK := []float64{0.1, 0.05, 0.425, 1}
	for i, p := range r.plans {
		assert.InDelta(t, wantK[i], p.FakeWeight, 1e-12, "iteration %d", i)
		assert.Equal(t, 1, p.DSteps)
	}
	assert.InDelta(t, 0.875, s.Vars[VarK], 1e-12)
	assert.Equal(t, map[string]int{CounterKUpdates: 4, CounterKClipped: 1}, s.Counters)
	assert.InDelta(t, 0.7+0.25, s.Metrics["began_m"], 1e-12)
	assert.Equal(t, wantK[3], s.Metrics["k_t"], "k_t logged is the one the last iteration used")

	// Defaults: γ 1, λ 0.001, k starts at 0; D winning (L_fake < L_real) keeps it at 0, G
	// winning raises it.
	r = &planRecorder{metrics: metrics}
	s = runPlans(t, r, 2, Balance{Policy: "began"})
	assert.Equal(t, []float64{0, 0}, []float64{r.plans[0].FakeWeight, r.plans[1].FakeWeight})
	assert.InDelta(t, 0.001*(1.0-0.5), s.Vars[VarK], 1e-15)

	// Without the losses it needs (RealFake false), the controller says so.
	err := (&Trainer{Method: &planRecorder{}, Hooks: []Hook{b}}).Run(context.Background(), NewState(Plan{1, 1, 1}), 1)
	require.ErrorContains(t, err, "core: balance: began needs")
}

func TestTricksValidate(t *testing.T) {
	tests := []struct {
		name  string
		t     Tricks
		field string
	}{
		{"pretrain", Tricks{Pretrain: Pretrain{Steps: -1}}, "pretrain: steps"},
		{"schedule", Tricks{Schedule: Schedule{GSteps: -1}}, "schedule: d_steps"},
		{"policy", Tricks{Balance: Balance{Policy: "wgan"}}, "balance: policy"},
		{"acc", Tricks{Balance: Balance{Policy: "thresholds", Thresholds: Thresholds{DAccAbove: 1.5}}}, "balance: thresholds.d_acc_above"},
		{"loss", Tricks{Balance: Balance{Thresholds: Thresholds{DLossBelow: -1}}}, "balance: thresholds.d_loss_below"},
		{"extra", Tricks{Balance: Balance{Thresholds: Thresholds{GExtraSteps: -1}}}, "balance: thresholds.g_extra_steps"},
		{"gamma", Tricks{Balance: Balance{Began: Began{Gamma: -1}}}, "balance: began.gamma"},
		{"lambda", Tricks{Balance: Balance{Began: Began{Lambda: math.NaN()}}}, "balance: began.lambda"},
		{"k0", Tricks{Balance: Balance{Began: Began{K0: 2}}}, "balance: began.k0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.t.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), "core: "+tc.field)
		})
	}
	require.NoError(t, Tricks{}.Validate())
	assert.Empty(t, Tricks{}.Hooks(), "every trick is off in the zero value")
}

// TestTricksOnGAN runs the GAN with all three tricks for a few iterations and checks the
// counters: pretraining iterations leave G untouched and report no g_loss.
func TestTricksOnGAN(t *testing.T) {
	m, src := newSmallGAN(t, 2, 3)
	g0 := snapshot(m.G.Params())
	s := newGANState()
	tr := Tricks{Pretrain: Pretrain{Steps: 3}, Schedule: Schedule{DSteps: 2},
		Balance: Balance{Policy: "thresholds", Thresholds: Thresholds{DAccAbove: 0.01, GLossAbove: 0.01}}}
	require.NoError(t, tr.Check(GANCapabilities))
	train(t, m, src, s, 3, tr.Hooks()...)
	assert.True(t, bitsEqual(g0, snapshot(m.G.Params())), "G trained during pretraining")
	assert.NotContains(t, s.Metrics, "g_loss")
	train(t, m, src, s, 5, tr.Hooks()...)
	assert.Equal(t, map[string]int{CounterPretrain: 3, CounterSchedule: 5, CounterSkipD: 2, CounterExtraG: 1}, s.Counters)
	assert.Contains(t, s.Metrics, "g_loss")
}

// TestTricksCheck asks every trick of every capability set: a method without a generator refuses
// pretraining, a schedule and every balance policy; began needs RealFake and FakeWeight;
// d_acc_above needs RealFake. The error names the field, relative to tricks:.
func TestTricksCheck(t *testing.T) {
	began := Balance{Policy: "began"}
	tests := []struct {
		name   string
		tricks Tricks
		// needs are the capabilities the tricks need; refused is the field named otherwise, and
		// noGenerator the one named when the generator is missing (refused when empty).
		needs                Capabilities
		refused, noGenerator string
	}{
		{"off", Tricks{}, Capabilities{}, "", ""},
		{"zero settings are off", Tricks{Balance: Balance{Thresholds: Thresholds{DAccAbove: 0.5}, Began: Began{K0: 0.5}}}, Capabilities{}, "", ""},
		{"pretrain", Tricks{Pretrain: Pretrain{Steps: 1}}, Capabilities{Generator: true}, "pretrain.steps:", ""},
		{"schedule D", Tricks{Schedule: Schedule{DSteps: 2}}, Capabilities{Generator: true}, "schedule:", ""},
		{"schedule G", Tricks{Schedule: Schedule{GSteps: 2}}, Capabilities{Generator: true}, "schedule:", ""},
		{"thresholds on losses", Tricks{Balance: Balance{Policy: "thresholds", Thresholds: Thresholds{DLossBelow: 0.1, GLossAbove: 2}}},
			Capabilities{Generator: true}, "balance.policy: thresholds:", ""},
		{"thresholds without bounds", Tricks{Balance: Balance{Policy: "thresholds"}}, Capabilities{Generator: true}, "balance.policy: thresholds:", ""},
		{"d_acc_above", Tricks{Balance: Balance{Policy: "thresholds", Thresholds: Thresholds{DAccAbove: 0.9}}},
			Capabilities{Generator: true, RealFake: true}, "balance.thresholds.d_acc_above:", "balance.policy: thresholds:"},
		{"began", Tricks{Balance: began}, Capabilities{Generator: true, RealFake: true, FakeWeight: true}, "balance.policy: began:", ""},
		// The first trick refused is named: pretraining before the schedule before balance.
		{"pretrain and began", Tricks{Pretrain: Pretrain{Steps: 1}, Balance: began},
			Capabilities{Generator: true, RealFake: true, FakeWeight: true}, "balance.policy: began:", "pretrain.steps:"},
		{"schedule and d_acc_above", Tricks{Schedule: Schedule{GSteps: 2}, Balance: Balance{Policy: "thresholds", Thresholds: Thresholds{DAccAbove: 0.9}}},
			Capabilities{Generator: true, RealFake: true}, "balance.thresholds.d_acc_above:", "schedule:"},
	}
	for _, tc := range tests {
		for _, c := range allCapabilities() {
			t.Run(fmt.Sprintf("%s/%+v", tc.name, c), func(t *testing.T) {
				require.NoError(t, tc.tricks.Validate())
				err := tc.tricks.Check(c)
				want := tc.refused
				if !c.Generator && tc.noGenerator != "" {
					want = tc.noGenerator
				}
				if covers(c, tc.needs) {
					require.NoError(t, err)
					return
				}
				require.Error(t, err)
				assert.True(t, strings.HasPrefix(err.Error(), want), "error %q should name %q", err, want)
			})
		}
	}
	require.NoError(t, Tricks{Pretrain: Pretrain{Steps: 1}, Schedule: Schedule{DSteps: 2, GSteps: 3},
		Balance: Balance{Policy: "thresholds", Thresholds: Thresholds{DAccAbove: 0.9}}}.Check(GANCapabilities))
	require.NoError(t, Tricks{Balance: began}.Check(GANCapabilities), "the GAN honours every trick")
}

// allCapabilities returns the eight capability sets.
func allCapabilities() []Capabilities {
	var cs []Capabilities
	for i := range 8 {
		cs = append(cs, Capabilities{Generator: i&1 != 0, RealFake: i&2 != 0, FakeWeight: i&4 != 0})
	}
	return cs
}

// covers reports whether c has every capability of need.
func covers(c, need Capabilities) bool {
	return (c.Generator || !need.Generator) && (c.RealFake || !need.RealFake) && (c.FakeWeight || !need.FakeWeight)
}

func TestDefaultPlan(t *testing.T) {
	assert.Equal(t, Plan{DSteps: 1, GSteps: 1, FakeWeight: 1}, DefaultPlan(GANCapabilities))
	assert.Equal(t, Plan{DSteps: 1, GSteps: 1, FakeWeight: 1}, DefaultPlan(Capabilities{Generator: true}))
	assert.Equal(t, Plan{DSteps: 1, GSteps: 0, FakeWeight: 1}, DefaultPlan(Capabilities{RealFake: true, FakeWeight: true}))
	for _, c := range allCapabilities() {
		require.NoError(t, DefaultPlan(c).Validate())
	}
}
