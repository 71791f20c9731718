package ssgan

import (
	"fmt"
	"math"

	"github.com/ssgan/ssgan/core/nn"
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
			probs = append(probs, softmax(logits))
		}
	}
	return classes, probs, nil
}

// softmax returns the softmax of logits in float64, shifted by their maximum for range.
func softmax(logits []float32) []float64 {
	hi := math.Inf(-1)
	for _, v := range logits {
		hi = math.Max(hi, float64(v))
	}
	p := make([]float64, len(logits))
	sum := 0.0
	for i, v := range logits {
		p[i] = math.Exp(float64(v) - hi)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}
