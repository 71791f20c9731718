package results

import (
	"image"
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

func TestLogTicks(t *testing.T) {
	tests := []struct {
		name   string
		lo, hi float64 // log10 of the range
		want   []float64
	}{
		{"1 % to 25 %", 0, math.Log10(25), []float64{1, 2, 5, 10, 20}},
		{"0.9 % to 30 %", math.Log10(0.9), math.Log10(30), []float64{1, 2, 5, 10, 20}},
		{"narrow: falls back to linear ticks of the logs", math.Log10(1.2), math.Log10(1.8), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := logTicks(tt.lo, tt.hi)
			if tt.want == nil {
				assert.Equal(t, ticks(tt.lo, tt.hi), got)
				return
			}
			values := make([]float64, len(got))
			for i, g := range got {
				values[i] = math.Pow(10, g)
			}
			assert.InDeltaSlice(t, tt.want, values, 1e-9)
		})
	}
}

func TestLinePlotLogY(t *testing.T) {
	s := Series{Name: "err", X: []float64{1, 2, 3}, Y: []float64{20, 0, 1}, Color: ColorDLoss}
	img, err := LinePlotWith(200, 120, PlotOptions{LogY: true}, s)
	require.NoError(t, err)
	assert.Equal(t, 200, img.Bounds().Dx())
	// All values 0: nothing to place on a log scale, so the plot is drawn linear, not refused.
	_, err = LinePlotWith(200, 120, PlotOptions{LogY: true}, Series{Name: "zero", X: []float64{1, 2}, Y: []float64{0, 0}})
	require.NoError(t, err)
}

func TestLegendLayout(t *testing.T) {
	named := func(names ...string) []Series {
		s := make([]Series, len(names))
		for i, n := range names {
			s[i].Name = n
		}
		return s
	}
	w := textWidth("abcd") // every name below is 4 characters wide
	tests := []struct {
		name   string
		x1     int
		series []Series
		want   []image.Point
	}{
		{"one row", 1000, named("abcd", "efgh"), []image.Point{{10, 6}, {10 + 16 + w + 16, 6}}},
		{"wraps", 10 + 2*(16+w) + 16, named("abcd", "efgh", "ijkl"),
			[]image.Point{{10, 6}, {10 + 16 + w + 16, 6}, {10, 6 + legendRowHeight}}},
		{"an entry wider than the row stays on its own row", 20, named("abcd", "efgh"),
			[]image.Point{{10, 6}, {10, 6 + legendRowHeight}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, legendLayout(tt.series, 10, tt.x1))
		})
	}
}
