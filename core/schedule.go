package core

import "fmt"

// Schedule is the article's second tip: DSteps D updates, then GSteps G updates, per iteration
// (k D steps per m G steps), each network frozen while the other trains. A zero field leaves that
// count as it is, and a count another hook set to 0 (a frozen network) stays 0.
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

// Check refuses a schedule for a method without a generator to alternate with.
func (c Schedule) Check(caps Capabilities) error {
	if (c.DSteps > 0 || c.GSteps > 0) && !caps.Generator {
		return fmt.Errorf("schedule: %s has no generator to alternate with", caps.who())
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
