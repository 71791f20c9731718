package core

import "fmt"

// Names of the counters (State.Counters) and variables (State.Vars) the training tricks keep;
// both are checkpointed, so a resumed run decides exactly as the uninterrupted one.
const (
	// CounterPretrain counts the iterations in which Pretrain froze G.
	CounterPretrain = "pretrain.steps"
	// CounterSchedule counts the iterations whose step counts Schedule changed.
	CounterSchedule = "schedule.changed"
	// CounterSkipD counts the iterations in which Balance skipped D's update.
	CounterSkipD = "balance.d_skipped"
	// CounterExtraG counts the extra G steps Balance gave.
	CounterExtraG = "balance.g_extra"
	// CounterKUpdates counts the updates of BEGAN's k_t.
	CounterKUpdates = "balance.k_updates"
	// CounterKClipped counts the k_t updates that were clipped to [0, 1].
	CounterKClipped = "balance.k_clipped"
	// VarK is BEGAN's k_t, the weight of D's loss on generated rows.
	VarK = "balance.k"
	// VarDAcc, VarDLoss and VarGLoss are the last measured d_acc, d_loss and g_loss, which the
	// thresholds policy compares with its bounds.
	VarDAcc  = "balance.d_acc"
	VarDLoss = "balance.d_loss"
	VarGLoss = "balance.g_loss"
)

// Tricks gathers the article's three training tips. Each is off in its zero value.
type Tricks struct {
	Pretrain Pretrain `yaml:"pretrain"` // tip 1: train D alone first
	Schedule Schedule `yaml:"schedule"` // tip 2: k D steps per m G steps, each frozen in turn
	Balance  Balance  `yaml:"balance"`  // tip 3: keep D and G in balance
}

// Validate reports the first impossible setting among the tricks.
func (t Tricks) Validate() error {
	if err := t.Pretrain.Validate(); err != nil {
		return err
	}
	if err := t.Schedule.Validate(); err != nil {
		return err
	}
	return t.Balance.Validate()
}

// Hooks returns the configured tricks as trainer hooks, in the order they must run: Schedule,
// then Pretrain, then Balance (which adds G steps on top of the schedule).
func (t Tricks) Hooks() []Hook {
	var hs []Hook
	if t.Schedule.DSteps > 0 || t.Schedule.GSteps > 0 {
		hs = append(hs, t.Schedule)
	}
	if t.Pretrain.Steps > 0 {
		hs = append(hs, t.Pretrain)
	}
	if t.Balance.Policy != "" {
		hs = append(hs, t.Balance)
	}
	return hs
}

// Pretrain trains D alone against the untrained G for the first Steps iterations (Plan.GSteps
// = 0). Steps 0 is off.
type Pretrain struct {
	Steps int `yaml:"steps"`
}

// Validate checks that Steps is not negative.
func (p Pretrain) Validate() error {
	if p.Steps < 0 {
		return fmt.Errorf("core: pretrain: steps %d: must not be negative", p.Steps)
	}
	return nil
}

// Before freezes G while s.Iter < Steps.
func (p Pretrain) Before(s *State) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if s.Iter < p.Steps {
		s.Plan.GSteps = 0
		s.Counters[CounterPretrain]++
	}
	return nil
}

// Schedule makes DSteps D updates, then GSteps G updates, per iteration: k D steps per m G
// steps, each network frozen while the other trains. A zero field leaves that count as it is,
// and a count another hook set to 0 (a frozen network) stays 0.
type Schedule struct {
	DSteps int `yaml:"d_steps"`
	GSteps int `yaml:"g_steps"`
}

// Validate checks that the step counts are not negative.
func (c Schedule) Validate() error {
	if c.DSteps < 0 || c.GSteps < 0 {
		return fmt.Errorf("core: schedule: d_steps %d, g_steps %d: must not be negative", c.DSteps, c.GSteps)
	}
	return nil
}

// Before sets the iteration's step counts.
func (c Schedule) Before(s *State) error {
	if err := c.Validate(); err != nil {
		return err
	}
	old := s.Plan
	if c.DSteps > 0 && s.Plan.DSteps > 0 {
		s.Plan.DSteps = c.DSteps
	}
	if c.GSteps > 0 && s.Plan.GSteps > 0 {
		s.Plan.GSteps = c.GSteps
	}
	if s.Plan != old {
		s.Counters[CounterSchedule]++
	}
	return nil
}
