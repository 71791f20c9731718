package datasets

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFloat32(t *testing.T) {
	im := &Images{N: 1, Rows: 1, Cols: 4, Pixels: []uint8{0, 51, 128, 255}}
	tests := []struct {
		lo, hi float32
		want   []float32
	}{
		{0, 1, []float32{0, 0.2, 128.0 / 255, 1}},
		{-1, 1, []float32{-1, -0.6, 1.0 / 255, 1}},
	}
	for _, tc := range tests {
		got := im.Float32(tc.lo, tc.hi)
		assert.InDeltaSlice(t, tc.want, got, 1e-6, "[%v,%v]", tc.lo, tc.hi)
		assert.Equal(t, tc.lo, got[0])
		assert.Equal(t, tc.hi, got[3])
	}
}

func TestRow(t *testing.T) {
	im := &Images{N: 2, Rows: 1, Cols: 3, Pixels: []uint8{1, 2, 3, 4, 5, 6}}
	assert.Equal(t, []uint8{4, 5, 6}, im.Row(1))
	assert.Nil(t, im.Row(2))
	assert.Nil(t, im.Row(-1))
	assert.Equal(t, 3, cap(im.Row(0)), "appending to a row must not overwrite the next")
}
