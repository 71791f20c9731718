package experiments

import (
	"encoding/json"
	"fmt"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/ssgan"
)

// classifier adapts an ssgan.Model and its feeder to core.Model: one iteration is D's step on a
// fresh batch, then G's, as the plan says (the tricks' hooks may freeze either network).
type classifier struct {
	m *ssgan.Model
	f *feeder
	// sums accumulate the iteration metrics over the current epoch.
	sums  map[string]float64
	count int
}

// Iterate runs the planned D and G steps on the next batch.
func (c *classifier) Iterate(s *core.State) error {
	b, err := c.f.next()
	if err != nil {
		return err
	}
	met := map[string]float64{}
	for i := 0; i < s.Plan.DSteps; i++ {
		if err := c.m.StepD(b); err != nil {
			return err
		}
		st := c.m.LastD(b.YLab)
		met["loss_lab"], met["train_err"] = st.LossLab, st.TrainErr
		if c.m.G != nil {
			met["loss_unl"] = st.LossUnl
		}
	}
	for i := 0; c.m.G != nil && i < s.Plan.GSteps; i++ {
		if met["loss_gen"], err = c.m.StepG(b); err != nil {
			return err
		}
	}
	if c.m.G != nil {
		// The names the balance hooks read (core.Balance): D's whole loss and G's loss.
		met["d_loss"] = met["loss_lab"] + c.m.Cfg.UnlabeledWeight*met["loss_unl"]
		if _, ok := met["loss_gen"]; ok {
			met["g_loss"] = met["loss_gen"]
		}
	}
	s.Metrics = met
	for k, v := range met {
		c.sums[k] += v
	}
	c.count++
	return nil
}

// epochMeans returns the metrics averaged over the iterations since the last call.
func (c *classifier) epochMeans() map[string]float64 {
	out := map[string]float64{}
	for k, v := range c.sums {
		out[k] = v / float64(max(c.count, 1))
	}
	c.sums, c.count = map[string]float64{}, 0
	return out
}

// save stores the model's whole training state in ck.
func (c *classifier) save(ck *core.Checkpoint) error {
	m := c.m
	ck.PutParams("D.", m.D.Params())
	ck.PutParams("D.", m.D.Buffers())
	ck.PutParams("ema.", m.EMA)
	ck.PutAdam("D", m.DOpt)
	if m.G != nil {
		ck.PutParams("G.", m.G.Params())
		ck.PutParams("G.", m.G.Buffers())
		ck.PutAdam("G", m.GOpt)
	}
	b, err := m.NoiseSrc.MarshalBinary()
	if err != nil {
		return err
	}
	ck.RNG["noise"] = b
	// The epoch's running sums travel too, so the train means of an epoch interrupted midway
	// are those of an uninterrupted run.
	if ck.Extra[epochSumsKey], err = json.Marshal(epochSums{Sums: c.sums, Count: c.count}); err != nil {
		return err
	}
	return c.f.save(ck.RNG)
}

// epochSumsKey names the running epoch sums in a checkpoint's Extra.
const epochSumsKey = "epoch_sums"

// epochSums is the saved form of a classifier's running epoch sums.
type epochSums struct {
	Sums  map[string]float64 `json:"sums"`
	Count int                `json:"count"`
}

// load restores what save stored.
func (c *classifier) load(ck *core.Checkpoint) error {
	m := c.m
	for _, step := range []func() error{
		func() error { return ck.GetParams("D.", m.D.Params()) },
		func() error { return ck.GetParams("D.", m.D.Buffers()) },
		func() error { return ck.GetParams("ema.", m.EMA) },
		func() error { return ck.GetAdam("D", m.DOpt) },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	if m.G != nil {
		if err := ck.GetParams("G.", m.G.Params()); err != nil {
			return err
		}
		if err := ck.GetParams("G.", m.G.Buffers()); err != nil {
			return err
		}
		if err := ck.GetAdam("G", m.GOpt); err != nil {
			return err
		}
	}
	noise, ok := ck.RNG["noise"]
	if !ok {
		return fmt.Errorf("checkpoint has no noise generator state")
	}
	if err := m.NoiseSrc.UnmarshalBinary(noise); err != nil {
		return err
	}
	if b, ok := ck.Extra[epochSumsKey]; ok {
		var e epochSums
		if err := json.Unmarshal(b, &e); err != nil {
			return fmt.Errorf("epoch sums: %w", err)
		}
		if e.Sums == nil {
			e.Sums = map[string]float64{}
		}
		c.sums, c.count = e.Sums, e.Count
	}
	return c.f.restore(ck.RNG)
}
