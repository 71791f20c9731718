package metrics

import "math"

// Softmax returns the class probabilities of one row of logits, computed in float64 and
// shifted by the row's maximum so that large logits do not overflow.
func Softmax(logits []float32) []float64 {
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
