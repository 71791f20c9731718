package experiments

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/metrics"
	"github.com/ssgan/ssgan/results"
)

// epochReport is a classifier's report: at the end of each epoch the test errors of the
// averaged weights, a metrics.jsonl line (EpochLog), the curve; at the end the confusion matrix
// and the weights file. Its learning-rate schedule runs as a hook.
type epochReport struct {
	r       *run
	history []EpochLog
	test    []float32
	testY   []int
}

func (e *epochReport) length() int { return e.r.spec.Epochs * e.r.spec.ItersPerEpoch }
func (e *epochReport) every() int  { return e.r.spec.ItersPerEpoch }

// classifier is the run's method as a classifier (the registry guarantees it for this kind).
func (e *epochReport) classifier() core.Classifier { return e.r.method.(core.Classifier) }

// hooks is the learning-rate schedule.
func (e *epochReport) hooks() []core.Hook {
	return []core.Hook{&lrSchedule{spec: e.r.spec, m: e.r.method}}
}

// write evaluates the epoch and logs it.
func (e *epochReport) write(s *core.State, train map[string]float64) (string, error) {
	r, ipe := e.r, e.r.spec.ItersPerEpoch
	epoch := s.Iter / ipe
	errs, _, err := e.evaluate()
	if err != nil {
		return "", err
	}
	line := EpochLog{Epoch: epoch, Iter: s.Iter, LR: r.method.Optimizers()[0].LR, TestErrors: errs, TestSize: len(e.testY),
		Seconds: r.elapsed(), Train: train, Counters: maps.Clone(s.Counters)}
	e.history = append(e.history, line)
	if err := appendJSONLine(r.dir.file(MetricsFile), line); err != nil {
		return "", err
	}
	if err := e.writeCurve(); err != nil {
		return "", err
	}
	perEpoch := recentSecondsPerEpoch(e.history, etaWindow)
	eta := time.Duration(perEpoch * float64(r.spec.Epochs-epoch) * float64(time.Second)).Round(time.Second)
	return fmt.Sprintf("%s %s epoch %d/%d  test err %.2f %% (%d)  %s  %.1f s/epoch  ETA %s",
		r.spec.Name, r.seed.Dir(), epoch, r.spec.Epochs, 100*float64(errs)/float64(len(e.testY)), errs,
		lossSummary(train), perEpoch, eta), nil
}

func (e *epochReport) position(iter int, short bool) string {
	ipe := e.r.spec.ItersPerEpoch
	if short {
		return fmt.Sprintf("epoch %d/%d", iter/ipe+1, e.r.spec.Epochs)
	}
	return fmt.Sprintf("epoch %d/%d  iter %d/%d", iter/ipe+1, e.r.spec.Epochs, iter%ipe, ipe)
}

func (e *epochReport) resumed(iter int) string {
	return fmt.Sprintf(" (epoch %d)", iter/e.r.spec.ItersPerEpoch)
}

func (e *epochReport) headline(m map[string]float64) string {
	return fmt.Sprintf("loss_lab %.4f", m["loss_lab"])
}

// historyKey names the epoch history in a checkpoint's Extra.
const historyKey = "history"

func (e *epochReport) save(ck *core.Checkpoint) error {
	h, err := json.Marshal(e.history)
	if err != nil {
		return err
	}
	ck.Extra[historyKey] = h
	return nil
}

// load prepares the test set (ck nil) or restores the history.
func (e *epochReport) load(ck *core.Checkpoint) error {
	if ck == nil {
		d := e.r.data
		e.test = d.Test.Images.Float32(e.r.entry.Pixels[0], e.r.entry.Pixels[1])
		e.testY = make([]int, len(d.Test.Labels))
		for i, y := range d.Test.Labels {
			e.testY[i] = int(y)
		}
		return nil
	}
	if h, ok := ck.Extra[historyKey]; ok {
		if err := json.Unmarshal(h, &e.history); err != nil {
			return fmt.Errorf("history: %w", err)
		}
	}
	return nil
}

// evaluate classifies the test set with the moving average of the weights.
func (e *epochReport) evaluate() (errs int, conf [][]int, err error) {
	pred, err := e.classifier().Predict(e.test, true)
	if err != nil {
		return 0, nil, err
	}
	if errs, err = metrics.ErrorCount(pred, e.testY); err != nil {
		return 0, nil, err
	}
	conf, err = metrics.Confusion(pred, e.testY, e.classifier().Classes())
	return errs, conf, err
}

