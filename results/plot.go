package results

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one curve of a line plot: points (X[i], Y[i]) joined in order. A NaN or infinite
// value breaks the line there.
type Series struct {
	Name  string
	X, Y  []float64
	Color color.RGBA
	// Band, when not nil, is the half-width of a shaded band around the curve at each point
	// (Y[i] ± Band[i], such as a standard deviation over seeds); a NaN leaves the band out there.
	Band []float64
}

// Colours of the GAN runs' loss curves.
var (
	ColorDLoss = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff} // blue
	ColorGLoss = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff} // red
)

// PlotOptions change how a line plot is drawn; the zero value is a plot with linear axes and no
// title or axis labels.
type PlotOptions struct {
	// LogY draws the y axis on a log scale (ticks labelled at 1, 2 and 5 times powers of ten);
	// values that are not positive break the line. Error rates that fall from 20 % to 1 % need
	// it.
	LogY bool
	// Title, XLabel and YLabel are the plot's title and axis labels ("" for none).
	Title, XLabel, YLabel string
}

// plotDPI is the resolution of the PNG files: a plot of w×h pixels is w×h/plotDPI inches.
const plotDPI = 96

// minPlotSize is the smallest width or height of a plot in pixels.
const minPlotSize = 100

// LinePlot returns the gonum plot of the series with linear axes (see LinePlotWith).
func LinePlot(series ...Series) (*plot.Plot, error) {
	return LinePlotWith(PlotOptions{}, series...)
}

