package experiments

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/metrics"
	"github.com/ssgan/ssgan/results"
	"github.com/ssgan/ssgan/ssgan"
)

// ErrInterrupted reports a run stopped by its context (SIGINT, SIGTERM) after its checkpoint was
// written; rerunning the same command resumes it.
var ErrInterrupted = errors.New("experiments: interrupted; checkpoint written, rerun the same command to resume")

// classifierRun is one seed of a classifier experiment in progress.
type classifierRun struct {
	spec    Spec
	seed    Seed
	dir     *runDir
	opt     Options
	model   *classifier
	test    []float32
	testY   []int
	data    *datasets.Dataset // its name and image size go into weights.npz
	history []EpochLog
	start   time.Time
	// seconds is the training time of earlier sessions of this run.
	seconds float64
	// iter0 is the iteration this session of the run started from.
	iter0 int
	// checkpointIter is the iteration of the latest checkpoint on disk (0: none).
	checkpointIter int
	state          *core.State
	env            environment
	// commits are the revisions of the binaries of earlier sessions.
	commits provenance
	// bar is the progress bar on Options.Progress, once drawn (epoch.go).
	bar *progressBar
}

// runClassifier trains one seed of a classifier spec to its end, resuming from the run
// directory's checkpoint, and returns its result record.
func runClassifier(ctx context.Context, spec Spec, seed Seed, data *datasets.Dataset, dir *runDir, opt Options) (*results.Record, error) {
	r := &classifierRun{spec: spec, seed: seed, dir: dir, opt: opt, env: currentEnvironment()}
	if rec, done := r.finished(); done {
		return rec, nil
	}
	r.logf("%s %s: %s\n", spec.Name, seed.Dir(), Estimate(spec))
	if err := r.setup(data); err != nil {
		return nil, err
	}
	defer r.model.m.Close()
	defer r.clearProgress()
	hooks := append(spec.Tricks.Hooks(), (*epochHook)(r))
	if opt.afterIter != nil {
		hooks = append(hooks, afterIterHook{fn: opt.afterIter, m: r.model.m})
	}
	tr := &core.Trainer{Model: r.model, Hooks: hooks}
	r.start, r.iter0 = time.Now(), r.state.Iter
	r.setLR(r.state.Iter / spec.ItersPerEpoch)
	err := tr.Run(ctx, r.state, spec.Epochs*spec.ItersPerEpoch)
	var div *nn.DivergedError
	switch {
	case err == nil:
		return r.finish()
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		if cerr := r.checkpoint(); cerr != nil {
			return nil, cerr
		}
		return nil, fmt.Errorf("%w (%s at iteration %d)", ErrInterrupted, r.dir.path, r.state.Iter)
	case errors.As(err, &div):
		rec := r.record(results.StatusDiverged)
		kept := "no checkpoint was written before it"
		if r.checkpointIter > 0 {
			kept = fmt.Sprintf("the last good checkpoint (iteration %d) is kept", r.checkpointIter)
		}
		rec.Note = fmt.Sprintf("%v after %d completed iterations; %s", err, r.state.Iter, kept)
		if werr := results.WriteRecord(r.dir.file(results.RecordFile), rec); werr != nil {
			return nil, werr
		}
		r.logf("%s %s: %s\n", r.spec.Name, r.seed.Dir(), rec.Note)
		return rec, fmt.Errorf("experiments: %s: %w; recorded as diverged, %s", r.dir.path, err, kept)
	default:
		return nil, err
	}
}

// finished returns the existing record of a run that already ended: it diverged, or it finished
// at least the spec's epochs (a spec with more epochs extends a finished run from its checkpoint).
func (r *classifierRun) finished() (*results.Record, bool) {
	return r.dir.finishedRecord(r.spec.Hash(), r.spec.Epochs*r.spec.ItersPerEpoch)
}

