package core

import (
	"context"
	"math"

	"github.com/ssgan/ssgan/core/nn"
)

// Plan is what the hooks decided for the coming iteration. A model's Iterate follows it.
type Plan struct {
	// DSteps and GSteps are how many discriminator and generator updates to make (0 freezes
	// that network for the iteration).
	DSteps, GSteps int
	// FakeWeight multiplies the discriminator's loss on generated rows (BEGAN-style k_t); 1 is
	// the plain loss.
	FakeWeight float64
}

// State is the trainer's view of a run, shared with the model and the hooks.
type State struct {
	// Iter counts the iterations completed.
	Iter int
	// Plan is reset to Default before each iteration and may be changed by hooks.
	Plan Plan
	// Default is the plan of an iteration no hook changes.
	Default Plan
	// Metrics holds the numbers the last iteration reported (losses, accuracies).
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

// Model is a network (or pair of networks) that owns its training iteration; the trainer only
// loops.
type Model interface {
	Iterate(s *State) error
}

// Hook is an extra attached to the training loop. It implements BeforeHook, AfterHook or both.
type Hook interface{}

// BeforeHook runs before each iteration and may change s.Plan.
type BeforeHook interface {
	Before(s *State) error
}

// AfterHook runs after each iteration (logging, evaluation, checkpoints, balance measurement).
type AfterHook interface {
	After(s *State) error
}

// Trainer runs a model's iterations with hooks around each one.
type Trainer struct {
	Model Model
	Hooks []Hook
}

// Run trains until s.Iter reaches until, a hook sets s.Stop, or ctx is cancelled (then it returns
// ctx.Err() after the iteration in progress, so a caller can checkpoint a consistent state).
func (t *Trainer) Run(ctx context.Context, s *State, until int) error {
	for s.Iter < until && !s.Stop {
		if err := ctx.Err(); err != nil {
			return err
		}
		s.Plan = s.Default
		for _, h := range t.Hooks {
			if b, ok := h.(BeforeHook); ok {
				if err := b.Before(s); err != nil {
					return err
				}
			}
		}
		if err := t.Model.Iterate(s); err != nil {
			return err
		}
		s.Iter++
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
	}
	return nil
}
