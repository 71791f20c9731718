package experiments

import (
	"errors"
	"fmt"
)

// classifierTricks refuses the tricks a classifier run cannot honour, naming the field: the K+1
// SSGAN follows the plan's D and G step counts but does not weight its generated rows
// (Plan.FakeWeight) and reports no accuracy on them, and the supervised baseline has no
// generator at all. Left unchecked, such a trick validated and then failed, or did nothing,
// after the run had started.
func classifierTricks(s Spec) error {
	t := s.Tricks
	if s.Model.Method == "supervised" {
		switch {
		case t.Pretrain.Steps > 0:
			return errors.New("tricks.pretrain.steps: method supervised has no generator to freeze")
		case t.Schedule.DSteps > 0 || t.Schedule.GSteps > 0:
			return errors.New("tricks.schedule: method supervised has no generator to alternate with")
		case t.Balance.Policy != "":
			return fmt.Errorf("tricks.balance.policy: %s: method supervised has no generator to balance", t.Balance.Policy)
		}
		return nil
	}
	switch {
	case t.Balance.Policy == "began":
		return errors.New("tricks.balance.policy: began: the K+1 discriminator does not weight its loss on generated rows " +
			"(BEGAN's k_t) nor report its real and fake losses apart; use thresholds, or the article's GAN (kind: gan)")
	case t.Balance.Policy == "thresholds" && t.Balance.Thresholds.DAccAbove > 0:
		return errors.New("tricks.balance.thresholds.d_acc_above: the K+1 classifier reports no accuracy on generated rows; " +
			"use d_loss_below or g_loss_above")
	}
	return nil
}
