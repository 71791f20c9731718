package core

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// planRecorder is a model that records the plan of every iteration and reports scripted metrics.
type planRecorder struct {
	plans   []Plan
	metrics func(iter int) map[string]float64
}

func (r *planRecorder) Iterate(s *State) error {
	r.plans = append(r.plans, s.Plan)
	if r.metrics != nil {
		for k, v := range r.metrics(s.Iter) {
			s.Metrics[k] = v
		}
	}
	return nil
}

func runPlans(t *testing.T, r *planRecorder, iters int, hooks ...Hook) *State {
	t.Helper()
	s := NewState(Plan{DSteps: 1, GSteps: 1, FakeWeight: 1})
	require.NoError(t, (&Trainer{Model: r, Hooks: hooks}).Run(context.Background(), s, iters))
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

	// Defaults: γ 1, λ 0.001, k starts at 0; D winning (L_fake < L_real) keeps it at 0, G
	// winning raises it.
	r = &planRecorder{metrics: metrics}
	s = runPlans(t, r, 2, Balance{Policy: "began"})
	assert.Equal(t, []float64{0, 0}, []float64{r.plans[0].FakeWeight, r.plans[1].FakeWeight})
	assert.InDelta(t, 0.001*(1.0-0.5), s.Vars[VarK], 1e-15)

	// Without the metrics it needs, the controller says so.
	err := (&Trainer{Model: &planRecorder{}, Hooks: []Hook{b}}).Run(context.Background(), NewState(Plan{1, 1, 1}), 1)
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
	m := newSmallGAN(t, 2, 3)
	g0 := snapshot(m.G.Params())
	s := m.NewState()
	tr := Tricks{Pretrain: Pretrain{Steps: 3}, Schedule: Schedule{DSteps: 2},
		Balance: Balance{Policy: "thresholds", Thresholds: Thresholds{DAccAbove: 0.01, GLossAbove: 0.01}}}
	train(t, m, s, 3, tr.Hooks()...)
	assert.True(t, bitsEqual(g0, snapshot(m.G.Params())), "G trained during pretraining")
	assert.NotContains(t, s.Metrics, "g_loss")
	train(t, m, s, 5, tr.Hooks()...)
	assert.Equal(t, map[string]int{CounterPretrain: 3, CounterSchedule: 5, CounterSkipD: 2, CounterExtraG: 1}, s.Counters)
	assert.Contains(t, s.Metrics, "g_loss")
}
