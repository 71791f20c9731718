package results

import (
	"fmt"
	"image/color"
	"strings"
)

// curvePalette holds the colours of the runs' curves in SaveCurvesPlot, reused in order when
// there are more runs (Tableau 10).
var curvePalette = []color.RGBA{
	{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}, // blue
	{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}, // red
	{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff}, // green
	{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff}, // orange
	{R: 0x94, G: 0x67, B: 0xbd, A: 0xff}, // purple
	{R: 0x8c, G: 0x56, B: 0x4b, A: 0xff}, // brown
	{R: 0xe3, G: 0x77, B: 0xc2, A: 0xff}, // pink
	{R: 0x17, G: 0xbe, B: 0xcf, A: 0xff}, // cyan
}

// CurveSeries returns one plot series per curve: x the epoch, y the test error %, coloured from
// a fixed palette in order. The legend names drop the leading directories that every run shares
// ("mnist-ssgan-100/seed1" and "mnist-ssgan-100/seed2" become "seed1" and "seed2").
func CurveSeries(curves []Curve) []Series {
	names := legendNames(curves)
	out := make([]Series, len(curves))
	for j, c := range curves {
		s := Series{Name: names[j], Color: curvePalette[j%len(curvePalette)]}
		for i, e := range c.Epochs {
			s.X = append(s.X, float64(e))
			s.Y = append(s.Y, c.ErrorPct(i))
		}
		out[j] = s
	}
	return out
}

// legendNames returns the runs' labels without the leading path elements they all share; a
// single run keeps its full label.
func legendNames(curves []Curve) []string {
	names := make([]string, len(curves))
	if len(curves) < 2 {
		for j, c := range curves {
			names[j] = c.Run
		}
		return names
	}
	parts := make([][]string, len(curves))
	common := -1
	for j, c := range curves {
		parts[j] = strings.Split(c.Run, "/")
		n := len(parts[j]) - 1 // always keep the last element
		if j > 0 {
			n = min(n, common)
			for k := 0; k < n; k++ {
				if parts[j][k] != parts[0][k] {
					n = k
					break
				}
			}
		}
		common = n
	}
	for j := range curves {
		names[j] = strings.Join(parts[j][common:], "/")
	}
	return names
}

// SaveCurvesPlot writes the learning curves to path as a CurvesPlotWidth×CurvesPlotHeight PNG
// (see CurveSeries), atomically.
func SaveCurvesPlot(path string, curves []Curve) error {
	if len(curves) == 0 {
		return fmt.Errorf("results: plot %s: no curves", path)
	}
	return SaveLinePlotWith(path, CurvesPlotWidth, CurvesPlotHeight, PlotOptions{LogY: true}, CurveSeries(curves)...)
}
