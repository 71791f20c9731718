package core

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core/nn"
)

// TestTrainerMetrics checks that State.Last is the step's result and State.Metrics is rebuilt
// from it each iteration: the method's Logs, d_loss, and g_loss only when G stepped.
func TestTrainerMetrics(t *testing.T) {
	script := []map[string]float64{
		{"d_loss": 0.5, "g_loss": 0.7, "err": 0.1},
		{"d_loss": 0.4},
	}
	r := &planRecorder{metrics: func(i int) map[string]float64 { return script[i] }}
	tr := &Trainer{Method: r}
	s := NewState(DefaultPlan(GANCapabilities))
	require.NoError(t, tr.Iterate(s))
	assert.Equal(t, 1, s.Iter)
	assert.Equal(t, scriptedResult(script[0]), s.Last)
	assert.Equal(t, map[string]float64{"d_loss": 0.5, "g_loss": 0.7, "err": 0.1}, s.Metrics)
	s.Metrics["k_t"] = 1 // as a hook adds its numbers
	assert.Equal(t, map[string]float64{"err": 0.1}, s.Last.Logs, "the result's Logs are copied, not written into")
	require.NoError(t, tr.Iterate(s))
	assert.Equal(t, 2, s.Iter)
	assert.Equal(t, map[string]float64{"d_loss": 0.4}, s.Metrics, "nothing is left over from the last iteration")
}

// failingMethod is a planRecorder whose step returns err, or a NaN in its logs when err is nil.
type failingMethod struct {
	planRecorder
	err error
}

func (f *failingMethod) Step(p Plan, src Source) (StepResult, error) {
	r, _ := f.planRecorder.Step(p, src)
	if f.err != nil {
		return r, f.err
	}
	return StepResult{DLoss: 0.5, Logs: map[string]float64{"err": math.NaN()}}, nil
}

// TestTrainerErrors checks that a non-finite logged number is a divergence at the iteration just
// completed (no after hook sees it), that a step's divergence gets the iteration it happened in,
// and that other errors pass through unchanged.
func TestTrainerErrors(t *testing.T) {
	after := 0
	count := afterFunc(func(*State) error { after++; return nil })
	s := NewState(DefaultPlan(GANCapabilities))
	err := (&Trainer{Method: &failingMethod{}, Hooks: []Hook{count}}).Run(context.Background(), s, 5)
	var d *nn.DivergedError
	require.ErrorAs(t, err, &d)
	assert.Equal(t, 1, d.Iter)
	assert.Equal(t, "err", d.What)
	assert.True(t, math.IsNaN(d.Value))
	assert.Equal(t, 0, after)

	s = NewState(DefaultPlan(GANCapabilities))
	s.Iter = 7
	err = (&Trainer{Method: &failingMethod{err: &nn.DivergedError{What: "g_loss", Value: math.Inf(1)}}}).Iterate(s)
	require.ErrorAs(t, err, &d)
	assert.Equal(t, nn.DivergedError{Iter: 8, What: "g_loss", Value: math.Inf(1)}, *d)
	assert.Equal(t, 7, s.Iter, "a failed iteration is not counted")

	other := errors.New("disk on fire")
	require.Same(t, other, (&Trainer{Method: &failingMethod{err: other}}).Iterate(s))
}

// TestTrainerRun checks that Run stops at the given iteration, when a hook sets Stop, and when
// the context is cancelled.
func TestTrainerRun(t *testing.T) {
	r := &planRecorder{}
	s := NewState(DefaultPlan(GANCapabilities))
	require.NoError(t, (&Trainer{Method: r}).Run(context.Background(), s, 3))
	assert.Equal(t, 3, s.Iter)
	assert.Len(t, r.plans, 3)

	stop := afterFunc(func(s *State) error { s.Stop = s.Iter == 2; return nil })
	s = NewState(DefaultPlan(GANCapabilities))
	require.NoError(t, (&Trainer{Method: &planRecorder{}, Hooks: []Hook{stop}}).Run(context.Background(), s, 10))
	assert.Equal(t, 2, s.Iter)

	ctx, cancel := context.WithCancel(context.Background())
	halt := afterFunc(func(s *State) error {
		if s.Iter == 1 {
			cancel()
		}
		return nil
	})
	s = NewState(DefaultPlan(GANCapabilities))
	require.ErrorIs(t, (&Trainer{Method: &planRecorder{}, Hooks: []Hook{halt}}).Run(ctx, s, 10), context.Canceled)
	assert.Equal(t, 1, s.Iter, "the iteration in progress completes")
}
