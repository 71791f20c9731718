package experiments

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/results"
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

// sampleReport is a GAN's report: every SampleEvery iterations (and at the last) a 5×5 grid of
// samples from fixed noise and a metrics.jsonl line (GANLog); at the end the loss curves, the
// weights file and the sample quality.
type sampleReport struct {
	r *run
}

func (g *sampleReport) length() int        { return g.r.spec.Iterations }
func (g *sampleReport) every() int         { return g.r.spec.SampleEvery }
func (g *sampleReport) hooks() []core.Hook { return nil }

func (g *sampleReport) write(s *core.State, means map[string]float64) (string, error) {
	r := g.r
	sample := filepath.Join(SamplesDir, fmt.Sprintf("iter-%06d.png", s.Iter))
	if err := g.saveGrid(sample); err != nil {
		return "", err
	}
	line := GANLog{Iter: s.Iter, Seconds: r.elapsed(), Metrics: maps.Clone(s.Metrics), Mean: means,
		Counters: maps.Clone(s.Counters), Sample: filepath.ToSlash(sample)}
	if err := appendJSONLine(r.dir.file(MetricsFile), line); err != nil {
		return "", err
	}
	return g.logLine(s), nil
}

func (g *sampleReport) position(iter int, _ bool) string {
	return fmt.Sprintf("iter %d/%d", iter, g.r.spec.Iterations)
}
func (g *sampleReport) resumed(int) string { return "" }
func (g *sampleReport) headline(m map[string]float64) string {
	return fmt.Sprintf("d_loss %.4f", m["d_loss"])
}

// save and load: a GAN's report keeps no history beyond metrics.jsonl; load (ck nil) makes the
// samples directory.
func (g *sampleReport) save(*core.Checkpoint) error { return nil }
func (g *sampleReport) load(ck *core.Checkpoint) error {
	if ck != nil {
		return nil
	}
	if err := os.MkdirAll(g.r.dir.file(SamplesDir), 0o755); err != nil {
		return fmt.Errorf("experiments: %w", err)
	}
	return nil
}

// record: a GAN has no labels and no test error (TestSize 0); its epochs are the passes its
// real batches made over the training set, its numbers are in quality.json.
func (g *sampleReport) record(rec *results.Record) { rec.Epochs = g.r.src.passes() }

// logLine formats the article's progress line with the run's name, speed and tricks' counters.
func (g *sampleReport) logLine(s *core.State) string {
	r := g.r
	gl := "-"
	if v, ok := s.Metrics["g_loss"]; ok {
		gl = fmt.Sprintf("%.4f", v)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %d/%d [D loss: %.4f, acc.: %.2f%%] [G loss: %s]", r.spec.Name, r.seed.Dir(),
		s.Iter, r.spec.Iterations, s.Metrics["d_loss"], 100*s.Metrics["d_acc"], gl)
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

// saveGrid writes a GridSide×GridSide grid of samples from the fixed grid noise to name (in the
// run directory) and to samples.png.
func (g *sampleReport) saveGrid(name string) error {
	r := g.r
	x, err := r.method.(*core.GAN).Sample(GridSide*GridSide, GridNoise(GridSeed))
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
