package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGrid(t *testing.T) {
	const n, rows, cols = 5, 3, 2
	px := make([]float32, n*n*rows*cols)
	for k := 0; k < n*n; k++ {
		for j := 0; j < rows*cols; j++ {
			px[k*rows*cols+j] = -1 + 2*float32(k)/float32(n*n-1) // image k is one flat grey
		}
	}
	px[0] = -3 // clipped to black
	px[len(px)-1] = 7
	img, err := Grid(px, n, rows, cols, -1, 1)
	require.NoError(t, err)
	assert.Equal(t, n*cols, img.Bounds().Dx())
	assert.Equal(t, n*rows, img.Bounds().Dy())
	gray := func(x, y int) uint8 { return img.GrayAt(x, y).Y }
	assert.Equal(t, uint8(0), gray(0, 0), "lo maps to black")
	assert.Equal(t, uint8(255), gray(n*cols-1, n*rows-1), "hi maps to white")
	// Image 7 (row 1, column 2 of the grid) has value −1 + 14/24: grey round(255·7/24) = 74.
	assert.Equal(t, uint8(74), gray(2*cols, 1*rows))
}

func TestGridErrors(t *testing.T) {
	tests := []struct {
		name          string
		px            []float32
		n, rows, cols int
		lo, hi        float32
		msg           string
	}{
		{"too few", make([]float32, 3), 2, 1, 1, 0, 1, "fewer than 4 images"},
		{"zero n", make([]float32, 3), 0, 1, 1, 0, 1, "must be positive"},
		{"empty range", make([]float32, 4), 2, 1, 1, 1, 1, "pixel range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Grid(tc.px, tc.n, tc.rows, tc.cols, tc.lo, tc.hi)
			require.ErrorContains(t, err, "core: grid: ")
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}
