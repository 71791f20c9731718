package core

import (
	"context"
	"fmt"
	"math"

	"github.com/ssgan/ssgan/core/nn"
)

// Plan is what the hooks decided for the coming iteration, with one meaning for every method:
// DSteps discriminator (or classifier) updates, each on a fresh batch from the Source, then
// GSteps generator updates, each on fresh noise. DSteps 0 freezes D for the iteration (a method
// with a generator still measures D on a fresh batch, so that balance hooks see its state);
// GSteps 0 freezes G.
type Plan struct {
	DSteps, GSteps int
	// FakeWeight multiplies the discriminator's loss on generated rows (BEGAN-style k_t); 1 is
	// the plain loss. Only methods whose Capabilities say FakeWeight honour it.
	FakeWeight float64
}

// DefaultPlan is the plan of an iteration no hook changes: one D update and, for a method with
// a generator, one G update, with the plain loss.
func DefaultPlan(c Capabilities) Plan {
	p := Plan{DSteps: 1, GSteps: 1, FakeWeight: 1}
	if !c.Generator {
		p.GSteps = 0
	}
	return p
}

// Validate reports an impossible plan.
func (p Plan) Validate() error {
	switch {
	case p.DSteps < 0 || p.GSteps < 0:
		return fmt.Errorf("core: plan has %d D and %d G steps: must not be negative", p.DSteps, p.GSteps)
	case !(p.FakeWeight >= 0) || math.IsInf(p.FakeWeight, 0):
		return fmt.Errorf("core: plan fake weight %g: must be finite and not negative", p.FakeWeight)
	}
	return nil
}

// State is the trainer's view of a run, shared with the hooks.
type State struct {
	// Iter counts the iterations completed.
	Iter int
	// Plan is reset to Default before each iteration and may be changed by hooks.
	Plan Plan
	// Default is the plan of an iteration no hook changes.
	Default Plan
	// Last is the last iteration's result: the typed numbers hooks read.
	Last StepResult
	// Metrics are the last iteration's logged numbers: the method's Logs, d_loss and (when G
	// stepped) g_loss from the typed result, and whatever the hooks add (k_t).
	Metrics map[string]float64
	// Counters counts hook interventions by name (pretraining steps, skipped D updates...);
	// they are logged and checkpointed.
	Counters map[string]int
	// Vars holds hooks' own state that must survive a checkpoint (a controller's k_t).
	Vars map[string]float64
	// Stop ends the run after the current iteration when a hook sets it.
	Stop bool
}

// NewState returns the state of a fresh run with the given default plan.
func NewState(def Plan) *State {
	return &State{Default: def, Plan: def, Metrics: map[string]float64{}, Counters: map[string]int{}, Vars: map[string]float64{}}
}

// Hook is an extra attached to the training loop: a trick, logging, evaluation, checkpoints. It
// implements BeforeHook, AfterHook or both.
type Hook interface{}

// BeforeHook runs before each iteration and may change s.Plan.
type BeforeHook interface {
	Before(s *State) error
}

// AfterHook runs after each iteration.
type AfterHook interface {
	After(s *State) error
}

// Trainer runs a method's iterations on a source with hooks around each one. It only loops:
// the method owns its step.
type Trainer struct {
	Method Method
	Source Source
	Hooks  []Hook
}

// Run trains until s.Iter reaches until, a hook sets s.Stop, or ctx is cancelled (then it returns
// ctx.Err() after the iteration in progress, so a caller can checkpoint a consistent state). A
// NaN or infinite number in an iteration's result is an *nn.DivergedError.
func (t *Trainer) Run(ctx context.Context, s *State, until int) error {
	for s.Iter < until && !s.Stop {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := t.Iterate(s); err != nil {
			return err
		}
	}
	return nil
}

// Iterate runs one iteration: the before hooks, the method's step, the after hooks.
func (t *Trainer) Iterate(s *State) error {
	s.Plan = s.Default
	for _, h := range t.Hooks {
		if b, ok := h.(BeforeHook); ok {
			if err := b.Before(s); err != nil {
				return err
			}
		}
	}
	if err := s.Plan.Validate(); err != nil {
		return err
	}
	res, err := t.Method.Step(s.Plan, t.Source)
	if err != nil {
		return withIter(err, s.Iter+1)
	}
	s.Iter++
	s.Last, s.Metrics = res, resultMetrics(res)
	for name, v := range s.Metrics {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return &nn.DivergedError{Iter: s.Iter, What: name, Value: v}
		}
	}
	for _, h := range t.Hooks {
		if a, ok := h.(AfterHook); ok {
			if err := a.After(s); err != nil {
				return err
			}
		}
	}
	return nil
}

// resultMetrics returns the numbers to log for a result, in a new map: its Logs, d_loss and,
// when G stepped, g_loss.
func resultMetrics(r StepResult) map[string]float64 {
	m := make(map[string]float64, len(r.Logs)+2)
	for k, v := range r.Logs {
		m[k] = v
	}
	m["d_loss"] = r.DLoss
	if r.GStepped {
		m["g_loss"] = r.GLoss
	}
	return m
}

// withIter puts the iteration into a divergence reported by a step.
func withIter(err error, iter int) error {
	if d, ok := err.(*nn.DivergedError); ok && d.Iter == 0 {
		c := *d
		c.Iter = iter
		return &c
	}
	return err
}
