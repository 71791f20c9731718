package core

import (
	"fmt"
	"math"

	"github.com/ssgan/ssgan/core/nn"
)

// compile builds the three steps: G's forward pass that makes D's generated rows, D's step over
// [real; generated] rows, and G's step through D.
func (m *GAN) compile() error {
	if err := m.compileSample(); err != nil {
		return fmt.Errorf("core: gan: G sample: %w", err)
	}
	if err := m.compileD(); err != nil {
		return fmt.Errorf("core: gan: D step: %w", err)
	}
	if err := m.compileG(); err != nil {
		return fmt.Errorf("core: gan: G step: %w", err)
	}
	return nil
}

// compileSample builds G's forward-only pass over Batch/2 noise rows.
func (m *GAN) compileSample() error {
	mode := nn.Eval
	if m.Cfg.TrainModeSamples {
		mode = nn.Train
	}
	g := nn.NewGraph(mode, nil)
	z := g.Feed("z", m.normalFill, m.Cfg.Batch/2, m.Cfg.NoiseDim)
	out, _, err := m.G.Forward(g, z)
	if err != nil {
		return err
	}
	m.sampleOut = out
	m.sample, err = g.Compile(nil, nil, out)
	return err
}

// compileD builds D's step: one pass over Batch/2 real rows (target 1) then Batch/2 generated
// rows (target 0), with a per-row weight that carries Plan.FakeWeight.
func (m *GAN) compileD() error {
	h, dim := m.Cfg.Batch/2, m.Cfg.ImageDim
	g := nn.NewGraph(nn.Train, nil)
	x, xbuf := g.Input("x", 2*h, dim)
	t, tbuf := g.Input("target", 2*h, 1)
	for i := 0; i < h; i++ {
		tbuf[i] = 1
	}
	w, wbuf := g.Input("row_weight", 2*h, 1)
	m.dX, m.dW = xbuf, wbuf
	logits, _, err := m.D.Forward(g, x)
	if err != nil {
		return err
	}
	m.dLogits = logits
	loss, err := nn.WeightedBCEWithLogits(logits, t, w)
	if err != nil {
		return err
	}
	m.dStep, err = g.Compile(loss, m.D.Params(), logits)
	return err
}

// compileG builds G's step on Batch noise rows with target 1 through D. Only G's parameters get
// gradients, so D is frozen.
func (m *GAN) compileG() error {
	c := m.Cfg
	g := nn.NewGraph(nn.Train, nil)
	z := g.Feed("z", m.normalFill, c.Batch, c.NoiseDim)
	gen, _, err := m.G.Forward(g, z)
	if err != nil {
		return err
	}
	logits, _, err := m.D.Forward(g, gen)
	if err != nil {
		return err
	}
	ones, buf := g.Input("target", c.Batch, 1)
	for i := range buf {
		buf[i] = 1
	}
	loss, err := nn.BCEWithLogits(logits, ones)
	if err != nil {
		return err
	}
	m.gStep, err = g.Compile(loss, m.G.Params())
	return err
}

// Step runs one iteration as p says: DSteps updates of D, each on a fresh real batch and
// freshly generated rows, with the generated rows' loss weighted by FakeWeight; then GSteps
// updates of G. With DSteps = 0, D is still measured (without update) on a fresh batch so that
// balance hooks see its current accuracy. Logs: d_loss (½(L_real + L_fake), unweighted, as the
// article prints), d_acc (fraction of D's rows classified right at threshold ½), d_loss_real,
// d_loss_fake and fake_real_loss (the generated rows' loss against target 1: G's loss on D's
// batch); the trainer adds g_loss when G stepped.
func (m *GAN) Step(p Plan, src Source) (StepResult, error) {
	if err := p.Validate(); err != nil {
		return StepResult{}, err
	}
	h := m.Cfg.Batch / 2
	for i := range m.dW {
		m.dW[i] = float32(1 / float64(2*h))
		if i >= h {
			m.dW[i] = float32(p.FakeWeight / float64(2*h))
		}
	}
	for i := 0; i < max(p.DSteps, 1); i++ {
		if err := m.stepD(src, p.DSteps > 0); err != nil {
			return StepResult{}, err
		}
	}
	res := m.dResult()
	for i := 0; i < p.GSteps; i++ {
		if err := m.gStep.Run(); err != nil {
			return res, err
		}
		l := m.gStep.LossValue()
		res.GStepped, res.GLoss = true, l
		if math.IsNaN(l) || math.IsInf(l, 0) {
			return res, &nn.DivergedError{What: "g_loss", Value: l}
		}
		if err := m.GOpt.Step(m.gStep.Grads()); err != nil {
			return res, err
		}
	}
	return res, nil
}

// stepD fills D's input with the next real batch and freshly generated rows, runs D's step and,
// if update, applies D's optimiser.
func (m *GAN) stepD(src Source, update bool) error {
	n := m.Cfg.Batch / 2 * m.Cfg.ImageDim
	if err := src.Unlabeled(0, m.dX[:n]); err != nil {
		return err
	}
	if err := m.sample.Run(); err != nil {
		return err
	}
	copy(m.dX[n:], nn.Floats(m.sampleOut))
	if err := m.dStep.Run(); err != nil {
		return err
	}
	if l := m.dStep.LossValue(); math.IsNaN(l) || math.IsInf(l, 0) {
		return &nn.DivergedError{What: "D loss", Value: l}
	}
	if !update {
		return nil
	}
	return m.DOpt.Step(m.dStep.Grads())
}

// dResult computes D's numbers from the logits of its last step (before its update).
func (m *GAN) dResult() StepResult {
	logits := nn.Floats(m.dLogits)
	h := len(logits) / 2
	var real, fake, fakeAsReal float64
	right := 0
	for i, l := range logits {
		x := float64(l)
		if i < h {
			real += softplus(-x)
			if x > 0 {
				right++
			}
		} else {
			fake += softplus(x)
			fakeAsReal += softplus(-x)
			if x <= 0 {
				right++
			}
		}
	}
	real, fake, fakeAsReal = real/float64(h), fake/float64(h), fakeAsReal/float64(h)
	acc := float64(right) / float64(len(logits))
	return StepResult{DLoss: (real + fake) / 2, RealFake: true, DAcc: acc, DLossReal: real, DLossFake: fake,
		Logs: map[string]float64{"d_acc": acc, "d_loss_real": real, "d_loss_fake": fake, "fake_real_loss": fakeAsReal}}
}

// softplus is log(1 + eˣ), computed stably.
func softplus(x float64) float64 {
	if x > 0 {
		return x + math.Log1p(math.Exp(-x))
	}
	return math.Log1p(math.Exp(x))
}
