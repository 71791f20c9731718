package experiments

import (
	"encoding/json"
	"fmt"

	"github.com/ssgan/ssgan/core"
)

// reportHook is the lifecycle's after-iteration hook: the progress between reports, and at every
// report the kind's output, then the checkpoint and the printed line.
type reportHook run

// After runs after every iteration, after the tricks' hooks.
func (h *reportHook) After(s *core.State) error {
	r := (*run)(h)
	r.interval.add(s.Metrics)
	if s.Iter%r.report.every() != 0 && s.Iter != r.report.length() {
		r.progress(s)
		return nil
	}
	line, err := r.report.write(s, r.interval.means())
	if err != nil {
		return err
	}
	r.interval = newIntervalMeans()
	if err := r.checkpoint(); err != nil {
		return err
	}
	r.clearProgress() // the report's line takes the bar's place; the bar is drawn again below it
	if r.opt.Terminal {
		r.logf("\r\033[K")
	}
	r.logf("%s\n", line)
	return nil
}

// progress shows the progress between reports: a bar with the time left on Options.Progress (a
// terminal), else a plain line every LogEvery iterations (redrawn in place on a Terminal).
func (r *run) progress(s *core.State) {
	name := r.spec.Name + " " + r.seed.Dir()
	if r.opt.Progress != nil {
		if r.bar == nil {
			r.bar = newProgressBar(r.opt.Progress, r.iter0, r.report.length())
		}
		r.bar.show(s.Iter, fmt.Sprintf("%s %s  %s", name, r.report.position(s.Iter, true), r.report.headline(s.Metrics)))
		return
	}
	every := r.opt.LogEvery
	if every <= 0 {
		every = 100
	}
	if r.opt.Terminal {
		every = 10
	}
	if s.Iter%every != 0 {
		return
	}
	msg := fmt.Sprintf("%s %s  %s  %.0f ms/iter", name, r.report.position(s.Iter, false), r.report.headline(s.Metrics), r.msPerIter(s))
	if r.opt.Terminal {
		r.logf("\r\033[K%s", msg)
	} else {
		r.logf("%s\n", msg)
	}
}

// msPerIter is this session's training speed.
func (r *run) msPerIter(s *core.State) float64 {
	return 1000 * r.clock.elapsed().Seconds() / float64(max(s.Iter-r.iter0, 1))
}

// clearProgress erases the progress bar, if one is drawn.
func (r *run) clearProgress() {
	if r.bar != nil {
		r.bar.clear()
	}
}

// afterIterHook adapts Options.afterIter to a core.AfterHook.
type afterIterHook struct {
	fn func(*core.State, core.Method) error
	m  core.Method
}

// After calls the function with the run's state and method.
func (h afterIterHook) After(s *core.State) error { return h.fn(s, h.m) }

// intervalMeans accumulates each logged number over the iterations since the last report that
// reported it.
type intervalMeans struct {
	Sums   map[string]float64 `json:"sums"`
	Counts map[string]int     `json:"counts"`
}

func newIntervalMeans() intervalMeans {
	return intervalMeans{Sums: map[string]float64{}, Counts: map[string]int{}}
}

// add accumulates one iteration's numbers.
func (m *intervalMeans) add(metrics map[string]float64) {
	for k, v := range metrics {
		m.Sums[k] += v
		m.Counts[k]++
	}
}

// means returns each number's mean over the iterations that reported it.
func (m *intervalMeans) means() map[string]float64 {
	out := make(map[string]float64, len(m.Sums))
	for k, v := range m.Sums {
		out[k] = v / float64(m.Counts[k])
	}
	return out
}

// loadIntervalMeans reads the running sums from a checkpoint: those of intervalKey, or the
// epoch sums of a classifier checkpoint written before it (one count for every number), so
// that the means of a report interrupted midway are those of an uninterrupted run.
func loadIntervalMeans(ck *core.Checkpoint) (intervalMeans, error) {
	m := newIntervalMeans()
	if b, ok := ck.Extra[intervalKey]; ok {
		if err := json.Unmarshal(b, &m); err != nil {
			return m, fmt.Errorf("%s: %w", intervalKey, err)
		}
		if m.Sums == nil || m.Counts == nil {
			m = newIntervalMeans()
		}
		return m, nil
	}
	if b, ok := ck.Extra[epochSumsKey]; ok {
		var old struct {
			Sums  map[string]float64 `json:"sums"`
			Count int                `json:"count"`
		}
		if err := json.Unmarshal(b, &old); err != nil {
			return m, fmt.Errorf("%s: %w", epochSumsKey, err)
		}
		for k, v := range old.Sums {
			m.Sums[k], m.Counts[k] = v, old.Count
		}
	}
	return m, nil
}
