package results

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strconv"
)

// Series is one curve of a line plot: points (X[i], Y[i]) joined in order. A NaN or infinite
// value breaks the line there.
type Series struct {
	Name  string
	X, Y  []float64
	Color color.RGBA
}

// Colours of the GAN runs' loss curves.
var (
	ColorDLoss = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff} // blue
	ColorGLoss = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff} // red
)

// Plot geometry: margins around the plotting area, in pixels.
const (
	plotLeft, plotRight, plotTop, plotBottom = 44, 12, 22, 22
	fontScale                                = 2 // each font pixel is drawn as a 2×2 block
)

var (
	plotAxis = color.RGBA{A: 0xff}
	plotGrid = color.RGBA{R: 0xe0, G: 0xe0, B: 0xe0, A: 0xff}
	plotText = color.RGBA{R: 0x40, G: 0x40, B: 0x40, A: 0xff}
)

// PlotOptions change how a line plot is drawn; the zero value is a plot with linear axes.
type PlotOptions struct {
	// LogY draws the y axis on a log scale (ticks at 1, 2 and 5 times powers of ten); values
	// that are not positive break the line. Error rates that fall from 20 % to 1 % need it.
	LogY bool
}

// LinePlot draws the series on a w×h white image with axes, light grid lines at round values
// labelled with a tiny built-in font, one coloured polyline per series, and a legend (a
// swatch and the name of each series) above the plot. It uses only the standard library.
func LinePlot(w, h int, series ...Series) (*image.RGBA, error) {
	return LinePlotWith(w, h, PlotOptions{}, series...)
}

// LinePlotWith is LinePlot with options.
func LinePlotWith(w, h int, opt PlotOptions, series ...Series) (*image.RGBA, error) {
	if opt.LogY {
		if logged := logSeries(series); anyFinite(logged) {
			series = logged
		} else {
			opt.LogY = false // nothing positive to draw on a log scale (all errors 0, say)
		}
	}
	if w < plotLeft+plotRight+20 || h < plotTop+plotBottom+20 {
		return nil, fmt.Errorf("results: plot of %d×%d pixels is too small", w, h)
	}
	if len(series) == 0 {
		return nil, fmt.Errorf("results: plot: no series")
	}
	x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range series {
		if len(s.X) != len(s.Y) {
			return nil, fmt.Errorf("results: plot: series %q has %d x and %d y values", s.Name, len(s.X), len(s.Y))
		}
		for i := range s.X {
			if finite(s.X[i]) && finite(s.Y[i]) {
				x0, x1 = math.Min(x0, s.X[i]), math.Max(x1, s.X[i])
				y0, y1 = math.Min(y0, s.Y[i]), math.Max(y1, s.Y[i])
			}
		}
	}
	if math.IsInf(x0, 1) {
		return nil, fmt.Errorf("results: plot: no finite point")
	}
	if x1 == x0 {
		x0, x1 = x0-1, x1+1
	}
	if y1 == y0 {
		y0, y1 = y0-1, y1+1
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	legend := legendLayout(series, plotLeft, w-plotRight)
	top := plotTop + legendRowHeight*(legend[len(legend)-1].Y-6)/legendRowHeight
	if top > h-plotBottom-20 {
		top = h - plotBottom - 20 // a legend too long for the image overlaps the plot
	}
	area := image.Rect(plotLeft, top, w-plotRight, h-plotBottom)
	px := func(x float64) int { return area.Min.X + int(math.Round((x-x0)/(x1-x0)*float64(area.Dx()-1))) }
	py := func(y float64) int { return area.Max.Y - 1 - int(math.Round((y-y0)/(y1-y0)*float64(area.Dy()-1))) }
	yTicks, yValue := ticks(y0, y1), func(t float64) float64 { return t }
	if opt.LogY {
		yTicks, yValue = logTicks(y0, y1), func(t float64) float64 { return math.Pow(10, t) }
	}
	for _, t := range yTicks {
		y := py(t)
		line(img, area.Min.X, y, area.Max.X-1, y, plotGrid)
		label := tickLabel(yValue(t))
		text(img, area.Min.X-4-textWidth(label), y-fontScale*5/2, label, plotText)
	}
	for _, t := range ticks(x0, x1) {
		x := px(t)
		line(img, x, area.Min.Y, x, area.Max.Y-1, plotGrid)
		label := tickLabel(t)
		text(img, x-textWidth(label)/2, area.Max.Y+5, label, plotText)
	}
	line(img, area.Min.X, area.Min.Y, area.Min.X, area.Max.Y-1, plotAxis)
	line(img, area.Min.X, area.Max.Y-1, area.Max.X-1, area.Max.Y-1, plotAxis)
	for i, s := range series {
		drawSeries(img, s, px, py)
		at := legend[i]
		draw.Draw(img, image.Rect(at.X, at.Y, at.X+12, at.Y+fontScale*5), image.NewUniform(s.Color), image.Point{}, draw.Src)
		text(img, at.X+16, at.Y, s.Name, plotText)
	}
	return img, nil
}

// legendRowHeight is the height of one row of the legend, in pixels.
const legendRowHeight = fontScale*5 + 6

// legendLayout places each series' legend entry (a swatch and its name) left to right from x0,
// starting a new row below when an entry would pass x1; it returns the top-left corner of each.
func legendLayout(series []Series, x0, x1 int) []image.Point {
	at := make([]image.Point, len(series))
	x, y := x0, 6
	for i, s := range series {
		width := 16 + textWidth(s.Name)
		if x > x0 && x+width > x1 {
			x, y = x0, y+legendRowHeight
		}
		at[i] = image.Point{X: x, Y: y}
		x += width + 16
	}
	return at
}

// SaveLinePlot writes LinePlot's image to path as a PNG, atomically.
func SaveLinePlot(path string, w, h int, series ...Series) error {
	return SaveLinePlotWith(path, w, h, PlotOptions{}, series...)
}

// SaveLinePlotWith writes LinePlotWith's image to path as a PNG, atomically.
func SaveLinePlotWith(path string, w, h int, opt PlotOptions, series ...Series) error {
	img, err := LinePlotWith(w, h, opt, series...)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return fmt.Errorf("results: encode %s: %w", path, err)
	}
	return writeFileAtomic(path, buf.Bytes())
}

