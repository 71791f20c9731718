package core

import "fmt"

// Pretrain is the article's first tip: train D alone against the untrained G for the first Steps
// iterations (Plan.GSteps = 0). Steps 0 is off.
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

// Check refuses pretraining for a method without a generator to freeze.
func (p Pretrain) Check(c Capabilities) error {
	if p.Steps > 0 && !c.Generator {
		return fmt.Errorf("pretrain.steps: %s has no generator to freeze", c.who())
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
