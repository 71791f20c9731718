package core

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
	// VarDAcc, VarDLoss and VarGLoss are the last measured D accuracy, D loss and G loss, which
	// the thresholds policy compares with its bounds.
	VarDAcc  = "balance.d_acc"
	VarDLoss = "balance.d_loss"
	VarGLoss = "balance.g_loss"
)

// Tricks gathers the article's three training tips, each a hook in a file named after it
// (pretrain.go, schedule.go, balance.go). Each is off in its zero value.
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

// Check refuses the first trick a method with capabilities c cannot honour, naming its field
// (relative to tricks:).
func (t Tricks) Check(c Capabilities) error {
	for _, check := range []func(Capabilities) error{t.Pretrain.Check, t.Schedule.Check, t.Balance.Check} {
		if err := check(c); err != nil {
			return err
		}
	}
	return nil
}

// Hooks returns the configured tricks as trainer hooks, in the order they must run: Schedule,
// then Pretrain, then Balance (which adds G steps on top of the schedule). Validate first: the
// hooks assume valid settings.
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
