package results

import (
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countColor counts the pixels of img with colour c.
func countColor(t *testing.T, path string, want [3]uint32) (n, w, h int) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if [3]uint32{r >> 8, g >> 8, bl >> 8} == want {
				n++
			}
		}
	}
	return n, b.Dx(), b.Dy()
}

func TestSaveLinePlot(t *testing.T) {
	x := []float64{0, 100, 200, 300, 400}
	d := []float64{0.7, 0.6, math.NaN(), 0.65, 0.6}
	g := []float64{0.9, 1.4, 1.1, 1.2, 1.0}
	path := filepath.Join(t.TempDir(), "losses.png")
	require.NoError(t, SaveLinePlot(path, 320, 200,
		Series{Name: "d_loss", X: x, Y: d, Color: ColorDLoss}, Series{Name: "g_loss", X: x, Y: g, Color: ColorGLoss}))
	blue, w, h := countColor(t, path, [3]uint32{uint32(ColorDLoss.R), uint32(ColorDLoss.G), uint32(ColorDLoss.B)})
	red, _, _ := countColor(t, path, [3]uint32{uint32(ColorGLoss.R), uint32(ColorGLoss.G), uint32(ColorGLoss.B)})
	assert.Equal(t, 320, w)
	assert.Equal(t, 200, h)
	// Both curves span most of the 264-pixel-wide plotting area (two pixels thick); the NaN
	// breaks d_loss between x = 100 and 300, so it has fewer pixels than g_loss.
	assert.Greater(t, red, 2*200)
	assert.Greater(t, blue, 200)
	assert.Less(t, blue, red)
}

func TestLinePlotErrors(t *testing.T) {
	ok := Series{Name: "a", X: []float64{0, 1}, Y: []float64{1, 2}}
	tests := []struct {
		name    string
		w, h    int
		series  []Series
		wantErr string
	}{
		{"too small", 20, 20, []Series{ok}, "results: plot of 20×20 pixels is too small"},
		{"no series", 200, 100, nil, "results: plot: no series"},
		{"lengths", 200, 100, []Series{{Name: "b", X: []float64{0}, Y: nil}}, `results: plot: series "b" has 1 x and 0 y values`},
		{"no finite point", 200, 100, []Series{{Name: "c", X: []float64{0}, Y: []float64{math.Inf(1)}}}, "results: plot: no finite point"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LinePlot(tc.w, tc.h, tc.series...)
			require.EqualError(t, err, tc.wantErr)
		})
	}
	// A single point (flat ranges) still plots.
	_, err := LinePlot(200, 100, Series{Name: "one", X: []float64{5}, Y: []float64{1}})
	require.NoError(t, err)
}

func TestTicks(t *testing.T) {
	// Expected by hand: the smallest 1-2-5 step giving at most seven ticks in the range.
	tests := []struct {
		lo, hi float64
		want   []float64
	}{
		{0, 30000, []float64{0, 5000, 10000, 15000, 20000, 25000, 30000}},
		{0.55, 1.6, []float64{0.6, 0.8, 1, 1.2, 1.4, 1.6}},
		{-1, 1, []float64{-1, -0.5, 0, 0.5, 1}},
	}
	for _, tc := range tests {
		assert.InDeltaSlice(t, tc.want, ticks(tc.lo, tc.hi), 1e-12, "%g..%g", tc.lo, tc.hi)
	}
	assert.Equal(t, "30k", tickLabel(30000))
	assert.Equal(t, "0.6", tickLabel(0.6000000000000001))
	assert.Equal(t, "250", tickLabel(250))
}
