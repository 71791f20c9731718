package ssgan

import (
	"fmt"
	"math"

	"github.com/ssgan/ssgan/core/nn"
)

// Init performs the data-dependent initialisation of D's weight-normalised layers on the first
// InitRows rows of x, then starts the moving average at the initialised D (at zero with
// EMAFromZero). G is not
// data-initialised: as in the reference code its output layer starts with unit-norm weight
// columns, scale 1 and bias 0 (normalising its output to unit variance per pixel gives it a gain
// so large that it collapses within a few dozen iterations).
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

// Iterate runs one training iteration: D's step on the batch (labeled, unlabeled and freshly
// generated rows), then, for the GAN, G's step. Each step's optimiser holds only its own
// network's parameters and each step computes gradients only for them, so the other network is
// frozen while one trains.
func (m *Model) Iterate(b Batch) (Stats, error) {
	if err := m.StepD(b); err != nil {
		return Stats{}, err
	}
	s := m.LastD(b.YLab)
	if m.G == nil {
		return s, nil
	}
	loss, err := m.StepG(b)
	if err != nil {
		return s, err
	}
	s.LossGen = loss
	return s, nil
}

// LastD returns the losses and labeled-batch error of the last D step (y: its labels).
func (m *Model) LastD(y []uint8) Stats {
	s := Stats{LossLab: nn.Scalar(m.dLab), TrainErr: m.labelError(y)}
	if m.dUnl != nil {
		s.LossUnl = nn.Scalar(m.dUnl)
	}
	return s
}

// StepD runs D's forward and backward pass and updates D and its moving average.
func (m *Model) StepD(b Batch) error {
	c, n := m.Cfg, m.Cfg.Batch*m.Cfg.InputDim
	if len(b.XLab) != n || len(b.YLab) != c.Batch {
		return fmt.Errorf("ssgan: labeled batch has %d values and %d labels, want %d and %d", len(b.XLab), len(b.YLab), n, c.Batch)
	}
	copy(m.dX, b.XLab)
	clear(m.dY)
	for i, y := range b.YLab {
		if int(y) >= c.Classes {
			return fmt.Errorf("ssgan: label %d out of range 0..%d", y, c.Classes-1)
		}
		m.dY[i*c.Classes+int(y)] = 1
	}
	if m.G != nil {
		if len(b.XUnl) != n {
			return fmt.Errorf("ssgan: unlabeled batch has %d values, want %d", len(b.XUnl), n)
		}
		copy(m.dX[n:2*n], b.XUnl)
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
	if err := m.DOpt.Step(m.dStep.Grads()); err != nil {
		return err
	}
	m.updateEMA()
	return nil
}

// StepG runs G's step and returns its loss.
func (m *Model) StepG(b Batch) (float64, error) {
	if m.gReal != nil {
		if len(b.XUnl2) != len(m.gReal) {
			return 0, fmt.Errorf("ssgan: second unlabeled batch has %d values, want %d", len(b.XUnl2), len(m.gReal))
		}
		copy(m.gReal, b.XUnl2)
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

// updateEMA moves the average towards D's current parameters.
func (m *Model) updateEMA() {
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
	logits := nn.Floats(m.labLogits)
	k := m.labLogits.Shape()[1]
	wrong := 0
	for i, yi := range y {
		if argmax(logits[i*k:i*k+m.Cfg.Classes]) != int(yi) {
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