// drawSeries joins the finite points of s with 2-pixel-thick segments.
func drawSeries(img *image.RGBA, s Series, px, py func(float64) int) {
	prevOK := false
	var ax, ay int
	for i := range s.X {
		if !finite(s.X[i]) || !finite(s.Y[i]) {
			prevOK = false
			continue
		}
		bx, by := px(s.X[i]), py(s.Y[i])
		if !prevOK {
			ax, ay = bx, by
		}
		line(img, ax, ay, bx, by, s.Color)
		line(img, ax, ay+1, bx, by+1, s.Color)
		ax, ay, prevOK = bx, by, true
	}
}

// line draws a one-pixel line from (x0, y0) to (x1, y1) (Bresenham), clipped to the image.
func line(img *image.RGBA, x0, y0, x1, y1 int, c color.RGBA) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	e := dx + dy
	for {
		if (image.Point{X: x0, Y: y0}).In(img.Rect) {
			img.SetRGBA(x0, y0, c)
		}
		if x0 == x1 && y0 == y1 {
			return
		}
		if e2 := 2 * e; e2 >= dy {
			e += dy
			x0 += sx
		} else {
			e += dx
			y0 += sy
		}
	}
}

// ticks returns the round values within [lo, hi]: multiples of the smallest step of 1, 2 or 5
// times a power of ten that gives at most seven of them.
func ticks(lo, hi float64) []float64 {
	p := math.Pow(10, math.Floor(math.Log10(hi-lo))-1)
	step := p
	for _, m := range []float64{1, 2, 5, 10, 20, 50, 100} {
		if step = m * p; (hi-lo)/step <= 7 {
			break
		}
	}
	var out []float64
	for t := math.Ceil(lo/step) * step; t <= hi+step*1e-9; t += step {
		out = append(out, math.Round(t/step)*step)
	}
	return out
}

// logSeries returns copies of the series with Y replaced by log10(Y) (NaN where Y ≤ 0).
func logSeries(series []Series) []Series {
	out := make([]Series, len(series))
	for i, s := range series {
		out[i] = s
		out[i].Y = make([]float64, len(s.Y))
		for j, y := range s.Y {
			out[i].Y[j] = math.NaN()
			if y > 0 {
				out[i].Y[j] = math.Log10(y)
			}
		}
	}
	return out
}

// anyFinite reports whether some series has a point with finite x and y.
func anyFinite(series []Series) bool {
	for _, s := range series {
		for i := range s.Y {
			if i < len(s.X) && finite(s.X[i]) && finite(s.Y[i]) {
				return true
			}
		}
	}
	return false
}

// logTicks returns the log10 of the values 1, 2 and 5 times a power of ten within
// [10^lo, 10^hi]; with fewer than two of those in range, the linear ticks of [lo, hi].
func logTicks(lo, hi float64) []float64 {
	var out []float64
	for k := math.Floor(lo); k <= math.Ceil(hi); k++ {
		for _, m := range []float64{1, 2, 5} {
			if t := k + math.Log10(m); t >= lo-1e-9 && t <= hi+1e-9 {
				out = append(out, t)
			}
		}
	}
	if len(out) < 2 {
		return ticks(lo, hi)
	}
	return out
}

// tickLabel formats a tick value briefly: thousands as "12k", others with at most 3 digits.
func tickLabel(v float64) string {
	if math.Abs(v) >= 1000 && math.Mod(v, 1000) == 0 {
		return strconv.FormatFloat(v/1000, 'f', -1, 64) + "k"
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func sign(x int) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}
