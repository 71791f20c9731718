package experiments

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ssgan/ssgan/core"
)

// GANLog is one line of a GAN run's metrics.jsonl, written every SampleEvery iterations and at
// the last one.
type GANLog struct {
	Iter    int     `json:"iter"`
	Seconds float64 `json:"seconds"`
	// Metrics are the last iteration's numbers (d_loss, d_acc, g_loss, d_loss_real, ...), as
	// the article prints them.
	Metrics map[string]float64 `json:"metrics"`
	// Mean is each metric averaged over the iterations since the previous line that reported it
	// (g_loss is absent while D is pretrained).
	Mean map[string]float64 `json:"mean"`
	// Counters are the tricks' interventions so far (core.Counter* names).
	Counters map[string]int `json:"counters,omitempty"`
	// Sample is the grid of this line, relative to the run directory.
	Sample string `json:"sample"`
}

// GridSide is the side of the sample grids: 5×5 images, as the article shows them.
const GridSide = 5

// ganHook is the GAN run's after-iteration hook: progress, and every SampleEvery iterations the
// log line, the sample grid and the checkpoint.
type ganHook ganRun

// After runs after every iteration.
func (h *ganHook) After(s *core.State) error {
	r := (*ganRun)(h)
	r.interval.add(s.Metrics)
	if s.Iter%r.spec.SampleEvery != 0 && s.Iter != r.spec.Iterations {
		if r.opt.Terminal && s.Iter%10 == 0 {
			r.logf("\r\033[K%s %s iter %d/%d  %.0f ms/iter", r.spec.Name, r.seed.Dir(), s.Iter, r.spec.Iterations, r.msPerIter(s))
		}
		return nil
	}
	sample := filepath.Join(SamplesDir, fmt.Sprintf("iter-%06d.png", s.Iter))
	if err := r.saveGrid(sample); err != nil {
		return err
	}
	line := GANLog{Iter: s.Iter, Seconds: r.elapsed(), Metrics: maps.Clone(s.Metrics), Mean: r.interval.means(),
		Counters: maps.Clone(s.Counters), Sample: filepath.ToSlash(sample)}
	if err := appendJSONLine(r.dir.file(MetricsFile), line); err != nil {
		return err
	}
	r.interval = intervalMeans{Sums: map[string]float64{}, Counts: map[string]int{}}
	if err := r.checkpoint(); err != nil {
		return err
	}
	if r.opt.Terminal {
		r.logf("\r\033[K")
	}
	r.logf("%s\n", r.logLine(s))
	return nil
}

// logLine formats the article's progress line with the run's name, speed and tricks' counters.
func (r *ganRun) logLine(s *core.State) string {
	g := "-"
	if v, ok := s.Metrics["g_loss"]; ok {
		g = fmt.Sprintf("%.4f", v)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %d/%d [D loss: %.4f, acc.: %.2f%%] [G loss: %s]", r.spec.Name, r.seed.Dir(),
		s.Iter, r.spec.Iterations, s.Metrics["d_loss"], 100*s.Metrics["d_acc"], g)
	if k, ok := s.Metrics["k_t"]; ok {
		fmt.Fprintf(&b, " k_t %.4f", k)
	}
	for _, name := range slices.Sorted(maps.Keys(s.Counters)) {
		fmt.Fprintf(&b, " %s=%d", name, s.Counters[name])
	}
	done := s.Iter - r.iter0
	eta := time.Duration(r.msPerIter(s) * float64(r.spec.Iterations-s.Iter) * float64(time.Millisecond)).Round(time.Second)
	if done > 0 {
		fmt.Fprintf(&b, "  %.0f ms/iter  ETA %s", r.msPerIter(s), eta)
	}
	return b.String()
}

// msPerIter is this session's training speed.
func (r *ganRun) msPerIter(s *core.State) float64 {
	return 1000 * time.Since(r.start).Seconds() / float64(max(s.Iter-r.iter0, 1))
}

// saveGrid writes a GridSide×GridSide grid of samples from the fixed grid noise to name (in the
// run directory) and to samples.png.
func (r *ganRun) saveGrid(name string) error {
	x, err := r.model.Sample(GridSide*GridSide, GridNoise(GridSeed))
	if err != nil {
		return err
	}
	im := r.data.Train.Images
	b, err := gridPNG(x, GridSide, im.Rows, im.Cols, -1, 1)
	if err != nil {
		return fmt.Errorf("experiments: %s: %w", r.dir.file(name), err)
	}
	if err := writeFile(r.dir.file(name), b); err != nil {
		return err
	}
	return writeFile(r.dir.file(SamplesFile), b)
}

// add accumulates one iteration's metrics.
func (m *intervalMeans) add(metrics map[string]float64) {
	for k, v := range metrics {
		m.Sums[k] += v
		m.Counts[k]++
	}
}

// means returns each metric's mean over the iterations that reported it.
func (m *intervalMeans) means() map[string]float64 {
	out := make(map[string]float64, len(m.Sums))
	for k, v := range m.Sums {
		out[k] = v / float64(m.Counts[k])
	}
	return out
}
