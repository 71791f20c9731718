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
// loses precision. Where none agrees because a kink lies within the smallest step (the one-sided
// differences there disagree), the analytic gradient must equal one of the two one-sided
// derivatives, as backpropagation's is at a kink; at most 2 % of the elements may be such kinks.
// The step must be deterministic (no noise source, or one rewound after every run) and is run
// many times; the first mismatch is returned as an error.
func CheckGradients(step *Step, tol GradTolerance) error {
	if err := step.Run(); err != nil {
		return err
	}
	f0 := step.LossValue()
	analytic := make([][]float32, len(step.Wrt))
	for i := range step.Wrt {
		analytic[i] = append([]float32(nil), step.Grad(i)...)
	}
	agrees := func(a, num float64) bool { return math.Abs(a-num) <= tol.Abs+tol.Rel*math.Abs(num) }
	kinks, total := 0, 0
	for i, p := range step.Wrt {
		d := p.Data()
		for j := range d {
			total++
			a := float64(analytic[i][j])
			var num, left, right float64
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
				left, right = (f0-down)/float64(h), (up-f0)/float64(h)
				if agrees(a, num) {
					ok = true
					break
				}
			}
			if !ok && !agrees(left, right) && (agrees(a, left) || agrees(a, right)) {
				ok = true // a kink within the smallest step; the gradient is a one-sided one
				kinks++
			}
			if !ok {
				return fmt.Errorf("nn: gradient of %s[%d]: analytic %g, numeric %g (one-sided %g, %g)", p.Name, j, a, num, left, right)
			}
		}
	}
	if kinks > max(1, total/50) {
		return fmt.Errorf("nn: gradient check: %d of %d elements sit on a kink; the check says little about them", kinks, total)
	}
	return nil
}
