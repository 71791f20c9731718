package experiments

import (
	"fmt"
	"maps"
	"time"

	"github.com/ssgan/ssgan/core"
)

// epochHook is the classifier run's after-iteration hook: progress lines, and at the end of each
// epoch the learning-rate schedule, the test evaluation, the metrics line and the checkpoint.
type epochHook classifierRun

// After runs after every iteration.
func (h *epochHook) After(s *core.State) error {
	r := (*classifierRun)(h)
	ipe := r.spec.ItersPerEpoch
	if s.Iter%ipe != 0 {
		r.progress(s)
		return nil
	}
	epoch := s.Iter / ipe
	train := r.model.epochMeans()
	errs, _, err := r.evaluate()
	if err != nil {
		return err
	}
	line := EpochLog{Epoch: epoch, Iter: s.Iter, LR: r.model.m.DOpt.LR, TestErrors: errs, TestSize: len(r.testY),
		Seconds: r.elapsed(), Train: train, Counters: maps.Clone(s.Counters)}
	r.history = append(r.history, line)
	if err := appendJSONLine(r.dir.file(MetricsFile), line); err != nil {
		return err
	}
	if err := r.writeCurve(); err != nil {
		return err
	}
	r.setLR(epoch)
	if err := r.checkpoint(); err != nil {
		return err
	}
	perEpoch := recentSecondsPerEpoch(r.history, etaWindow)
	eta := time.Duration(perEpoch * float64(r.spec.Epochs-epoch) * float64(time.Second)).Round(time.Second)
	r.clearProgress() // the epoch line takes the bar's place; the bar is drawn again below it
	if r.opt.Terminal {
		r.logf("\r\033[K")
	}
	r.logf("%s %s epoch %d/%d  test err %.2f %% (%d)  %s  %.1f s/epoch  ETA %s\n",
		r.spec.Name, r.seed.Dir(), epoch, r.spec.Epochs, 100*float64(errs)/float64(len(r.testY)), errs,
		r.lossSummary(train), perEpoch, eta)
	return nil
}

// etaWindow is how many recent epochs the logged speed and ETA average over.
const etaWindow = 5

// recentSecondsPerEpoch returns the mean wall time of the last window epochs of a history whose
// Seconds are cumulative, so that the logged speed follows the machine as it is now rather than
// averaging in epochs run by another binary or beside other work. With a single epoch it is that
// epoch's time.
func recentSecondsPerEpoch(h []EpochLog, window int) float64 {
	n := len(h)
	if n == 0 {
		return 0
	}
	k := min(window, n-1)
	if k <= 0 {
		return h[n-1].Seconds / float64(max(h[n-1].Epoch, 1))
	}
	return (h[n-1].Seconds - h[n-1-k].Seconds) / float64(h[n-1].Epoch-h[n-1-k].Epoch)
}

// lossSummary formats the epoch's mean losses: the labeled loss, and for an SSGAN the
// unlabeled and generator losses too (a supervised run has none to show).
func (r *classifierRun) lossSummary(train map[string]float64) string {
	s := fmt.Sprintf("loss_lab %.4f", train["loss_lab"])
	if r.spec.Model.Method == "ssgan" {
		s += fmt.Sprintf("  loss_unl %.4f  loss_gen %.4f", train["loss_unl"], train["loss_gen"])
	}
	return s
}

// progress shows the within-epoch progress: a bar with the time left on Options.Progress (a
// terminal), else a plain line every LogEvery iterations (redrawn in place on a Terminal).
func (r *classifierRun) progress(s *core.State) {
	ipe := r.spec.ItersPerEpoch
	if r.opt.Progress != nil {
		if r.bar == nil {
			r.bar = newProgressBar(r.opt.Progress, r.iter0, r.spec.Epochs*ipe)
		}
		r.bar.show(s.Iter, fmt.Sprintf("%s %s epoch %d/%d  loss_lab %.4f", r.spec.Name, r.seed.Dir(), s.Iter/ipe+1, r.spec.Epochs, s.Metrics["loss_lab"]))
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
	msPerIter := 1000 * time.Since(r.start).Seconds() / float64(max(s.Iter-r.iter0, 1))
	msg := fmt.Sprintf("%s %s epoch %d/%d  iter %d/%d  loss_lab %.4f  %.0f ms/iter",
		r.spec.Name, r.seed.Dir(), s.Iter/ipe+1, r.spec.Epochs, s.Iter%ipe, ipe, s.Metrics["loss_lab"], msPerIter)
	if r.opt.Terminal {
		r.logf("\r\033[K%s", msg)
	} else {
		r.logf("%s\n", msg)
	}
}

// clearProgress erases the progress bar, if one is drawn.
func (r *classifierRun) clearProgress() {
	if r.bar != nil {
		r.bar.clear()
	}
}

// setLR sets both optimisers' learning rate for the epoch after epochsDone: constant until
// LRDecayStart of the run, then linear decay reaching zero at the end.
func (r *classifierRun) setLR(epochsDone int) {
	base, e, n := r.spec.Model.LR, float64(epochsDone), float64(r.spec.Epochs)
	lr := base
	if start := r.spec.LRDecayStart * n; e >= start && n > start {
		lr = base * (n - e) / (n - start)
	}
	r.model.m.DOpt.LR = lr
	if r.model.m.GOpt != nil {
		r.model.m.GOpt.LR = lr
	}
}
