package results

import (
	"fmt"
	"image/color"
	"math"
	"path"
	"strings"

	"gonum.org/v1/gonum/stat"
)

// curvePalette holds the colours of the curves in SaveCurvesPlot, reused in order when there are
// more (Tableau 10).
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

// CurveBand is the learning curve of one experiment over its seeds: at each epoch that all of
// its runs have logged, the mean and the sample standard deviation (n−1) of their test error %.
type CurveBand struct {
	// Experiment is the folder above the runs' seed folders ("mnist-ssgan-100", or "." for the
	// seed folders of the collected directory itself).
	Experiment string
	// Runs are the experiment's runs, as Curve.Run.
	Runs []string
	// Epochs are the epochs every run has logged, ascending.
	Epochs []int
	// Mean and Std are the error % over the runs at each epoch; Std is NaN for a single run.
	Mean, Std []float64
}

// CurveBands groups the curves by experiment (the folder above each run's seed folder, as the
// mean columns of RenderCurves do), in the order of their first run.
func CurveBands(curves []Curve) []CurveBand {
	var bands []CurveBand
	at := map[string]int{}
	for j, c := range curves {
		exp := path.Dir(c.Run)
		k, seen := at[exp]
		if !seen {
			k = len(bands)
			at[exp] = k
			bands = append(bands, CurveBand{Experiment: exp})
		}
		bands[k].Runs = append(bands[k].Runs, curves[j].Run)
	}
	g := buildCurveGrid(curves)
	index := map[string]int{}
	for j, c := range curves {
		index[c.Run] = j
	}
	for k := range bands {
		b := &bands[k]
		runs := make([]int, len(b.Runs))
		for i, r := range b.Runs {
			runs[i] = index[r]
		}
		for i, e := range g.epochs {
			var pct []float64
			for _, j := range runs {
				if g.ok[i][j] {
					pct = append(pct, g.pct[i][j])
				}
			}
			if len(pct) < len(runs) {
				continue // a mean over some of the seeds would jump where one stops
			}
			mean, std := stat.MeanStdDev(pct, nil)
			if len(pct) < 2 {
				std = math.NaN()
			}
			b.Epochs, b.Mean, b.Std = append(b.Epochs, e), append(b.Mean, mean), append(b.Std, std)
		}
	}
	return bands
}

// CurveSeries returns one plot series per experiment (see CurveBands): x the epoch, y the mean
// test error %, a band of ± one standard deviation when it has two seeds or more, coloured from
// a fixed palette in order. The legend names drop the leading folders every experiment shares
// and say how many seeds each has.
func CurveSeries(curves []Curve) []Series {
	bands := CurveBands(curves)
	names := make([]Curve, len(bands))
	for k, b := range bands {
		names[k].Run = b.Experiment
	}
	labels := legendNames(names)
	out := make([]Series, len(bands))
	for k, b := range bands {
		name := labels[k]
		if name == "." {
			name = "runs"
		}
		s := Series{Color: curvePalette[k%len(curvePalette)]}
		if n := len(b.Runs); n > 1 {
			s.Name, s.Band = fmt.Sprintf("%s (mean ± std, %d seeds)", name, n), b.Std
		} else {
			s.Name = name + " (" + strings.TrimPrefix(b.Runs[0], b.Experiment+"/") + ")"
		}
		for i, e := range b.Epochs {
			s.X, s.Y = append(s.X, float64(e)), append(s.Y, b.Mean[i])
		}
		out[k] = s
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

// SaveCurvesPlot draws the learning curves, one per experiment with its mean ± std band over
// seeds (see CurveSeries), on a log scale, into a CurvesPlotWidth×CurvesPlotHeight PNG at path
// and an SVG of the same plot beside it (SvgPath), atomically.
func SaveCurvesPlot(path string, curves []Curve) error {
	if len(curves) == 0 {
		return fmt.Errorf("results: plot %s: no curves", path)
	}
	opt := PlotOptions{LogY: true, Title: CurvesTitle, XLabel: "epoch", YLabel: "test error % (log scale)"}
	return SaveLinePlotWith(path, CurvesPlotWidth, CurvesPlotHeight, opt, CurveSeries(curves)...)
}
