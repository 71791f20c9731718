package ssgan

import (
	"fmt"

	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/metrics"
)

// evalRows is the number of rows per evaluation pass.
const evalRows = 500

// Predict classifies rows of x (InputDim columns each) with the moving average of D's
// parameters (D's own parameters if ema is false), noise off.
func (m *Model) Predict(x []float32, ema bool) ([]int, error) {
	pred := make([]int, 0, len(x)/max(m.Cfg.InputDim, 1))
	k := m.Cfg.Classes
	err := m.logits(x, ema, func(l []float32) { pred = append(pred, argmax(l[:k])) })
	return pred, err
}

// Probabilities returns the class probabilities of each row of x (Classes values per row): the
// softmax of the K class logits (in the explicit form, renormalised without the "generated"
// logit), with the moving average when ema is true.
func (m *Model) Probabilities(x []float32, ema bool) ([]float32, error) {
	k := m.Cfg.Classes
	out := make([]float32, 0, len(x)/max(m.Cfg.InputDim, 1)*k)
	err := m.logits(x, ema, func(l []float32) {
		for _, p := range metrics.Softmax(l[:k]) {
			out = append(out, float32(p))
		}
	})
	return out, err
}

// logits runs D in inference mode over the rows of x and hands each row's logits to row.
func (m *Model) logits(x []float32, ema bool, row func([]float32)) error {
	c := m.Cfg
	if len(x)%c.InputDim != 0 {
		return fmt.Errorf("ssgan: predict: %d values is not a whole number of %d-pixel rows", len(x), c.InputDim)
	}
	if err := m.compileEval(ema); err != nil {
		return err
	}
	n := len(x) / c.InputDim
	k := m.evalOut.Shape()[1]
	for lo := 0; lo < n; lo += evalRows {
		hi := min(lo+evalRows, n)
		clear(m.evalX)
		copy(m.evalX, x[lo*c.InputDim:hi*c.InputDim])
		if err := m.eval.Run(); err != nil {
			return err
		}
		out := nn.Floats(m.evalOut)
		for r := 0; r < hi-lo; r++ {
			row(out[r*k : (r+1)*k])
		}
	}
	return nil
}

// compileEval builds (once per choice of weights) the evaluation graph.
func (m *Model) compileEval(ema bool) error {
	version := 1
	if ema {
		version = 2
	}
	if m.eval != nil && m.lastEvalVersion == version {
		return nil
	}
	if m.eval != nil {
		m.eval.Close()
	}
	g := nn.NewGraph(nn.Eval, nil)
	if ema && m.EMA != nil {
		g.Substitute(m.D.Params(), m.EMA)
	}
	x, buf := g.Input("x", evalRows, m.Cfg.InputDim)
	out, _, err := m.D.Forward(g, x)
	if err != nil {
		return err
	}
	if m.eval, err = g.Compile(nil, nil, out); err != nil {
		return err
	}
	m.evalX, m.evalOut, m.lastEvalVersion = buf, out, version
	return nil
}

// Close releases the compiled steps.
func (m *Model) Close() {
	for _, s := range []*nn.Step{m.dStep, m.gSample, m.gStep, m.eval} {
		if s != nil {
			s.Close()
		}
	}
}
