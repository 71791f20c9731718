package experiments

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/results"
)

// Files of a GAN run directory, besides those of every run (spec.yaml, metrics.jsonl,
// checkpoint.gob, result.json).
const (
	// SamplesDir holds the 5×5 grid of every log line, samples/iter-NNNNNN.png.
	SamplesDir = "samples"
	// SamplesFile is the latest grid.
	SamplesFile = "samples.png"
	// LossesFile is the loss curves, drawn at the end of the run.
	LossesFile = "losses.png"
)

// ganRun is one seed of a GAN experiment in progress.
type ganRun struct {
	spec Spec
	seed Seed
	data *datasets.Dataset
	dir  *runDir
	opt  Options
	env  environment
	// commits are the revisions of the binaries of earlier sessions.
	commits provenance
	model   *core.GAN
	// order is the model's batch order over the training images, seeded by the data seed.
	order *datasets.Shuffler
	state *core.State
	start time.Time
	// seconds is the training time of earlier sessions of this run.
	seconds float64
	// iter0 is the iteration this session of the run started from.
	iter0 int
	// checkpointIter is the iteration of the latest checkpoint on disk (0: none).
	checkpointIter int
	// interval accumulates the metrics since the last log line (checkpointed).
	interval intervalMeans
}

// intervalMeans accumulates each metric over the iterations that reported it.
type intervalMeans struct {
	Sums   map[string]float64 `json:"sums"`
	Counts map[string]int     `json:"counts"`
}

// ganRunState is what a GAN checkpoint carries besides the model and the trainer state.
type ganRunState struct {
	Seconds  float64       `json:"seconds"`
	Interval intervalMeans `json:"interval"`
}

// ganRunExtra is the name of ganRunState in the checkpoint's Extra.
const ganRunExtra = "gan_run"

// runGAN trains one seed of the article's GAN (kind gan) to its end, resuming from the run
// directory's checkpoint; it writes the log, the sample grids, the loss curves, the sample
// quality (quality.json) and the result record.
func runGAN(ctx context.Context, spec Spec, seed Seed, data *datasets.Dataset, dir *runDir, opt Options) (*results.Record, error) {
	r := &ganRun{spec: spec, seed: seed, data: data, dir: dir, opt: opt, env: currentEnvironment()}
	if rec, done := r.finished(); done {
		return rec, nil
	}
	r.logf("%s %s: %s\n", spec.Name, seed.Dir(), Estimate(spec))
	if err := r.setup(); err != nil {
		return nil, err
	}
	defer r.model.Close()
	tr := &core.Trainer{Model: r.model, Hooks: append(spec.Tricks.Hooks(), (*ganHook)(r))}
	r.start, r.iter0 = time.Now(), r.state.Iter
	err := tr.Run(ctx, r.state, spec.Iterations)
	var div *nn.DivergedError
	switch {
	case err == nil:
		return r.finish(ctx)
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return nil, r.interrupted()
	case errors.As(err, &div):
		return r.diverged(err)
	default:
		return nil, err
	}
}

// finished returns the existing record of a run that already ended: it diverged, or it finished
// at least the spec's iterations (a spec with more iterations extends a finished run from its
// checkpoint).
func (r *ganRun) finished() (*results.Record, bool) {
	return r.dir.finishedRecord(r.spec.Hash(), r.spec.Iterations)
}

// diverged records a run stopped by a NaN or infinite number (keeping its last good checkpoint
// and drawing its loss curves so far) and returns the record with the error.
func (r *ganRun) diverged(err error) (*results.Record, error) {
	rec := r.record(results.StatusDiverged)
	kept := "no checkpoint was written before it"
	if r.checkpointIter > 0 {
		kept = fmt.Sprintf("the last good checkpoint (iteration %d) is kept", r.checkpointIter)
	}
	rec.Note = fmt.Sprintf("%v after %d completed iterations; %s", err, r.state.Iter, kept)
	if perr := r.plotLosses(); perr != nil {
		r.logf("%s %s: %v\n", r.spec.Name, r.seed.Dir(), perr)
	}
	if werr := results.WriteRecord(r.dir.file(results.RecordFile), rec); werr != nil {
		return nil, werr
	}
	r.logf("%s %s: %s\n", r.spec.Name, r.seed.Dir(), rec.Note)
	return rec, fmt.Errorf("experiments: %s: %w; recorded as diverged, %s", r.dir.path, err, kept)
}

