package experiments

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/results"
)

// tinyMNIST returns a made-up MNIST-shaped data set (28×28 images, labels 0..9) small enough
// for fast tests: digit d is a bright horizontal bar at rows 2d+3..2d+5 over a dark, slightly
// noisy background.
func tinyMNIST(train, test int) *datasets.Dataset {
	rng := rand.New(rand.NewPCG(7, 8))
	set := func(n int) *datasets.Set {
		im := &datasets.Images{N: n, Rows: 28, Cols: 28, Pixels: make([]uint8, n*784)}
		labels := make([]uint8, n)
		for i := range labels {
			labels[i] = uint8(i % 10)
			for p := 0; p < 784; p++ {
				v := rng.IntN(30)
				if r := p / 28; r >= 2*int(labels[i])+3 && r <= 2*int(labels[i])+5 && p%28 > 4 && p%28 < 24 {
					v = 200 + rng.IntN(56)
				}
				im.Pixels[i*784+p] = uint8(v)
			}
		}
		return &datasets.Set{Images: im, Labels: labels}
	}
	return &datasets.Dataset{Train: set(train), Test: set(test)}
}

// tinyGANSpec is a GAN spec of 20 iterations with small networks, D pretraining for 3
// iterations (so g_loss is missing at first) and threshold balance (so counters move).
func tinyGANSpec() Spec {
	s := DefaultSpec()
	s.Name, s.Kind, s.Iterations, s.SampleEvery = "tiny-gan", "gan", 20, 10
	s.GAN = core.GANConfig{NoiseDim: 8, GHidden: []int{16}, DHidden: []int{16}, Batch: 8}
	s.Tricks = core.Tricks{Pretrain: core.Pretrain{Steps: 3},
		Balance: core.Balance{Policy: "thresholds", Thresholds: core.Thresholds{DAccAbove: 0.6, GLossAbove: 0.5}}}
	return s
}

// cancelAfter is a context whose Err reports cancellation from its (n+1)-th call on: the trainer
// checks it once per iteration, so the run stops after exactly n iterations.
type cancelAfter struct {
	context.Context
	n atomic.Int32
}

func newCancelAfter(n int32) *cancelAfter {
	c := &cancelAfter{Context: context.Background()}
	c.n.Store(n)
	return c
}

