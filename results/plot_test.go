package results

import (
	"encoding/xml"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
)

// countColor counts the pixels of the PNG at path with colour want, and returns its size.
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

// svgSize parses the SVG at path as XML and returns its root element's name and its width and
// height in points.
func svgSize(t *testing.T, path string) (name string, w, h float64) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var root struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
		Height  string `xml:"height,attr"`
	}
	require.NoError(t, xml.NewDecoder(f).Decode(&root), path)
	pt := func(s string) float64 {
		v, err := strconv.ParseFloat(strings.TrimSuffix(s, "pt"), 64)
		require.NoError(t, err, s)
		return v
	}
	return root.XMLName.Local, pt(root.Width), pt(root.Height)
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
	assert.Positive(t, blue, "d_loss is drawn")
	assert.Positive(t, red, "g_loss is drawn")

	name, sw, sh := svgSize(t, SvgPath(path))
	assert.Equal(t, "svg", name)
	assert.InDelta(t, 320*72.0/96, sw, 1e-9, "the SVG has the PNG's size at 96 dpi")
	assert.InDelta(t, 200*72.0/96, sh, 1e-9)
	svg, err := os.ReadFile(SvgPath(path))
	require.NoError(t, err)
	assert.Contains(t, string(svg), "d_loss", "the legend is text in the SVG")
}

func TestSvgPath(t *testing.T) {
	assert.Equal(t, filepath.Join("a", "curves.svg"), SvgPath(filepath.Join("a", "curves.png")))
	assert.Equal(t, "curves.svg", SvgPath("curves"))
}

func TestLinePlotErrors(t *testing.T) {
	ok := Series{Name: "a", X: []float64{0, 1}, Y: []float64{1, 2}}
	tests := []struct {
		name    string
		series  []Series
		wantErr string
	}{
		{"no series", nil, "results: plot: no series"},
		{"lengths", []Series{{Name: "b", X: []float64{0}, Y: nil}}, `results: plot: series "b" has 1 x and 0 y values`},
		{"band length", []Series{{Name: "b", X: []float64{0, 1}, Y: []float64{1, 2}, Band: []float64{1}}},
			`results: plot: series "b" has 2 y values and 1 band widths`},
		{"no finite point", []Series{{Name: "c", X: []float64{0}, Y: []float64{math.Inf(1)}}}, "results: plot: no finite point"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LinePlot(tc.series...)
			require.EqualError(t, err, tc.wantErr)
		})
	}
	path := filepath.Join(t.TempDir(), "small.png")
	require.EqualError(t, SaveLinePlot(path, 20, 20, ok), "results: plot "+path+" of 20×20 pixels is too small (want at least 100×100)")
	// A single point (flat ranges) still plots.
	require.NoError(t, SaveLinePlot(path, 200, 100, Series{Name: "one", X: []float64{5}, Y: []float64{1}}))
}

func TestLinePlotLogY(t *testing.T) {
	dir := t.TempDir()
	// A zero breaks the line on a log scale; the band's lower edge stays above zero.
	s := Series{Name: "err", X: []float64{1, 2, 3, 4}, Y: []float64{20, 0, 1, 0.5}, Band: []float64{5, 1, 2, math.NaN()}, Color: ColorDLoss}
	p, err := LinePlotWith(PlotOptions{LogY: true}, s)
	require.NoError(t, err)
	assert.IsType(t, plot.LogScale{}, p.Y.Scale)
	require.NoError(t, SavePlot(p, filepath.Join(dir, "log.png"), 200, 120))
	// All values 0: nothing to place on a log scale, so the plot is drawn linear, not refused.
	p, err = LinePlotWith(PlotOptions{LogY: true}, Series{Name: "zero", X: []float64{1, 2}, Y: []float64{0, 0}})
	require.NoError(t, err)
	assert.IsType(t, plot.LinearScale{}, p.Y.Scale)
	require.NoError(t, SavePlot(p, filepath.Join(dir, "zero.png"), 200, 120))
}

func TestSegments(t *testing.T) {
	nan := math.NaN()
	s := Series{X: []float64{1, 2, 3, 4, 5, 6}, Y: []float64{1, nan, 2, 3, 0, 4}, Band: []float64{1, 1, nan, 1, 1, 1}}
	assert.Equal(t, [][]int{{0}, {2, 3, 4, 5}}, segments(s, false, false))
	assert.Equal(t, [][]int{{0}, {2, 3}, {5}}, segments(s, true, false), "a zero breaks a log line")
	assert.Equal(t, [][]int{{0}, {3}, {5}}, segments(s, true, true), "a band stops where its width is missing")
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
		{1, 300, []float64{50, 100, 150, 200, 250, 300}},
	}
	for _, tc := range tests {
		assert.InDeltaSlice(t, tc.want, ticks(tc.lo, tc.hi), 1e-12, "%g..%g", tc.lo, tc.hi)
	}
	got := linearTicker{}.Ticks(0, 30000)
	require.Len(t, got, 7)
	assert.Equal(t, "30k", got[6].Label)
}

func TestTickLabel(t *testing.T) {
	assert.Equal(t, "30k", tickLabel(30000))
	assert.Equal(t, "0.6", tickLabel(0.6000000000000001))
	assert.Equal(t, "250", tickLabel(250))
}

func TestLogTicker(t *testing.T) {
	labels := func(ts []plot.Tick) (labelled []string, minor int) {
		for _, tk := range ts {
			if tk.Label != "" {
				labelled = append(labelled, tk.Label)
			} else {
				minor++
			}
		}
		return labelled, minor
	}
	tests := []struct {
		name   string
		lo, hi float64
		want   []string
		minor  int
	}{
		// By hand: 1, 2, 5, 10, 20 labelled; 3, 4, 6, 7, 8, 9 unlabelled.
		{"1 % to 25 %", 1, 25, []string{"1", "2", "5", "10", "20"}, 6},
		{"0.9 % to 30 %", 0.9, 30, []string{"1", "2", "5", "10", "20"}, 8}, // and 0.9, 30
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, minor := labels(logTicker{}.Ticks(tc.lo, tc.hi))
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.minor, minor)
		})
	}
	// A narrow range holds fewer than two of 1, 2, 5 × 10^k: the linear axis's round ticks.
	assert.Equal(t, plot.DefaultTicks{}.Ticks(1.2, 1.8), logTicker{}.Ticks(1.2, 1.8))
}
