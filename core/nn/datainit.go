package nn

import (
	"fmt"
	"math"
)

// DataInit performs the data-dependent initialisation of weight normalisation (Salimans & Kingma
// 2016): layer by layer, for each WNDense it sets the scale to 1/σ and the bias to −μ/σ, where μ
// and σ are the per-unit mean and standard deviation of x·V/‖V‖ on the batch x (rows × cols), so
// that every unit starts with zero mean and unit variance on real data. As in the reference code,
// the statistics are taken in the mode the network trains in (noise layers on, drawn from noise,
// when mode is Train and noise is not nil), so the added noise is part of the normalised variance.
func DataInit(seq *Sequential, mode Mode, noise *Stream, x []float32, rows, cols int) error {
	for i, l := range seq.Layers {
		wn, ok := l.(*WNDense)
		if !ok {
			continue
		}
		wn.Scale.Fill(1)
		wn.B.Fill(0)
		g := NewGraph(mode, noise)
		in, buf := g.Input("x", rows, cols)
		copy(buf, x)
		out, _, err := (&Sequential{Layers: seq.Layers[:i+1]}).Forward(g, in)
		if err != nil {
			return fmt.Errorf("nn: data init of %s: %w", wn.V.Name, err)
		}
		step, err := g.Compile(nil, nil, out)
		if err != nil {
			return err
		}
		if err := step.Run(); err != nil {
			return err
		}
		scaleAndShift(Floats(out), rows, wn.Scale.Data(), wn.B.Data())
		step.Close()
	}
	return nil
}

// scaleAndShift sets scale = 1/σ and bias = −μ/σ from the columns of y (rows × len(scale)).
func scaleAndShift(y []float32, rows int, scale, bias []float32) {
	n := len(scale)
	for j := 0; j < n; j++ {
		var s, ss float64
		for r := 0; r < rows; r++ {
			v := float64(y[r*n+j])
			s += v
			ss += v * v
		}
		mu := s / float64(rows)
		sd := math.Sqrt(math.Max(ss/float64(rows)-mu*mu, 0) + 1e-6)
		scale[j] = float32(1 / sd)
		bias[j] = float32(-mu / sd)
	}
}