func (c *cancelAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// runTiny runs the tiny GAN spec (seed 1) under out and returns its record and log.
func runTiny(t *testing.T, ctx context.Context, out string, data *datasets.Dataset) (*results.Record, string, error) {
	t.Helper()
	var log bytes.Buffer
	rec, err := RunTask(ctx, Task{Spec: tinyGANSpec(), Seed: Seed{Model: 1, Data: 1}}, data, Options{OutDir: out, Log: &log})
	return rec, log.String(), err
}

func TestRunGANWritesRun(t *testing.T) {
	data := tinyMNIST(200, 100)
	out := t.TempDir()
	rec, log, err := runTiny(t, context.Background(), out, data)
	require.NoError(t, err)
	dir := filepath.Join(out, "tiny-gan", "seed1")
	for _, f := range []string{SpecFile, MetricsFile, CheckpointFile, results.RecordFile, results.QualityFile,
		SamplesFile, LossesFile, "samples/iter-000010.png", "samples/iter-000020.png",
		filepath.Join("..", "..", QualityClassifierDir, QualityClassifierFile)} {
		assert.FileExists(t, filepath.Join(dir, f))
	}
	spec := tinyGANSpec()
	assert.Equal(t, "gan", rec.Method)
	assert.Equal(t, 0, rec.Labels)
	assert.Equal(t, results.StatusFinished, rec.Status)
	assert.Equal(t, 20, rec.Iterations)
	assert.Equal(t, 0, rec.TestSize)
	assert.Equal(t, spec.Hash(), rec.ConfigHash)
	assert.NotEmpty(t, rec.BLAS)
	onDisk, err := results.ReadRecord(filepath.Join(dir, results.RecordFile))
	require.NoError(t, err)
	assert.Equal(t, *rec, onDisk)

	lines, err := ReadGANLog(filepath.Join(dir, MetricsFile))
	require.NoError(t, err)
	require.Len(t, lines, 2)
	assert.Equal(t, []int{10, 20}, []int{lines[0].Iter, lines[1].Iter})
	assert.Equal(t, "samples/iter-000010.png", lines[0].Sample)
	assert.Equal(t, 3, lines[1].Counters[core.CounterPretrain])
	for _, k := range []string{"d_loss", "d_acc", "g_loss"} {
		assert.Contains(t, lines[0].Metrics, k)
		assert.Contains(t, lines[0].Mean, k)
	}
	assert.Contains(t, log, "tiny-gan seed1 10/20 [D loss: ")
	assert.Contains(t, log, "pretrain.steps=3")
	assert.Contains(t, log, "sample quality: classifier IS ")

	q, err := results.ReadQuality(filepath.Join(dir, results.QualityFile))
	require.NoError(t, err)
	assert.Equal(t, QualitySamples, q.Samples)
	assert.Equal(t, "tiny-gan", q.Experiment)
	assert.Equal(t, 20, q.Iterations)
	assert.GreaterOrEqual(t, q.InceptionScore, 1.0)
	assert.LessOrEqual(t, q.InceptionScore, 10.0)
	assert.Greater(t, q.FrechetDistance, 0.0)
	sum := 0.0
	for _, f := range q.ClassFractions {
		sum += f
	}
	assert.InDelta(t, 1, sum, 1e-9)
	assert.Equal(t, 100, q.Real.TestImages)
	assert.Equal(t, 200, q.Real.TrainImages)

	// samples.png is the last grid, and the generator of the checkpoint redraws it exactly.
	last, err := os.ReadFile(filepath.Join(dir, SamplesFile))
	require.NoError(t, err)
	grid20, err := os.ReadFile(filepath.Join(dir, "samples/iter-000020.png"))
	require.NoError(t, err)
	assert.Equal(t, grid20, last)
	g, err := LoadGANGenerator(dir)
	require.NoError(t, err)
	assert.Equal(t, 20, g.Iter)
	redraw := filepath.Join(t.TempDir(), "grid.png")
	require.NoError(t, g.SaveGrid(redraw, GridSide, GridSeed))
	again, err := os.ReadFile(redraw)
	require.NoError(t, err)
	assert.Equal(t, last, again)

	// A finished run is not trained again.
	rec2, log2, err := runTiny(t, context.Background(), out, data)
	require.NoError(t, err)
	assert.Equal(t, rec, rec2)
	assert.Empty(t, log2)
}

func TestRunGANResumeMatchesStraight(t *testing.T) {
	data := tinyMNIST(200, 100)
	straightOut, resumedOut := t.TempDir(), t.TempDir()
	_, _, err := runTiny(t, context.Background(), straightOut, data)
	require.NoError(t, err)

	// Stop after 13 iterations: between the log lines of 10 and 20.
	_, _, err = runTiny(t, newCancelAfter(13), resumedOut, data)
	require.ErrorIs(t, err, ErrInterrupted)
	dirB := filepath.Join(resumedOut, "tiny-gan", "seed1")
	ck, err := LoadCheckpoint(filepath.Join(dirB, CheckpointFile))
	require.NoError(t, err)
	assert.Equal(t, 13, ck.Iter)
	assert.NoFileExists(t, filepath.Join(dirB, results.RecordFile))
	_, log, err := runTiny(t, context.Background(), resumedOut, data)
	require.NoError(t, err)
	assert.Contains(t, log, "resuming tiny-gan seed1 from iteration 13")

	dirA := filepath.Join(straightOut, "tiny-gan", "seed1")
	logA, err := ReadGANLog(filepath.Join(dirA, MetricsFile))
	require.NoError(t, err)
	logB, err := ReadGANLog(filepath.Join(dirB, MetricsFile))
	require.NoError(t, err)
	require.Len(t, logB, len(logA))
	for i := range logA {
		logA[i].Seconds, logB[i].Seconds = 0, 0
	}
	assert.Equal(t, logA, logB, "metrics.jsonl, bit for bit except the times")
	qa, err := results.ReadQuality(filepath.Join(dirA, results.QualityFile))
	require.NoError(t, err)
	qb, err := results.ReadQuality(filepath.Join(dirB, results.QualityFile))
	require.NoError(t, err)
	qa.Seconds, qb.Seconds = 0, 0
	assert.Equal(t, qa, qb)
	ca, err := LoadCheckpoint(filepath.Join(dirA, CheckpointFile))
	require.NoError(t, err)
	cb, err := LoadCheckpoint(filepath.Join(dirB, CheckpointFile))
	require.NoError(t, err)
	assert.Equal(t, ca.Tensors, cb.Tensors)
	assert.Equal(t, ca.RNG, cb.RNG)
	assert.Equal(t, ca.Counters, cb.Counters)
	delete(ca.Vars, "seconds") // the wall time, the one thing allowed to differ
	delete(cb.Vars, "seconds")
	assert.Equal(t, ca.Vars, cb.Vars)
}

func TestRunGANRefusesForeignCheckpoint(t *testing.T) {
	data := tinyMNIST(200, 100)
	out := t.TempDir()
	_, _, err := runTiny(t, newCancelAfter(5), out, data)
	require.ErrorIs(t, err, ErrInterrupted)
	path := filepath.Join(out, "tiny-gan", "seed1", CheckpointFile)
	ck, err := LoadCheckpoint(path)
	require.NoError(t, err)
	ck.ConfigHash = "0123456789abcdef"
	require.NoError(t, SaveCheckpoint(path, ck))
	_, _, err = runTiny(t, context.Background(), out, data)
	require.ErrorContains(t, err, "checkpoint belongs to spec 0123456789abcdef")
}

func TestRunGANImageSizeMismatch(t *testing.T) {
	s := tinyGANSpec()
	s.GAN.ImageDim = 100
	_, err := RunTask(context.Background(), Task{Spec: s, Seed: Seed{Model: 1, Data: 1}}, tinyMNIST(20, 10), Options{OutDir: t.TempDir()})
	require.ErrorContains(t, err, "gan.image_dim 100 does not fit data set mnist: 28x28 images (784 pixels)")
}

func TestRunGANExtendFinished(t *testing.T) {
	data := tinyMNIST(200, 100)
	run := func(out string, iters int) []GANLog {
		s := tinyGANSpec()
		s.Iterations = iters
		var log bytes.Buffer
		rec, err := RunTask(context.Background(), Task{Spec: s, Seed: Seed{Model: 1, Data: 1}}, data,
			Options{OutDir: out, Log: &log, Terminal: true})
		require.NoError(t, err)
		assert.Equal(t, iters, rec.Iterations)
		assert.Contains(t, log.String(), fmt.Sprintf("\r\033[Ktiny-gan seed1 %d/%d [D loss: ", iters, iters), "a terminal's progress line is cleared first")
		lines, err := ReadGANLog(filepath.Join(out, "tiny-gan", "seed1", MetricsFile))
		require.NoError(t, err)
		for i := range lines {
			lines[i].Seconds = 0
		}
		return lines
	}
	// A finished 15-iteration run extended to 30 trains on from its checkpoint: it logged at 10
	// and 15, then logs at 20 and 30 exactly as a straight 30-iteration run does (except the mean
	// at 20, which covers only 16..20).
	extended, straight := t.TempDir(), t.TempDir()
	run(extended, 15)
	ext := run(extended, 30)
	str := run(straight, 30)
	require.Len(t, ext, 4)
	require.Len(t, str, 3)
	assert.Equal(t, []int{10, 15, 20, 30}, []int{ext[0].Iter, ext[1].Iter, ext[2].Iter, ext[3].Iter})
	assert.Equal(t, str[0], ext[0])
	assert.Equal(t, str[1].Metrics, ext[2].Metrics)
	assert.Equal(t, str[1].Counters, ext[2].Counters)
	assert.Equal(t, str[2], ext[3])
	qe, err := results.ReadQuality(filepath.Join(extended, "tiny-gan", "seed1", results.QualityFile))
	require.NoError(t, err)
	qs, err := results.ReadQuality(filepath.Join(straight, "tiny-gan", "seed1", results.QualityFile))
	require.NoError(t, err)
	assert.Equal(t, 30, qe.Iterations)
	assert.Equal(t, qs.InceptionScore, qe.InceptionScore)
	assert.Equal(t, qs.FrechetDistance, qe.FrechetDistance)
}

func TestRunGANDiverged(t *testing.T) {
	// Adam steps of 1e30 overflow the weights within a few iterations.
	s := tinyGANSpec()
	s.GAN.LR = 1e30
	out := t.TempDir()
	var log bytes.Buffer
	task := Task{Spec: s, Seed: Seed{Model: 1, Data: 1}}
	rec, err := RunTask(context.Background(), task, tinyMNIST(200, 100), Options{OutDir: out, Log: &log})
	require.Error(t, err)
	assert.ErrorContains(t, err, "recorded as diverged")
	var div *nn.DivergedError
	require.ErrorAs(t, err, &div)
	require.NotNil(t, rec)
	assert.Equal(t, results.StatusDiverged, rec.Status)
	assert.Contains(t, rec.Note, "no checkpoint was written before it")
	assert.Less(t, rec.Iterations, 10)
	onDisk, err := results.ReadRecord(filepath.Join(out, "tiny-gan", "seed1", results.RecordFile))
	require.NoError(t, err)
	assert.Equal(t, *rec, onDisk)
	// A diverged run is not retried.
	again, err := RunTask(context.Background(), task, tinyMNIST(200, 100), Options{OutDir: out})
	require.NoError(t, err)
	assert.Equal(t, rec, again)
}
