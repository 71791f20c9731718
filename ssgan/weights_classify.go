package ssgan

import (
	"fmt"

	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/metrics"
)

// Classify classifies rows of x (InputDim columns each) as Predict does with the moving average
// of D, and returns per row the class and the probabilities of the K classes: the softmax of the
// K class logits (p(y | x) given that x is real; the argmax of the logits is the class).
func (m *Model) Classify(x []float32) ([]int, [][]float64, error) {
	c := m.Cfg
	if len(x)%c.InputDim != 0 {
		return nil, nil, fmt.Errorf("ssgan: classify: %d values is not a whole number of %d-pixel rows", len(x), c.InputDim)
	}
	if err := m.compileEval(true); err != nil {
		return nil, nil, err
	}
	n := len(x) / c.InputDim
	classes, probs := make([]int, 0, n), make([][]float64, 0, n)
	k := m.evalOut.Shape()[1]
	for lo := 0; lo < n; lo += evalRows {
		hi := min(lo+evalRows, n)
		clear(m.evalX)
		copy(m.evalX, x[lo*c.InputDim:hi*c.InputDim])
		if err := m.eval.Run(); err != nil {
			return nil, nil, err
		}
		out := nn.Floats(m.evalOut)
		for r := 0; r < hi-lo; r++ {
			logits := out[r*k : r*k+c.Classes]
			classes = append(classes, argmax(logits))
			probs = append(probs, metrics.Softmax(logits))
		}
	}
	return classes, probs, nil
}
