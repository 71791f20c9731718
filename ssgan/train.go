package ssgan

import (
	"fmt"
	"math"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
)

// Init performs the data-dependent initialisation of D's weight-normalised layers on the first
// InitRows rows of x, then starts the moving average at the initialised D (at zero with
// EMAFromZero). G is not data-initialised: as in the reference code its output layer starts with
// unit-norm weight columns, scale 1 and bias 0 (normalising its output to unit variance per pixel
// gives it a gain so large that it collapses within a few dozen iterations).
func (m *Model) Init(x []float32) error {
	c := m.Cfg
	rows := c.InitRows
	if len(x) < rows*c.InputDim {
		return fmt.Errorf("ssgan: init: need %d rows, have %d", rows, len(x)/c.InputDim)
	}
	if err := nn.DataInit(m.D.Sequential, nn.Train, m.NoiseSrc, x[:rows*c.InputDim], rows, c.InputDim); err != nil {
		return err
	}
	m.EMA = nn.CloneParams(m.D.Params())
	if c.EMAFromZero {
		for _, p := range m.EMA {
			p.Fill(0)
		}
	}
	return nil
}

// Step runs one training iteration as p says (see Model). Each step's optimiser holds only its
// own network's parameters and each step computes gradients only for them, so the other network
// is frozen while one trains. With DSteps 0 the GAN method still measures D (without updating
// it) on a fresh batch, so balance hooks see its loss. Logs: loss_lab (D's supervised
// cross-entropy), train_err (its error rate on the labeled batch, noise on), and for the GAN
// methods loss_unl (D's unsupervised loss) and, when G stepped, loss_gen (G's loss), with the
// method's own terms unweighted: loss_ct (ctgan), loss_ent and, when G stepped, loss_pt (badgan).
// DLoss is D's whole loss, the weighted terms included.
func (m *Model) Step(p core.Plan, src core.Source) (core.StepResult, error) {
	if err := p.Validate(); err != nil {
		return core.StepResult{}, err
	}
	if m.dStep == nil {
		return core.StepResult{}, fmt.Errorf("ssgan: the model was built by NewUncompiled, without its training steps")
	}
	dSteps := p.DSteps
	if dSteps == 0 && m.G != nil {
		dSteps = 1
	}
	for i := 0; i < dSteps; i++ {
		if err := m.stepD(src, p.DSteps > 0); err != nil {
			return core.StepResult{}, err
		}
	}
	res := m.lastD()
	for i := 0; m.G != nil && i < p.GSteps; i++ {
		l, err := m.stepG(src)
		if err != nil {
			return res, err
		}
		res.GStepped, res.GLoss = true, l
		res.Logs["loss_gen"] = l
		m.addGTermLogs(&res)
	}
	return res, nil
}

// lastD returns the numbers of the last D step: its losses and labeled-batch error. A
// supervised model that made no D step reports nothing.
func (m *Model) lastD() core.StepResult {
	lab := nn.Scalar(m.dLab)
	r := core.StepResult{DLoss: lab, Logs: map[string]float64{"loss_lab": lab, "train_err": m.labelError(m.yLab)}}
	if m.dUnl != nil {
		unl := nn.Scalar(m.dUnl)
		r.Logs["loss_unl"] = unl
		r.DLoss = lab + m.Cfg.UnlabeledWeight*unl
	}
	m.addTermLogs(&r)
	return r
}

// stepD draws D's batch (labeled rows, and for the GAN method unlabeled and freshly generated
// ones), runs D's forward and backward pass and, if update, updates D and its moving average.
func (m *Model) stepD(src core.Source, update bool) error {
	c, n := m.Cfg, m.Cfg.Batch*m.Cfg.InputDim
	if err := src.Labeled(m.dX[:n], m.yLab); err != nil {
		return err
	}
	clear(m.dY)
	for i, y := range m.yLab {
		if int(y) >= c.Classes {
			return fmt.Errorf("ssgan: label %d out of range 0..%d", y, c.Classes-1)
		}
		m.dY[i*c.Classes+int(y)] = 1
	}
	if m.G != nil {
		if err := src.Unlabeled(0, m.dX[n:2*n]); err != nil {
			return err
		}
		if err := m.gSample.Run(); err != nil {
			return err
		}
		copy(m.dX[2*n:], nn.Floats(m.gOut))
	}
	if err := m.dStep.Run(); err != nil {
		return err
	}
	if l := m.dStep.LossValue(); math.IsNaN(l) || math.IsInf(l, 0) {
		return &nn.DivergedError{What: "D loss", Value: l}
	}
	if !update {
		return nil
	}
	if err := m.DOpt.Step(m.dStep.Grads()); err != nil {
		return err
	}
	m.UpdateAverage()
	return nil
}

// stepG runs G's step (feature matching draws its real rows from stream 1) and returns its loss.
func (m *Model) stepG(src core.Source) (float64, error) {
	if m.gReal != nil {
		if err := src.Unlabeled(1, m.gReal); err != nil {
			return 0, err
		}
	}
	if err := m.gStep.Run(); err != nil {
		return 0, err
	}
	l := m.gStep.LossValue()
	if math.IsNaN(l) || math.IsInf(l, 0) {
		return l, &nn.DivergedError{What: "G loss", Value: l}
	}
	return l, m.GOpt.Step(m.gStep.Grads())
}

// UpdateAverage moves the moving average towards D's current parameters (after each D update).
func (m *Model) UpdateAverage() {
	if m.EMA == nil {
		return
	}
	a := float32(1 - m.Cfg.EMADecay)
	for i, p := range m.D.Params() {
		nn.MoveAverage(m.EMA[i].Data(), p.Data(), a)
	}
}

// labelError is the error rate of the last D step on its labeled rows.
func (m *Model) labelError(y []uint8) float64 {
	return LabelError(nn.Floats(m.labLogits), m.labLogits.Shape()[1], m.Cfg.Classes, y)
}

// LabelError is the error rate of logits (rows of k values, the first classes of them the class
// logits) against labels y: the fraction of rows whose largest class logit (the first on a tie)
// is not the label's.
func LabelError(logits []float32, k, classes int, y []uint8) float64 {
	wrong := 0
	for i, yi := range y {
		if argmax(logits[i*k:i*k+classes]) != int(yi) {
			wrong++
		}
	}
	return float64(wrong) / float64(len(y))
}

func argmax(v []float32) int {
	best := 0
	for i := range v {
		if v[i] > v[best] {
			best = i
		}
	}
	return best
}