// LinePlotWith returns a gonum plot of the series: one coloured line per series (broken at
// missing values), its band shaded in the same colour, light grid lines and a legend. A plot
// asked for a log scale with no positive value to place on it is drawn linear, not refused.
func LinePlotWith(opt PlotOptions, series ...Series) (*plot.Plot, error) {
	if len(series) == 0 {
		return nil, fmt.Errorf("results: plot: no series")
	}
	for _, s := range series {
		if len(s.X) != len(s.Y) {
			return nil, fmt.Errorf("results: plot: series %q has %d x and %d y values", s.Name, len(s.X), len(s.Y))
		}
		if s.Band != nil && len(s.Band) != len(s.Y) {
			return nil, fmt.Errorf("results: plot: series %q has %d y values and %d band widths", s.Name, len(s.Y), len(s.Band))
		}
	}
	if !anyPoint(series, false) {
		return nil, fmt.Errorf("results: plot: no finite point")
	}
	logY := opt.LogY && anyPoint(series, true)
	p := plot.New()
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = opt.Title, opt.XLabel, opt.YLabel
	p.Legend.Top = true
	p.X.Tick.Marker = linearTicker{}
	grid := plotter.NewGrid()
	grid.Vertical.Color = color.Gray{Y: 0xe0}
	grid.Horizontal.Color = color.Gray{Y: 0xe0}
	p.Add(grid)
	floor := math.Inf(1) // the band's lower edge on a log scale: half the smallest value
	if logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicker{}
		for _, s := range series {
			for i, y := range s.Y {
				if usable(s.X[i], y, true) {
					floor = math.Min(floor, y/2)
				}
			}
		}
	}
	for _, s := range series {
		if err := addSeries(p, s, logY, floor); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// addSeries adds the series' band, line segments and legend entry to p.
func addSeries(p *plot.Plot, s Series, logY bool, floor float64) error {
	var entry []plot.Thumbnailer
	if s.Band != nil {
		fill := color.NRGBA{R: s.Color.R, G: s.Color.G, B: s.Color.B, A: 0x50} // the colour, translucent
		for _, seg := range segments(s, logY, true) {
			poly, err := plotter.NewPolygon(bandOutline(s, seg, logY, floor))
			if err != nil {
				return fmt.Errorf("results: plot: %s: %w", s.Name, err)
			}
			poly.Color, poly.LineStyle.Width = fill, 0
			p.Add(poly)
			if entry == nil {
				entry = append(entry, poly)
			}
		}
	}
	for _, seg := range segments(s, logY, false) {
		pts := make(plotter.XYs, len(seg))
		for k, i := range seg {
			pts[k] = plotter.XY{X: s.X[i], Y: s.Y[i]}
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return fmt.Errorf("results: plot: %s: %w", s.Name, err)
		}
		l.Color, l.Width = s.Color, vg.Points(1.5)
		p.Add(l)
		if len(entry) < 2 {
			entry = append(entry, l)
		}
	}
	if s.Name != "" && len(entry) > 0 {
		p.Legend.Add(s.Name, entry...)
	}
	return nil
}

// segments returns the runs of consecutive indices of s whose points can be drawn (and, with
// band, whose band too): at least one point each.
func segments(s Series, logY, band bool) [][]int {
	var out [][]int
	var cur []int
	for i := range s.X {
		ok := usable(s.X[i], s.Y[i], logY)
		if band {
			ok = ok && finite(s.Band[i])
		}
		if ok {
			cur = append(cur, i)
			continue
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// bandOutline is the polygon of the band over the segment's points: the upper edge forward, the
// lower edge back, the lower edge kept above floor on a log scale.
func bandOutline(s Series, seg []int, logY bool, floor float64) plotter.XYs {
	out := make(plotter.XYs, 0, 2*len(seg))
	for _, i := range seg {
		out = append(out, plotter.XY{X: s.X[i], Y: s.Y[i] + s.Band[i]})
	}
	for k := len(seg) - 1; k >= 0; k-- {
		i := seg[k]
		lo := s.Y[i] - s.Band[i]
		if logY {
			lo = math.Max(lo, floor)
		}
		out = append(out, plotter.XY{X: s.X[i], Y: lo})
	}
	return out
}

// usable reports whether a point can be drawn: finite, and positive on a log scale.
func usable(x, y float64, logY bool) bool {
	return finite(x) && finite(y) && (!logY || y > 0)
}

// anyPoint reports whether some series has a usable point.
func anyPoint(series []Series, logY bool) bool {
	for _, s := range series {
		for i := range s.Y {
			if usable(s.X[i], s.Y[i], logY) {
				return true
			}
		}
	}
	return false
}

// SvgPath returns the path of the SVG beside the PNG at path: the same name ending in .svg.
func SvgPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".svg"
}

// SavePlot writes p as a w×h-pixel PNG to path and as an SVG of the same size (w×h/96 inches)
// beside it (SvgPath), each atomically.
func SavePlot(p *plot.Plot, path string, w, h int) error {
	if w < minPlotSize || h < minPlotSize {
		return fmt.Errorf("results: plot %s of %d×%d pixels is too small (want at least %d×%d)", path, w, h, minPlotSize, minPlotSize)
	}
	width, height := vg.Length(w)*vg.Inch/plotDPI, vg.Length(h)*vg.Inch/plotDPI
	for file, format := range map[string]string{path: "png", SvgPath(path): "svg"} {
		c, err := draw.NewFormattedCanvas(width, height, format)
		if err != nil {
			return fmt.Errorf("results: plot %s: %w", file, err)
		}
		drawWithLegendBeside(p, draw.New(c))
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return fmt.Errorf("results: encode %s: %w", file, err)
		}
		if err := writeFileAtomic(file, buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// drawWithLegendBeside draws p on c with its legend outside the plotting area, so that it hides
// no curve: in a column on the right when it is narrow (at most a quarter of the canvas), else in
// rows below the plot when that leaves the plot two thirds of the height, else inside the plot.
func drawWithLegendBeside(p *plot.Plot, c draw.Canvas) {
	leg := p.Legend
	r := leg.Rectangle(c)
	width, height, gap := r.Max.X-r.Min.X, r.Max.Y-r.Min.Y, vg.Points(8)
	cw, ch := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	if width == 0 || (width > cw/4 && height > ch/3) {
		p.Draw(c)
		return
	}
	p.Legend = plot.NewLegend() // empty: p draws none
	defer func() { p.Legend = leg }()
	leg.Left, leg.Top = true, true
	if width <= cw/4 {
		p.Draw(draw.Crop(c, 0, -width-gap, 0, 0))
		leg.Draw(draw.Crop(c, cw-width, 0, 0, -gap))
		return
	}
	p.Draw(draw.Crop(c, 0, 0, height+gap, 0))
	leg.Draw(draw.Crop(c, gap, 0, 0, -(ch - height - gap/2)))
}

// SaveLinePlot writes LinePlot's plot to path as a w×h PNG, and as an SVG beside it.
func SaveLinePlot(path string, w, h int, series ...Series) error {
	return SaveLinePlotWith(path, w, h, PlotOptions{}, series...)
}

// SaveLinePlotWith writes LinePlotWith's plot to path as a w×h PNG, and as an SVG beside it.
func SaveLinePlotWith(path string, w, h int, opt PlotOptions, series ...Series) error {
	p, err := LinePlotWith(opt, series...)
	if err != nil {
		return err
	}
	return SavePlot(p, path, w, h)
}

// logTicker labels a log axis at 1, 2 and 5 times powers of ten (logTicks) and marks the other
// integer multiples without a label; a range holding fewer than two of those gets the linear
// axis's round ticks.
type logTicker struct{}

// Ticks returns the ticks of [lo, hi] (both positive).
func (logTicker) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	labelled := map[string]bool{}
	for _, t := range logTicks(math.Log10(lo), math.Log10(hi)) {
		v := math.Pow(10, t)
		out = append(out, plot.Tick{Value: v, Label: tickLabel(v)})
		labelled[tickLabel(v)] = true
	}
	if len(out) < 2 {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	for k := math.Floor(math.Log10(lo)); k <= math.Ceil(math.Log10(hi)); k++ {
		for m := 1.0; m < 10; m++ {
			v := m * math.Pow(10, k)
			if v >= lo && v <= hi && !labelled[tickLabel(v)] {
				out = append(out, plot.Tick{Value: v})
			}
		}
	}
	return out
}

// linearTicker labels a linear axis at round values: multiples of the smallest step of 1, 2 or 5
// times a power of ten that gives at most seven of them.
type linearTicker struct{}

// Ticks returns the ticks of [lo, hi].
func (linearTicker) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	var out []plot.Tick
	for _, v := range ticks(lo, hi) {
		out = append(out, plot.Tick{Value: v, Label: tickLabel(v)})
	}
	return out
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

// logTicks returns the log10 of the values 1, 2 and 5 times a power of ten within
// [10^lo, 10^hi].
func logTicks(lo, hi float64) []float64 {
	var out []float64
	for k := math.Floor(lo); k <= math.Ceil(hi); k++ {
		for _, m := range []float64{1, 2, 5} {
			if t := k + math.Log10(m); t >= lo-1e-9 && t <= hi+1e-9 {
				out = append(out, t)
			}
		}
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
