package experiments

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"

	"github.com/ssgan/ssgan/core"
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

// Size of the loss-curve image in pixels.
const lossPlotW, lossPlotH = 800, 400

// finish writes the weights and the sample quality (a cancelled context during the quality
// evaluation leaves the run to be finished by a rerun) and notes the scores in the record.
func (g *sampleReport) finish(ctx context.Context, rec *results.Record) error {
	r := g.r
	if err := r.writeWeights(rec); err != nil {
		return err
	}
	q, err := g.quality(ctx)
	if err != nil {
		return err
	}
	rec.Note = fmt.Sprintf("sample quality: classifier IS %.3f, Fréchet distance %.3f (real data: %.3f, %.3f); see %s",
		q.InceptionScore, q.FrechetDistance, q.Real.TestInceptionScore, q.Real.TrainTestFrechetDistance, results.QualityFile)
	r.logf("%s %s: %d iterations in %.0f s; %s\n", r.spec.Name, r.seed.Dir(), rec.Iterations, rec.Seconds, rec.Note)
	return nil
}

// quality scores the generator with the cached classifier and writes quality.json.
func (g *sampleReport) quality(ctx context.Context) (*results.QualityRecord, error) {
	r := g.r
	cl, err := LoadQualityClassifier(ctx, r.opt.OutDir, r.data, r.logf)
	if err != nil {
		return nil, err
	}
	defer cl.Close()
	m := r.method.(*core.GAN)
	q, err := cl.EvaluateGenerator(ctx, m.G, m.Cfg, r.data)
	if err != nil {
		return nil, err
	}
	q.Experiment, q.ModelSeed, q.DataSeed = r.spec.Name, r.seed.Model, r.seed.Data
	q.Iterations, q.ConfigHash = r.state.Iter, r.spec.Hash()
	return q, results.WriteQuality(r.dir.file(results.QualityFile), q)
}

// drawings draws d_loss and g_loss (each averaged between log lines) over the iterations of
// metrics.jsonl into losses.png.
func (g *sampleReport) drawings() error {
	r := g.r
	lines, err := ReadGANLog(r.dir.file(MetricsFile))
	if err != nil {
		return err
	}
	if len(lines) == 0 {
		return nil
	}
	d := results.Series{Name: "d_loss", Color: results.ColorDLoss}
	gs := results.Series{Name: "g_loss", Color: results.ColorGLoss}
	for _, l := range lines {
		x := float64(l.Iter)
		d.X, d.Y = append(d.X, x), append(d.Y, meanOrNaN(l.Mean, "d_loss"))
		gs.X, gs.Y = append(gs.X, x), append(gs.Y, meanOrNaN(l.Mean, "g_loss"))
	}
	return results.SaveLinePlot(r.dir.file(LossesFile), lossPlotW, lossPlotH, d, gs)
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
