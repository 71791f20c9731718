package experiments

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSaveGrid(t *testing.T) {
	const n, rows, cols = 5, 3, 2
	px := make([]float32, n*n*rows*cols)
	for k := 0; k < n*n; k++ {
		for j := 0; j < rows*cols; j++ {
			px[k*rows*cols+j] = -1 + 2*float32(k)/float32(n*n-1) // image k is one flat grey
		}
	}
	px[0] = -3 // clipped to black
	px[len(px)-1] = 7
	path := filepath.Join(t.TempDir(), "grid.png")
	require.NoError(t, SaveGrid(path, px, n, rows, cols, -1, 1))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, n*cols, img.Bounds().Dx())
	assert.Equal(t, n*rows, img.Bounds().Dy())
	gray := func(x, y int) uint32 { v, _, _, _ := img.At(x, y).RGBA(); return v >> 8 }
	assert.Equal(t, uint32(0), gray(0, 0), "lo maps to black")
	assert.Equal(t, uint32(255), gray(n*cols-1, n*rows-1), "hi maps to white")
	// Image 7 (row 1, column 2 of the grid) has value −1 + 14/24: grey round(255·7/24) = 74.
	assert.Equal(t, uint32(74), gray(2*cols, 1*rows))
}

func TestSaveGridErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "x.png")
	err := SaveGrid(bad, make([]float32, 3), 2, 1, 1, 0, 1)
	require.ErrorContains(t, err, "experiments: "+bad+": core: grid: ")
	assert.NoFileExists(t, bad)
	missing := filepath.Join(dir, "no", "x.png")
	require.ErrorContains(t, SaveGrid(missing, make([]float32, 4), 2, 1, 1, 0, 1), "experiments: write "+missing)
}