// setup loads the split, builds the model and either initialises it or resumes it.
func (r *classifierRun) setup(data *datasets.Dataset) error {
	split, err := r.split(data.Train.Labels)
	if err != nil {
		return err
	}
	m, err := ssgan.New(r.spec.Model, r.seed.Model)
	if err != nil {
		return err
	}
	pixels := data.Train.Images.Float32(0, 1)
	r.model = &classifier{m: m, f: newFeeder(pixels, data.Train.Labels, split, r.spec.Model.Batch, r.seed.Data, m.G != nil), sums: map[string]float64{}}
	r.test = data.Test.Images.Float32(0, 1)
	r.data = data
	r.testY = make([]int, len(data.Test.Labels))
	for i, y := range data.Test.Labels {
		r.testY[i] = int(y)
	}
	r.state = core.NewState(core.Plan{DSteps: 1, GSteps: 1, FakeWeight: 1})
	if m.G == nil {
		r.state.Default.GSteps, r.state.Plan.GSteps = 0, 0
	}
	init, err := initRows(r.spec, pixels, r.spec.Model.InputDim, r.seed.Data)
	if err != nil {
		return err
	}
	if err := m.Init(init); err != nil {
		return err
	}
	if !r.dir.exists(CheckpointFile) {
		return truncateLog(r.dir.file(MetricsFile), 0)
	}
	return r.resume()
}

// split returns the labeled indices: the saved split of this run, or a new one saved now.
func (r *classifierRun) split(labels []uint8) ([]int, error) {
	if r.spec.LabelsPerClass == 0 {
		all := make([]int, len(labels))
		for i := range all {
			all[i] = i
		}
		return all, nil
	}
	path := r.dir.file(SplitFile)
	if r.dir.exists(SplitFile) {
		s, err := datasets.LoadSplit(path, labels)
		if err != nil {
			return nil, err
		}
		if s.PerClass != r.spec.LabelsPerClass || s.DataSeed != r.seed.Data {
			return nil, fmt.Errorf("experiments: %s: split of %d per class with data seed %d, want %d and %d", path, s.PerClass, s.DataSeed, r.spec.LabelsPerClass, r.seed.Data)
		}
		return s.Indices, nil
	}
	s, err := datasets.NewSplit(labels, r.spec.LabelsPerClass, r.spec.Model.Classes, r.seed.Data)
	if err != nil {
		return nil, fmt.Errorf("experiments: %s: labels_per_class %d: %w", r.spec.Name, r.spec.LabelsPerClass, err)
	}
	return s.Indices, s.Save(path)
}

// resume restores the checkpoint of an interrupted run.
func (r *classifierRun) resume() error {
	ck, err := LoadCheckpoint(r.dir.file(CheckpointFile))
	if err != nil {
		return err
	}
	if ck.ConfigHash != r.spec.Hash() {
		return fmt.Errorf("experiments: %s: checkpoint belongs to spec %s, not %s", r.dir.path, ck.ConfigHash, r.spec.Hash())
	}
	if err := r.model.load(ck); err != nil {
		return fmt.Errorf("experiments: %s: %w", r.dir.file(CheckpointFile), err)
	}
	ck.Restore(r.state)
	r.checkpointIter = ck.Iter
	r.seconds = ck.Vars["seconds"]
	if r.commits, err = resumedProvenance(ck); err != nil {
		return fmt.Errorf("experiments: %s: %w", r.dir.file(CheckpointFile), err)
	}
	if h, ok := ck.Extra["history"]; ok {
		if err := json.Unmarshal(h, &r.history); err != nil {
			return fmt.Errorf("experiments: %s: history: %w", r.dir.file(CheckpointFile), err)
		}
	}
	r.logf("resuming %s %s from iteration %d (epoch %d)\n", r.spec.Name, r.seed.Dir(), r.state.Iter, r.state.Iter/r.spec.ItersPerEpoch)
	return truncateLog(r.dir.file(MetricsFile), r.state.Iter)
}

// elapsed is the total training time of the run so far.
func (r *classifierRun) elapsed() float64 { return r.seconds + time.Since(r.start).Seconds() }

