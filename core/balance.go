package core

import (
	"fmt"
	"math"
)

// Balance keeps D and G in step. Policy "thresholds" freezes D while it is too strong and gives
// G extra steps while it is losing; "began" weights D's loss on generated rows by a proportional
// controller k_t (Berthelot et al. 2017). The empty policy is off. Balance reads the typed step
// result (State.Last: D's loss, G's loss, and where the method reports them D's accuracy and its
// losses on real and generated rows) after each iteration and acts on the next one; what it
// remembers lives in State.Vars.
type Balance struct {
	// Policy is "" (off), "thresholds" or "began".
	Policy     string     `yaml:"policy"`
	Thresholds Thresholds `yaml:"thresholds"`
	Began      Began      `yaml:"began"`
}

// Thresholds are the bounds of the thresholds policy; a zero bound is not applied.
type Thresholds struct {
	// DAccAbove skips D's update while its accuracy on the last batch is above this.
	DAccAbove float64 `yaml:"d_acc_above"`
	// DLossBelow skips D's update while its loss on the last batch is below this.
	DLossBelow float64 `yaml:"d_loss_below"`
	// GLossAbove gives G GExtraSteps more steps while its last loss is above this.
	GLossAbove float64 `yaml:"g_loss_above"`
	// GExtraSteps is the number of extra G steps; 0 means 1.
	GExtraSteps int `yaml:"g_extra_steps"`
}

// Began are the settings of a BEGAN-style proportional controller (Berthelot et al. 2017) for a
// cross-entropy GAN: D's loss is L_real + k·L_fake, with L_real and L_fake D's own losses on the
// real and the generated rows, and after each iteration
//
//	k ← clip(k + λ(L_fake − γ·L_real), 0, 1).
//
// While G wins (D's loss on generated rows is high) k grows and D attends more to them; while D
// wins it shrinks. The equilibrium is L_fake = γ·L_real: with γ = 1, D is as wrong about the
// generated rows as about the real ones. This is BEGAN's rule with its sign convention mapped to
// losses D minimises (BEGAN's D maximises its reconstruction loss on generated images). The
// first version compared G's loss −log D(G(z)) with γ·L_real instead; that equilibrium needs D
// completely fooled, so k stayed clipped at 0 for 30,000 steps and D never saw a generated row.
type Began struct {
	// Gamma is the equilibrium ratio γ; 0 means 1 (D equally sure of real and generated rows).
	Gamma float64 `yaml:"gamma"`
	// Lambda is the gain λ; 0 means 0.001 (BEGAN's λ_k).
	Lambda float64 `yaml:"lambda"`
	// K0 is k's value before the first update (BEGAN starts at 0).
	K0 float64 `yaml:"k0"`
}

func (b Began) defaults() Began {
	if b.Gamma == 0 {
		b.Gamma = 1
	}
	if b.Lambda == 0 {
		b.Lambda = 0.001
	}
	return b
}

// Validate reports the first impossible setting, naming its field.
func (b Balance) Validate() error {
	t, k := b.Thresholds, b.Began.defaults()
	switch {
	case b.Policy != "" && b.Policy != "thresholds" && b.Policy != "began":
		return fmt.Errorf("core: balance: policy %q: want \"\", thresholds or began", b.Policy)
	case t.DAccAbove < 0 || t.DAccAbove > 1:
		return fmt.Errorf("core: balance: thresholds.d_acc_above %g: want 0..1", t.DAccAbove)
	case t.DLossBelow < 0 || t.GLossAbove < 0:
		return fmt.Errorf("core: balance: thresholds.d_loss_below %g, g_loss_above %g: must not be negative", t.DLossBelow, t.GLossAbove)
	case t.GExtraSteps < 0:
		return fmt.Errorf("core: balance: thresholds.g_extra_steps %d: must not be negative", t.GExtraSteps)
	case !(k.Gamma > 0) || math.IsInf(k.Gamma, 0):
		return fmt.Errorf("core: balance: began.gamma %g: must be positive and finite", k.Gamma)
	case !(k.Lambda > 0) || math.IsInf(k.Lambda, 0):
		return fmt.Errorf("core: balance: began.lambda %g: must be positive and finite", k.Lambda)
	case !(k.K0 >= 0 && k.K0 <= 1):
		return fmt.Errorf("core: balance: began.k0 %g: want 0..1", k.K0)
	}
	return nil
}

