package experiments

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/results"
)

// ErrInterrupted reports a run stopped by its context (SIGINT, SIGTERM) after its checkpoint was
// written; rerunning the same command resumes it.
var ErrInterrupted = errors.New("experiments: interrupted; checkpoint written, rerun the same command to resume")

// run is one seed of one experiment in progress: the one lifecycle every method goes through.
// It builds the method from the registry, draws its data from a seeded source, runs the trainer
// with the tricks' hooks and the run's own report hook, checkpoints at every report, resumes
// from the last checkpoint, records divergence, and writes the result record. What differs by
// kind is only the report: epochs with test errors (a classifier, report_epochs.go) or sample
// grids (a GAN, report_samples.go).
type run struct {
	spec  Spec
	seed  Seed
	dir   *runDir
	opt   Options
	env   environment
	data  *datasets.Dataset
	entry Method
	// method is the model being trained; src its data; state the trainer's state.
	method core.Method
	src    *dataSource
	state  *core.State
	// report is the kind's periodic output.
	report reporter
	// interval accumulates the logged numbers since the last report (checkpointed).
	interval intervalMeans
	// clock is this session's training time, stopped spans left out.
	clock *activeClock
	// seconds is the training time of earlier sessions of this run.
	seconds float64
	// iter0 is the iteration this session of the run started from.
	iter0 int
	// checkpointIter is the iteration of the latest checkpoint on disk (0: none).
	checkpointIter int
	// commits are the revisions of the binaries of earlier sessions, blases their BLASes. A
	// session's BLAS joins the record's list even if it trained nothing: the final evaluation, and
	// so the final errors, ran under it.
	commits, blases provenance
	// bar is the progress bar on Options.Progress, once drawn.
	bar *progressBar
}

// reporter is what a kind of method adds to the lifecycle: how often it reports, what a report
// writes, what its result record holds and what its end writes.
type reporter interface {
	// length is the run's length in iterations and every the interval of its reports.
	length() int
	every() int
	// hooks are the kind's own hooks, run before the report (the learning-rate schedule).
	hooks() []core.Hook
	// write makes the report at iteration s.Iter from the interval's means, and returns the
	// line to print.
	write(s *core.State, means map[string]float64) (string, error)
	// position says where an iteration is, at length ("epoch 3/60  iter 100/600") or short
	// for a progress bar's label ("epoch 3/60"); resumed what the resume line adds after the
	// iteration (" (epoch 26)").
	position(iter int, short bool) string
	resumed(iter int) string
	// headline is the number the progress line shows.
	headline(m map[string]float64) string
	// save and load carry the report's own history in a checkpoint.
	save(ck *core.Checkpoint) error
	load(ck *core.Checkpoint) error
	// record fills in the kind's fields of a result record.
	record(rec *results.Record)
	// finish adds what the end of a finished run writes (weights, quality) to rec; drawings
	// also ends a diverged run.
	finish(ctx context.Context, rec *results.Record) error
	drawings() error
}

// trainRun trains one seed of a spec to its end, resuming from the run directory's checkpoint,
// and returns its result record.
func trainRun(ctx context.Context, spec Spec, seed Seed, data *datasets.Dataset, dir *runDir, opt Options) (*results.Record, error) {
	entry, err := methodOf(spec)
	if err != nil {
		return nil, fmt.Errorf("experiments: %s: %w", spec.Name, err)
	}
	r := &run{spec: spec, seed: seed, dir: dir, opt: opt, env: currentEnvironment(), data: data, entry: entry}
	r.report = newReporter(r)
	if rec, done := r.dir.finishedRecord(spec.Hash(), r.report.length()); done {
		return rec, nil
	}
	r.logf("%s %s: %s\n", spec.Name, seed.Dir(), Estimate(spec))
	if err := r.setup(); err != nil {
		return nil, err
	}
	defer r.method.Close()
	defer r.clearProgress()
	hooks := append(spec.Tricks.Hooks(), r.report.hooks()...)
	hooks = append(hooks, (*reportHook)(r))
	if opt.afterIter != nil {
		hooks = append(hooks, afterIterHook{fn: opt.afterIter, m: r.method})
	}
	tr := &core.Trainer{Method: r.method, Source: r.src, Hooks: hooks}
	r.clock, r.iter0 = startClock(), r.state.Iter
	defer r.clock.stop()
	err = tr.Run(ctx, r.state, r.report.length())
	var div *nn.DivergedError
	switch {
	case err == nil:
		return r.finish(ctx)
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		if cerr := r.checkpoint(); cerr != nil {
			return nil, cerr
		}
		return nil, fmt.Errorf("%w (%s at iteration %d)", ErrInterrupted, r.dir.path, r.state.Iter)
	case errors.As(err, &div):
		return r.diverged(err)
	default:
		return nil, err
	}
}

