package experiments

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"

	"github.com/ssgan/ssgan/results"
)

// Size of the loss-curve image in pixels.
const lossPlotW, lossPlotH = 800, 400

// finish writes the final checkpoint, the weights, the loss curves, the sample quality and the
// record. A cancelled context during the quality evaluation leaves the run to be finished by a
// rerun.
func (r *ganRun) finish(ctx context.Context) (*results.Record, error) {
	if err := r.checkpoint(); err != nil {
		return nil, err
	}
	rec := r.record(results.StatusFinished)
	if err := r.writeWeights(rec); err != nil {
		return nil, err
	}
	if err := r.plotLosses(); err != nil {
		return nil, err
	}
	q, err := r.quality(ctx)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return nil, fmt.Errorf("%w (%s: sample quality of iteration %d)", ErrInterrupted, r.dir.path, r.state.Iter)
	} else if err != nil {
		return nil, err
	}
	rec.Note = fmt.Sprintf("sample quality: classifier IS %.3f, Fréchet distance %.3f (real data: %.3f, %.3f); see %s",
		q.InceptionScore, q.FrechetDistance, q.Real.TestInceptionScore, q.Real.TrainTestFrechetDistance, results.QualityFile)
	if err := results.WriteRecord(r.dir.file(results.RecordFile), rec); err != nil {
		return nil, err
	}
	r.logf("%s %s: %d iterations in %.0f s; %s\n", r.spec.Name, r.seed.Dir(), rec.Iterations, rec.Seconds, rec.Note)
	return rec, nil
}

// quality scores the generator with the cached classifier and writes quality.json.
func (r *ganRun) quality(ctx context.Context) (*results.QualityRecord, error) {
	cl, err := LoadQualityClassifier(ctx, r.opt.OutDir, r.data, r.logf)
	if err != nil {
		return nil, err
	}
	defer cl.Close()
	q, err := cl.EvaluateGenerator(ctx, r.model.G, r.model.Cfg, r.data)
	if err != nil {
		return nil, err
	}
	q.Experiment, q.ModelSeed, q.DataSeed = r.spec.Name, r.seed.Model, r.seed.Data
	q.Iterations, q.ConfigHash = r.state.Iter, r.spec.Hash()
	return q, results.WriteQuality(r.dir.file(results.QualityFile), q)
}

// record builds the run's result record: a GAN has no labels and no test error (TestSize 0);
// its numbers are in quality.json.
func (r *ganRun) record(status string) *results.Record {
	rec := &results.Record{
		Experiment: r.spec.Name, Method: r.spec.Method(), ModelSeed: r.seed.Model, DataSeed: r.seed.Data,
		Status: status, Iterations: r.state.Iter, Epochs: r.order.Epoch(),
		Seconds: r.elapsed(), BLAS: r.env.BLAS, Threads: r.env.Threads, GoVersion: r.env.GoVersion, CPU: r.env.CPU, Commit: r.env.Commit,
		ConfigHash: r.spec.Hash(), Commits: r.commits.mixed(r.env.Commit, r.state.Iter > r.iter0), Sweep: r.spec.Sweep,
		Dataset: r.opt.dataset.Name, DatasetSHA256: r.opt.dataset.SHA256,
	}
	if rec.Epochs > 0 {
		rec.SecondsPerEpoch = rec.Seconds / float64(rec.Epochs)
	}
	return rec
}

// plotLosses draws d_loss and g_loss (each averaged between log lines) over the iterations of
// metrics.jsonl into losses.png.
func (r *ganRun) plotLosses() error {
	lines, err := ReadGANLog(r.dir.file(MetricsFile))
	if err != nil {
		return err
	}
	if len(lines) == 0 {
		return nil
	}
	d := results.Series{Name: "d_loss", Color: results.ColorDLoss}
	g := results.Series{Name: "g_loss", Color: results.ColorGLoss}
	for _, l := range lines {
		x := float64(l.Iter)
		d.X, d.Y = append(d.X, x), append(d.Y, meanOrNaN(l.Mean, "d_loss"))
		g.X, g.Y = append(g.X, x), append(g.Y, meanOrNaN(l.Mean, "g_loss"))
	}
	return results.SaveLinePlot(r.dir.file(LossesFile), lossPlotW, lossPlotH, d, g)
}

// meanOrNaN returns m[k], or NaN (a gap in the curve) when it is absent.
func meanOrNaN(m map[string]float64, k string) float64 {
	if v, ok := m[k]; ok {
		return v
	}
	return math.NaN()
}

// ReadGANLog reads a GAN run's metrics.jsonl. A torn last line (from a crash) is skipped; any
// other malformed line is an error naming it.
func ReadGANLog(path string) ([]GANLog, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("experiments: %w", err)
	}
	defer f.Close()
	var out []GANLog
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	var bad error
	for n := 1; sc.Scan(); n++ {
		if bad != nil {
			return nil, bad
		}
		var l GANLog
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			bad = fmt.Errorf("experiments: %s line %d: %w", path, n, err)
			continue
		}
		out = append(out, l)
	}
	return out, sc.Err()
}
