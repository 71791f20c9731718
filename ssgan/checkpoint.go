package ssgan

import (
	"fmt"

	"github.com/ssgan/ssgan/core"
)

// Names under which the model stores its state in a checkpoint (those of every classifier
// checkpoint written so far, so earlier runs resume).
const (
	ckD, ckEMA, ckG = "D.", "ema.", "G."
	ckDOpt, ckGOpt  = "D", "G"
	ckNoise         = "noise"
)

// Save stores the model's whole training state: D's parameters and buffers, its moving average,
// the optimisers, G's parameters and batch-norm statistics, and the noise stream.
func (m *Model) Save(ck *core.Checkpoint) error {
	ck.PutParams(ckD, m.D.Params())
	ck.PutParams(ckD, m.D.Buffers())
	ck.PutParams(ckEMA, m.EMA)
	ck.PutAdam(ckDOpt, m.DOpt)
	if m.G != nil {
		ck.PutParams(ckG, m.G.Params())
		ck.PutParams(ckG, m.G.Buffers())
		ck.PutAdam(ckGOpt, m.GOpt)
	}
	b, err := m.NoiseSrc.MarshalBinary()
	if err != nil {
		return fmt.Errorf("ssgan: noise state: %w", err)
	}
	ck.RNG[ckNoise] = b
	return nil
}

// Load restores what Save stored into a model built with the same configuration and initialised
// (Init makes the moving average it restores into).
func (m *Model) Load(ck *core.Checkpoint) error {
	if m.EMA == nil {
		return fmt.Errorf("ssgan: load: the model is not initialised (call Init first)")
	}
	steps := []func() error{
		func() error { return ck.GetParams(ckD, m.D.Params()) },
		func() error { return ck.GetParams(ckD, m.D.Buffers()) },
		func() error { return ck.GetParams(ckEMA, m.EMA) },
		func() error { return ck.GetAdam(ckDOpt, m.DOpt) },
	}
	if m.G != nil {
		steps = append(steps,
			func() error { return ck.GetParams(ckG, m.G.Params()) },
			func() error { return ck.GetParams(ckG, m.G.Buffers()) },
			func() error { return ck.GetAdam(ckGOpt, m.GOpt) })
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	noise, ok := ck.RNG[ckNoise]
	if !ok {
		return fmt.Errorf("ssgan: checkpoint has no noise generator state")
	}
	return m.NoiseSrc.UnmarshalBinary(noise)
}