// newReporter returns the report of the run's kind.
func newReporter(r *run) reporter {
	if r.entry.Kind == "gan" {
		return &sampleReport{r: r}
	}
	return &epochReport{r: r}
}

// setup builds the method and its data source, initialises the method and either starts afresh
// or resumes.
func (r *run) setup() error {
	if err := checkData(r.spec, r.data); err != nil {
		return err
	}
	m, err := r.entry.New(r.spec, r.seed.Model)
	if err != nil {
		return fmt.Errorf("experiments: %s: %w", r.spec.Name, err)
	}
	r.method = m
	err = r.prepare()
	if err != nil {
		m.Close()
	}
	return err
}

// prepare makes the source, runs the data-dependent initialisation and restores a checkpoint.
func (r *run) prepare() error {
	lo, hi := r.entry.Pixels[0], r.entry.Pixels[1]
	pixels := r.data.Train.Images.Float32(lo, hi)
	var split []int
	if r.entry.Labeled {
		var err error
		if split, err = r.split(); err != nil {
			return err
		}
	}
	r.src = newDataSource(pixels, r.data.Train.Labels, split, r.seed.Data, r.entry.Streams(r.spec))
	r.state = core.NewState(core.DefaultPlan(r.entry.Capabilities(r.spec)))
	r.interval = newIntervalMeans()
	init, err := initRows(r.spec, pixels, r.data.Train.Images.Dim(), r.seed.Data)
	if err != nil {
		return err
	}
	if err := r.method.Init(init); err != nil {
		return err
	}
	if err := r.report.load(nil); err != nil { // the report's fresh state
		return err
	}
	if !r.dir.exists(CheckpointFile) {
		return truncateLog(r.dir.file(MetricsFile), 0)
	}
	return r.resume()
}