// setup builds the GAN on the training images and either starts afresh or resumes.
func (r *ganRun) setup() error {
	im := r.data.Train.Images
	if d := r.spec.GAN.Defaults().ImageDim; d != im.Dim() {
		return fmt.Errorf("experiments: %s: gan.image_dim %d, but the images have %d×%d = %d pixels", r.spec.Name, d, im.Rows, im.Cols, im.Dim())
	}
	r.order = datasets.NewShuffler(im.N, r.seed.Data)
	m, err := core.NewGAN(r.spec.GAN, im.Float32(-1, 1), r.seed.Model, r.order)
	if err != nil {
		return fmt.Errorf("experiments: %s: %w", r.spec.Name, err)
	}
	r.model, r.state = m, m.NewState()
	r.interval = intervalMeans{Sums: map[string]float64{}, Counts: map[string]int{}}
	if err := os.MkdirAll(r.dir.file(SamplesDir), 0o755); err != nil {
		m.Close()
		return fmt.Errorf("experiments: %w", err)
	}
	if !r.dir.exists(CheckpointFile) {
		err = truncateLog(r.dir.file(MetricsFile), 0)
	} else {
		err = r.resume()
	}
	if err != nil {
		m.Close()
	}
	return err
}

// resume restores the checkpoint of an interrupted run and drops the log lines written after it.
func (r *ganRun) resume() error {
	path := r.dir.file(CheckpointFile)
	ck, err := LoadCheckpoint(path)
	if err != nil {
		return err
	}
	if ck.ConfigHash != r.spec.Hash() {
		return fmt.Errorf("experiments: %s: checkpoint belongs to spec %s, not %s", r.dir.path, ck.ConfigHash, r.spec.Hash())
	}
	if err := r.model.Load(ck); err != nil {
		return fmt.Errorf("experiments: %s: %w", path, err)
	}
	ck.Restore(r.state)
	r.checkpointIter = ck.Iter
	if r.commits, err = resumedProvenance(ck); err != nil {
		return fmt.Errorf("experiments: %s: %w", path, err)
	}
	var st ganRunState
	if err := json.Unmarshal(ck.Extra[ganRunExtra], &st); err != nil {
		return fmt.Errorf("experiments: %s: run state: %w", path, err)
	}
	r.seconds = st.Seconds
	if st.Interval.Sums != nil && st.Interval.Counts != nil {
		r.interval = st.Interval
	}
	r.logf("resuming %s %s from iteration %d\n", r.spec.Name, r.seed.Dir(), r.state.Iter)
	return truncateLog(r.dir.file(MetricsFile), r.state.Iter)
}

// checkpoint writes the run's whole state atomically.
func (r *ganRun) checkpoint() error {
	ck := core.NewCheckpoint(r.spec.Hash(), r.state)
	if err := r.model.Save(ck); err != nil {
		return err
	}
	st, err := json.Marshal(ganRunState{Seconds: r.elapsed(), Interval: r.interval})
	if err != nil {
		return err
	}
	ck.Extra[ganRunExtra] = st
	if err := r.commits.save(ck, r.env.Commit, r.state.Iter > r.iter0); err != nil {
		return err
	}
	if err := SaveCheckpoint(r.dir.file(CheckpointFile), ck); err != nil {
		return err
	}
	r.checkpointIter = r.state.Iter
	return nil
}

// interrupted checkpoints a run stopped by its context and returns the ErrInterrupted to report.
func (r *ganRun) interrupted() error {
	if err := r.checkpoint(); err != nil {
		return err
	}
	return fmt.Errorf("%w (%s at iteration %d)", ErrInterrupted, r.dir.path, r.state.Iter)
}

// elapsed is the total training time of the run so far.
func (r *ganRun) elapsed() float64 { return r.seconds + time.Since(r.start).Seconds() }

// logf writes a progress line.
func (r *ganRun) logf(format string, args ...any) {
	if r.opt.Log != nil {
		fmt.Fprintf(r.opt.Log, format, args...)
	}
}
