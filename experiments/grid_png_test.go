package experiments

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core"
)

// TestSaveGrid checks that the PNG file holds exactly the image core.Grid builds (whose pixel
// mapping core's TestGrid checks): same size, same grey in every pixel.
func TestSaveGrid(t *testing.T) {
	const n, rows, cols = 5, 3, 2
	px := make([]float32, n*n*rows*cols)
	for i := range px {
		px[i] = -1 + 2*float32(i%97)/96
	}
	px[0], px[len(px)-1] = -3, 7 // clipped
	path := filepath.Join(t.TempDir(), "grid.png")
	require.NoError(t, SaveGrid(path, px, n, rows, cols, -1, 1))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	want, err := core.Grid(px, n, rows, cols, -1, 1)
	require.NoError(t, err)
	require.Equal(t, want.Bounds(), img.Bounds())
	for y := 0; y < want.Bounds().Dy(); y++ {
		for x := 0; x < want.Bounds().Dx(); x++ {
			w, _, _, _ := want.At(x, y).RGBA()
			g, _, _, _ := img.At(x, y).RGBA()
			require.Equal(t, w, g, "pixel (%d, %d)", x, y)
		}
	}
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