// checkpoint writes the run's whole state atomically.
func (r *classifierRun) checkpoint() error {
	ck := core.NewCheckpoint(r.spec.Hash(), r.state)
	ck.Vars["seconds"] = r.elapsed()
	if err := r.model.save(ck); err != nil {
		return err
	}
	h, err := json.Marshal(r.history)
	if err != nil {
		return err
	}
	ck.Extra["history"] = h
	if err := r.commits.save(ck, r.env.Commit, r.state.Iter > r.iter0); err != nil {
		return err
	}
	if err := SaveCheckpoint(r.dir.file(CheckpointFile), ck); err != nil {
		return err
	}
	r.checkpointIter = r.state.Iter
	return nil
}

// evaluate classifies the test set with the moving average of D.
func (r *classifierRun) evaluate() (errs int, conf [][]int, err error) {
	pred, err := r.model.m.Predict(r.test, true)
	if err != nil {
		return 0, nil, err
	}
	if errs, err = metrics.ErrorCount(pred, r.testY); err != nil {
		return 0, nil, err
	}
	conf, err = metrics.Confusion(pred, r.testY, r.spec.Model.Classes)
	return errs, conf, err
}

// record builds the run's result record from its history.
func (r *classifierRun) record(status string) *results.Record {
	rec := &results.Record{
		Experiment: r.spec.Name, Method: r.spec.Method(), Labels: r.labels(),
		ModelSeed: r.seed.Model, DataSeed: r.seed.Data, Status: status,
		Iterations: r.state.Iter, Epochs: r.state.Iter / r.spec.ItersPerEpoch, TestSize: len(r.testY),
		Seconds: r.elapsed(), BLAS: r.env.BLAS, Threads: r.env.Threads, GoVersion: r.env.GoVersion, CPU: r.env.CPU, Commit: r.env.Commit,
		ConfigHash: r.spec.Hash(), BestTestErrors: -1, Commits: r.commits.mixed(r.env.Commit, r.state.Iter > r.iter0),
		Dataset: r.opt.dataset.Name, DatasetSHA256: r.opt.dataset.SHA256,
		Sweep: r.spec.Sweep,
	}
	if rec.Epochs > 0 {
		rec.SecondsPerEpoch = rec.Seconds / float64(rec.Epochs)
	}
	for _, h := range r.history {
		if rec.BestTestErrors < 0 || h.TestErrors < rec.BestTestErrors {
			rec.BestTestErrors, rec.BestEpoch = h.TestErrors, h.Epoch
		}
	}
	if n := len(r.history); n > 0 {
		rec.FinalTestErrors = r.history[n-1].TestErrors
		rec.FinalAccuracy = 1 - float64(rec.FinalTestErrors)/float64(rec.TestSize)
	}
	return rec
}

// finish evaluates the final model and writes result.json.
func (r *classifierRun) finish() (*results.Record, error) {
	errs, conf, err := r.evaluate()
	if err != nil {
		return nil, err
	}
	rec := r.record(results.StatusFinished)
	if rec.FinalTestErrors != errs {
		return nil, fmt.Errorf("experiments: internal: final evaluation %d differs from the last epoch's %d", errs, rec.FinalTestErrors)
	}
	rec.Confusion = conf
	if rec.PerClassAccuracy, err = metrics.PerClassAccuracy(conf); err != nil {
		return nil, err
	}
	if err := r.writeWeights(rec); err != nil {
		return nil, err
	}
	if err := results.WriteRecord(r.dir.file(results.RecordFile), rec); err != nil {
		return nil, err
	}
	r.logf("%s %s: final test errors %d / %d (%.2f %%), best during training %d at epoch %d, %.0f s\n",
		r.spec.Name, r.seed.Dir(), rec.FinalTestErrors, rec.TestSize, 100*(1-rec.FinalAccuracy), rec.BestTestErrors, rec.BestEpoch, rec.Seconds)
	return rec, nil
}

// logf writes a progress line.
func (r *classifierRun) logf(format string, args ...any) {
	if r.opt.Log != nil {
		fmt.Fprintf(r.opt.Log, format, args...)
	}
}
