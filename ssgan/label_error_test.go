package ssgan

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLabelError: rows of k = 3 logits of which the first 2 are class logits (the explicit form's
// last, "generated", is ignored); a tie goes to the first class.
func TestLabelError(t *testing.T) {
	logits := []float32{
		1, 0, 9, // class 0 (the 9 is the fake logit)
		0, 2, 0, // class 1
		3, 3, 0, // tie: class 0
		0, 1, 0, // class 1
	}
	tests := []struct {
		name string
		y    []uint8
		want float64
	}{
		{"all right", []uint8{0, 1, 0, 1}, 0},
		{"the tie counted as class 0", []uint8{0, 1, 1, 1}, 0.25},
		{"all wrong", []uint8{1, 0, 1, 0}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, LabelError(logits, 3, 2, tc.y))
		})
	}
}