// record fills in the labels, the epochs and the test errors: the final epoch's (the result)
// and the best epoch's (information only).
func (e *epochReport) record(rec *results.Record) {
	r := e.r
	rec.Labels, rec.TestSize = r.spec.Labels(), len(e.testY)
	if r.spec.LabelsPerClass == 0 {
		rec.Labels = r.data.Train.Len()
	}
	rec.Epochs, rec.BestTestErrors = r.state.Iter/r.spec.ItersPerEpoch, -1
	for _, h := range e.history {
		if rec.BestTestErrors < 0 || h.TestErrors < rec.BestTestErrors {
			rec.BestTestErrors, rec.BestEpoch = h.TestErrors, h.Epoch
		}
	}
	if n := len(e.history); n > 0 {
		rec.FinalTestErrors = e.history[n-1].TestErrors
		rec.FinalAccuracy = 1 - float64(rec.FinalTestErrors)/float64(rec.TestSize)
	}
}

// finish evaluates the final model again (it must agree with the last epoch's line), adds the
// confusion matrix and writes the weights.
func (e *epochReport) finish(_ context.Context, rec *results.Record) error {
	errs, conf, err := e.evaluate()
	if err != nil {
		return err
	}
	if rec.FinalTestErrors != errs {
		return fmt.Errorf("experiments: internal: final evaluation %d differs from the last epoch's %d", errs, rec.FinalTestErrors)
	}
	rec.Confusion = conf
	if rec.PerClassAccuracy, err = metrics.PerClassAccuracy(conf); err != nil {
		return err
	}
	if err := e.r.writeWeights(rec); err != nil {
		return err
	}
	e.r.logf("%s %s: final test errors %d / %d (%.2f %%), best during training %d at epoch %d, %.0f s\n",
		e.r.spec.Name, e.r.seed.Dir(), rec.FinalTestErrors, rec.TestSize, 100*(1-rec.FinalAccuracy), rec.BestTestErrors, rec.BestEpoch, rec.Seconds)
	return nil
}

// drawings: the curve is drawn every epoch.
func (e *epochReport) drawings() error { return nil }

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

// lossSummary formats an epoch's mean losses: loss_lab, then the method's other loss_* numbers
// (the SSGAN's loss_unl and loss_gen first, in that order).
func lossSummary(train map[string]float64) string {
	var parts []string
	for _, k := range lossOrder(train) {
		parts = append(parts, fmt.Sprintf("%s %.4f", k, train[k]))
	}
	return strings.Join(parts, "  ")
}

// lossOrder lists the loss_* keys of m: loss_lab, loss_unl, loss_gen, then the rest sorted.
func lossOrder(m map[string]float64) []string {
	out := []string{"loss_lab"}
	for _, k := range []string{"loss_unl", "loss_gen"} {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if strings.HasPrefix(k, "loss_") && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// lrSchedule sets the method's learning rate before the first iteration of each epoch from the
// epochs done, e: the base rate until LRDecayStart of the run, then linear decay reaching zero at
// the end: base·(n−e)/(n−s) once e ≥ s, with s = LRDecayStart·n. It also sets it before the
// session's first iteration, which a run resumed mid-epoch starts with.
type lrSchedule struct {
	spec Spec
	m    core.Method
	set  bool
}

// Before sets the rate at an epoch's start.
func (l *lrSchedule) Before(s *core.State) error {
	if l.set && s.Iter%l.spec.ItersPerEpoch != 0 {
		return nil
	}
	l.set = true
	lr := scheduledLR(l.spec.Model.LR, l.spec.LRDecayStart, s.Iter/l.spec.ItersPerEpoch, l.spec.Epochs)
	for _, o := range l.m.Optimizers() {
		o.LR = lr
	}
	return nil
}

// scheduledLR is the rate of the epoch after epochsDone of n.
func scheduledLR(base, decayStart float64, epochsDone, n int) float64 {
	e, fn := float64(epochsDone), float64(n)
	if start := decayStart * fn; e >= start && fn > start {
		return base * (fn - e) / (fn - start)
	}
	return base
}
