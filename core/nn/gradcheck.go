package nn

import (
	"fmt"
	"math"
)

// GradTolerance bounds |analytic − numeric| ≤ Abs + Rel·|numeric| in CheckGradients.
type GradTolerance struct{ Abs, Rel float64 }

// CheckGradients compares the gradient a compiled step computes for every element of its trained
// parameters with central finite differences of its loss, for tests of layers, losses and fused
// ops. The graphs are float32, so the differences use steps of 1e-2, 3e-3 and 1e-3 in turn and an
// element passes when any of them agrees: a large step can straddle a ReLU kink, a small one
// loses precision. The step must be deterministic (no noise source) and is run many times; the
// first mismatch is returned as an error.
func CheckGradients(step *Step, tol GradTolerance) error {
	if err := step.Run(); err != nil {
		return err
	}
	analytic := make([][]float32, len(step.Wrt))
	for i := range step.Wrt {
		analytic[i] = append([]float32(nil), step.Grad(i)...)
	}
	for i, p := range step.Wrt {
		d := p.Data()
		for j := range d {
			var num float64
			ok := false
			for _, h := range []float32{1e-2, 3e-3, 1e-3} {
				orig := d[j]
				d[j] = orig + h
				if err := step.Run(); err != nil {
					return err
				}
				up := step.LossValue()
				d[j] = orig - h
				if err := step.Run(); err != nil {
					return err
				}
				down := step.LossValue()
				d[j] = orig
				num = (up - down) / float64(2*h)
				if math.Abs(float64(analytic[i][j])-num) <= tol.Abs+tol.Rel*math.Abs(num) {
					ok = true
					break
				}
			}
			if !ok {
				return fmt.Errorf("nn: gradient of %s[%d]: analytic %g, numeric %g", p.Name, j, analytic[i][j], num)
			}
		}
	}
	return nil
}
