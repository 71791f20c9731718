package metrics

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSoftmax checks values worked out by hand, that huge logits do not overflow, and that a
// row sums to 1.
func TestSoftmax(t *testing.T) {
	tests := []struct {
		name   string
		logits []float32
		want   []float64
	}{
		{"(0, ln 3) gives (1/4, 3/4)", []float32{0, float32(math.Log(3))}, []float64{0.25, 0.75}},
		{"equal huge logits", []float32{1000, 1000}, []float64{0.5, 0.5}},
		{"one class", []float32{-7}, []float64{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Softmax(tt.logits)
			assert.InDeltaSlice(t, tt.want, p, 1e-7)
			sum := 0.0
			for _, v := range p {
				sum += v
			}
			assert.InDelta(t, 1, sum, 1e-12)
		})
	}
}