// split returns the labeled indices: all of them for labels_per_class 0, else the saved split
// of this run, or a new one saved now.
func (r *run) split() ([]int, error) {
	labels := r.data.Train.Labels
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

// Names of the lifecycle's entries in a checkpoint's Vars and Extra.
const (
	secondsVar  = "seconds"
	intervalKey = "interval"
	// epochSumsKey names the running sums of checkpoints written before intervalKey.
	epochSumsKey = "epoch_sums"
)

// resume restores the checkpoint of an interrupted run and drops the log lines written after it.
func (r *run) resume() error {
	path := r.dir.file(CheckpointFile)
	ck, err := LoadCheckpoint(path)
	if err != nil {
		return err
	}
	if ck.ConfigHash != r.spec.Hash() {
		return fmt.Errorf("experiments: %s: checkpoint belongs to spec %s, not %s", r.dir.path, ck.ConfigHash, r.spec.Hash())
	}
	if err := r.restore(ck); err != nil {
		return fmt.Errorf("experiments: %s: %w", path, err)
	}
	ck.Restore(r.state)
	r.checkpointIter = ck.Iter
	r.logf("resuming %s %s from iteration %d%s\n", r.spec.Name, r.seed.Dir(), r.state.Iter, r.report.resumed(r.state.Iter))
	if was := r.blases.last(); was != unrecorded && was != r.env.BLAS {
		r.logf("%s %s: trained so far under BLAS %s, resumed under %s: its products round another way from here on (result.json lists both)\n",
			r.spec.Name, r.seed.Dir(), was, r.env.BLAS)
	}
	return truncateLog(r.dir.file(MetricsFile), r.state.Iter)
}

// restore reads the method, the source, the report and the lifecycle's own state from ck.
func (r *run) restore(ck *core.Checkpoint) error {
	if err := r.method.Load(ck); err != nil {
		return err
	}
	if err := r.src.restore(ck.RNG); err != nil {
		return err
	}
	if err := r.report.load(ck); err != nil {
		return err
	}
	var err error
	if r.commits, err = resumedProvenance(ck, commitsKey); err != nil {
		return err
	}
	if r.blases, err = resumedProvenance(ck, blasesKey); err != nil {
		return err
	}
	r.seconds = ck.Vars[secondsVar]
	r.interval, err = loadIntervalMeans(ck)
	return err
}

// checkpoint writes the run's whole state atomically.
func (r *run) checkpoint() error {
	ck := core.NewCheckpoint(r.spec.Hash(), r.state)
	ck.Vars[secondsVar] = r.elapsed()
	if err := r.method.Save(ck); err != nil {
		return err
	}
	if err := r.src.save(ck.RNG); err != nil {
		return err
	}
	if err := r.report.save(ck); err != nil {
		return err
	}
	b, err := json.Marshal(r.interval)
	if err != nil {
		return err
	}
	ck.Extra[intervalKey] = b
	if err := r.commits.save(ck, commitsKey, r.env.Commit, r.trained()); err != nil {
		return err
	}
	if err := r.blases.save(ck, blasesKey, r.env.BLAS, r.trained()); err != nil {
		return err
	}
	if err := SaveCheckpoint(r.dir.file(CheckpointFile), ck); err != nil {
		return err
	}
	r.checkpointIter = r.state.Iter
	return nil
}

// trained reports whether this session of the run ran iterations.
func (r *run) trained() bool { return r.state.Iter > r.iter0 }

// elapsed is the total training time of the run so far.
func (r *run) elapsed() float64 {
	if r.clock == nil { // not training yet
		return r.seconds
	}
	return r.seconds + r.clock.elapsed().Seconds()
}

// record builds the run's result record.
func (r *run) record(status string) *results.Record {
	rec := &results.Record{
		Experiment: r.spec.Name, Method: r.spec.Method(), ModelSeed: r.seed.Model, DataSeed: r.seed.Data,
		Status: status, Iterations: r.state.Iter, Seconds: r.elapsed(),
		BLAS: r.env.BLAS, Threads: r.env.Threads, GoVersion: r.env.GoVersion, CPU: r.env.CPU, Commit: r.env.Commit,
		ConfigHash: r.spec.Hash(), Commits: r.commits.mixed(r.env.Commit, r.trained()),
		BLASes: r.blases.mixed(r.env.BLAS, true), Sweep: r.spec.Sweep,
		Dataset: r.opt.dataset.Name, DatasetSHA256: r.opt.dataset.SHA256, Engine: results.EngineCounter,
	}
	r.report.record(rec)
	if rec.Epochs > 0 {
		rec.SecondsPerEpoch = rec.Seconds / float64(rec.Epochs)
	}
	return rec
}

// finish writes what a finished run ends with and its record.
func (r *run) finish(ctx context.Context) (*results.Record, error) {
	rec := r.record(results.StatusFinished)
	if err := r.report.drawings(); err != nil {
		return nil, err
	}
	if err := r.report.finish(ctx, rec); err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w (%s: finishing iteration %d)", ErrInterrupted, r.dir.path, r.state.Iter)
		}
		return nil, err
	}
	if err := results.WriteRecord(r.dir.file(results.RecordFile), rec); err != nil {
		return nil, err
	}
	return rec, nil
}

// diverged records a run stopped by a NaN or infinite number, keeping its last good checkpoint,
// and returns the record with the error.
func (r *run) diverged(err error) (*results.Record, error) {
	rec := r.record(results.StatusDiverged)
	kept := "no checkpoint was written before it"
	if r.checkpointIter > 0 {
		kept = fmt.Sprintf("the last good checkpoint (iteration %d) is kept", r.checkpointIter)
	}
	rec.Note = fmt.Sprintf("%v after %d completed iterations; %s", err, r.state.Iter, kept)
	if derr := r.report.drawings(); derr != nil {
		r.logf("%s %s: %v\n", r.spec.Name, r.seed.Dir(), derr)
	}
	if werr := results.WriteRecord(r.dir.file(results.RecordFile), rec); werr != nil {
		return nil, werr
	}
	r.logf("%s %s: %s\n", r.spec.Name, r.seed.Dir(), rec.Note)
	return rec, fmt.Errorf("experiments: %s: %w; recorded as diverged, %s", r.dir.path, err, kept)
}

// logf writes a progress line.
func (r *run) logf(format string, args ...any) {
	if r.opt.Log != nil {
		fmt.Fprintf(r.opt.Log, format, args...)
	}
}
