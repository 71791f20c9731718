package experiments

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progressBar draws a run's progress on a terminal: a bar over the iterations this session has
// left, its rate and its time left (github.com/schollz/progressbar/v3), behind a description
// naming the run, its epoch and its latest loss.
type progressBar struct {
	bar *progressbar.ProgressBar
	// from is the iteration the bar starts at: the session's first.
	from int
}

// barThrottle is the shortest time between two drawings of a bar (tests draw every update).
var barThrottle = 100 * time.Millisecond

// newProgressBar returns a bar drawn on w for the iterations from..to.
func newProgressBar(w io.Writer, from, to int) *progressBar {
	return &progressBar{from: from, bar: progressbar.NewOptions(to-from,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetWidth(24),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("iter"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(barThrottle),
		progressbar.OptionUseANSICodes(true),
		progressbar.OptionSetRenderBlankState(true),
	)}
}

// show moves the bar to iteration iter with the description desc.
func (p *progressBar) show(iter int, desc string) {
	p.bar.Describe(desc)
	_ = p.bar.Set(iter - p.from) // a terminal write error is no reason to stop training
}

// clear erases the bar, so that a log line can take its place.
func (p *progressBar) clear() { _ = p.bar.Clear() }
