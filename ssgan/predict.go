package ssgan

import (
	"fmt"

	"github.com/ssgan/ssgan/core/nn"
)

// evalRows is the number of rows per evaluation pass.
const evalRows = 500

// Predict classifies rows of x (InputDim columns each) with the moving average of D's
// parameters (D's own parameters if ema is false), noise off.
func (m *Model) Predict(x []float32, ema bool) ([]int, error) {
	c := m.Cfg
	if len(x)%c.InputDim != 0 {
		return nil, fmt.Errorf("ssgan: predict: %d values is not a whole number of %d-pixel rows", len(x), c.InputDim)
	}
	if err := m.compileEval(ema); err != nil {
		return nil, err
	}
	n := len(x) / c.InputDim
	pred := make([]int, 0, n)
	k := m.evalOut.Shape()[1]
	for lo := 0; lo < n; lo += evalRows {
		hi := min(lo+evalRows, n)
		clear(m.evalX)
		copy(m.evalX, x[lo*c.InputDim:hi*c.InputDim])
		if err := m.eval.Run(); err != nil {
			return nil, err
		}
		out := nn.Floats(m.evalOut)
		for r := 0; r < hi-lo; r++ {
			pred = append(pred, argmax(out[r*k:r*k+c.Classes]))
		}
	}
	return pred, nil
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
