package experiments

import (
	"image/color"

	"github.com/ssgan/ssgan/results"
)

// CurveFile is the PNG of a classifier run's test error per epoch.
const CurveFile = "curve.png"

// writeCurve draws the test error (%) after each epoch so far, on a log scale.
func (e *epochReport) writeCurve() error {
	s := results.Series{Name: "test error % (EMA of D)", Color: color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}}
	for _, h := range e.history {
		s.X = append(s.X, float64(h.Epoch))
		s.Y = append(s.Y, 100*float64(h.TestErrors)/float64(h.TestSize))
	}
	return results.SaveLinePlotWith(e.r.dir.file(CurveFile), 640, 360, results.PlotOptions{LogY: true}, s)
}
