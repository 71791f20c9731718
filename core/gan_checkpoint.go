package core

import (
	"fmt"

	"github.com/ssgan/ssgan/core/nn"
)

// Names under which the GAN stores its state in a checkpoint.
const (
	ganPrefix   = "gan/"
	ganGOpt     = "gan/G"
	ganDOpt     = "gan/D"
	ganNoiseRNG = "gan/noise"
)

// Save stores everything the GAN needs to resume exactly: G's and D's parameters, G's batch-norm
// running statistics, both optimisers and the noise generator. The trainer state (iteration,
// counters, hook variables) is stored by NewCheckpoint, the data order by its Source's owner.
func (m *GAN) Save(ck *Checkpoint) error {
	if ck.Tensors == nil || ck.Adam == nil || ck.RNG == nil {
		return fmt.Errorf("core: gan: save into a checkpoint not made by NewCheckpoint")
	}
	ck.PutParams(ganPrefix, m.G.Params())
	ck.PutParams(ganPrefix, m.G.Buffers())
	ck.PutParams(ganPrefix, m.D.Params())
	ck.PutAdam(ganGOpt, m.GOpt)
	ck.PutAdam(ganDOpt, m.DOpt)
	noise, err := m.NoiseSrc.MarshalBinary()
	if err != nil {
		return fmt.Errorf("core: gan: noise state: %w", err)
	}
	ck.RNG[ganNoiseRNG] = noise
	return nil
}

// Load restores a state stored by Save into a GAN built with the same configuration. Restore the trainer state with ck.Restore. On
// error the GAN may be partly restored and should be discarded.
func (m *GAN) Load(ck *Checkpoint) error {
	for _, ps := range [][]*nn.Param{m.G.Params(), m.G.Buffers(), m.D.Params()} {
		if err := ck.GetParams(ganPrefix, ps); err != nil {
			return err
		}
	}
	if err := ck.GetAdam(ganGOpt, m.GOpt); err != nil {
		return err
	}
	if err := ck.GetAdam(ganDOpt, m.DOpt); err != nil {
		return err
	}
	noise, ok := ck.RNG[ganNoiseRNG]
	if !ok {
		return fmt.Errorf("core: gan: checkpoint has no noise state %s", ganNoiseRNG)
	}
	if err := m.NoiseSrc.UnmarshalBinary(noise); err != nil {
		return fmt.Errorf("core: gan: noise state: %w", err)
	}
	return nil
}