// Before applies the policy to the coming iteration's plan.
func (b Balance) Before(s *State) error {
	if err := b.Validate(); err != nil {
		return err
	}
	switch b.Policy {
	case "thresholds":
		b.thresholds(s)
	case "began":
		k, ok := s.Vars[VarK]
		if !ok {
			k = b.Began.K0
			s.Vars[VarK] = k
		}
		s.Plan.FakeWeight = k
	}
	return nil
}

// Check refuses a policy the method cannot honour: any policy needs a generator; began needs D's
// real and fake losses apart and a weight on the generated rows; d_acc_above needs D's accuracy.
func (b Balance) Check(c Capabilities) error {
	switch {
	case b.Policy == "":
		return nil
	case !c.Generator:
		return fmt.Errorf("balance.policy: %s: %s has no generator to balance", b.Policy, c.who())
	case b.Policy == "began" && !(c.RealFake && c.FakeWeight):
		return fmt.Errorf("balance.policy: began: %s neither weights its loss on generated rows "+
			"(BEGAN's k_t) nor reports its real and fake losses apart; use thresholds, or the article's GAN (kind: gan)", c.who())
	case b.Policy == "thresholds" && b.Thresholds.DAccAbove > 0 && !c.RealFake:
		return fmt.Errorf("balance.thresholds.d_acc_above: %s reports no accuracy on generated rows; "+
			"use d_loss_below or g_loss_above", c.who())
	}
	return nil
}

// thresholds freezes D or boosts G from the last measurements. It never acts while G is frozen
// (D's pretraining), so it cannot freeze both networks.
func (b Balance) thresholds(s *State) {
	t := b.Thresholds
	if s.Plan.GSteps == 0 {
		return
	}
	acc, okAcc := s.Vars[VarDAcc]
	loss, okLoss := s.Vars[VarDLoss]
	if s.Plan.DSteps > 0 && ((t.DAccAbove > 0 && okAcc && acc > t.DAccAbove) || (t.DLossBelow > 0 && okLoss && loss < t.DLossBelow)) {
		s.Plan.DSteps = 0
		s.Counters[CounterSkipD]++
	}
	if g, ok := s.Vars[VarGLoss]; ok && t.GLossAbove > 0 && g > t.GLossAbove {
		extra := max(t.GExtraSteps, 1)
		s.Plan.GSteps += extra
		s.Counters[CounterExtraG] += extra
	}
}

// After records the measurements the policy needs (thresholds) or updates k_t (began).
func (b Balance) After(s *State) error {
	switch b.Policy {
	case "thresholds":
		r := s.Last
		s.Vars[VarDLoss] = r.DLoss
		if r.RealFake {
			s.Vars[VarDAcc] = r.DAcc
		}
		if r.GStepped {
			s.Vars[VarGLoss] = r.GLoss
		}
	case "began":
		if !s.Last.RealFake {
			return fmt.Errorf("core: balance: began needs D's losses on real and generated rows, which the method does not report")
		}
		lr, lf := s.Last.DLossReal, s.Last.DLossFake
		s.Metrics["k_t"] = s.Plan.FakeWeight // the k_t this iteration used
		c := b.Began.defaults()
		k := s.Vars[VarK] + c.Lambda*(lf-c.Gamma*lr)
		if k < 0 || k > 1 {
			k = math.Min(math.Max(k, 0), 1)
			s.Counters[CounterKClipped]++
		}
		s.Vars[VarK] = k
		s.Counters[CounterKUpdates]++
		s.Metrics["began_m"] = lr + math.Abs(lf-c.Gamma*lr) // BEGAN's convergence measure
	}
	return nil
}
