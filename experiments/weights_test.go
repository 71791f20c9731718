package experiments

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/internal/weights"
	"github.com/ssgan/ssgan/results"
)

// fileSHA256 is the hex SHA-256 of a file.
func fileSHA256(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// TestClassifierRunWritesWeights runs tiny classifiers to their end: each leaves weights.npz,
// named with its SHA-256 in result.json, and the classifier rebuilt from it makes exactly the
// final test errors and confusion matrix the record holds.
func TestClassifierRunWritesWeights(t *testing.T) {
	data := tinyMNIST(200, 60)
	for _, method := range []string{"ssgan", "supervised"} {
		t.Run(method, func(t *testing.T) {
			task := tinyTask(t, func(s *Spec) { s.Model.Method = method })
			out := t.TempDir()
			rec, err := RunTask(context.Background(), task, data, quiet(out))
			require.NoError(t, err)
			dir := runPath(out, task)
			path := filepath.Join(dir, WeightsFile)
			assert.Equal(t, WeightsFile, rec.Weights)
			assert.Equal(t, fileSHA256(t, path), rec.WeightsSHA256)
			saved, err := results.ReadRecord(filepath.Join(dir, results.RecordFile))
			require.NoError(t, err)
			assert.Equal(t, rec.WeightsSHA256, saved.WeightsSHA256)

			c, err := LoadClassifier(path)
			require.NoError(t, err)
			defer c.Close()
			m := c.File.Meta
			assert.Equal(t, "classifier", m.Kind)
			assert.Equal(t, method, m.Method)
			assert.Equal(t, "tiny-ssgan", m.Experiment)
			assert.Equal(t, "mnist", m.Dataset)
			assert.Equal(t, [4]int{28, 28, 10, 100}, [4]int{m.ImageRows, m.ImageCols, m.Classes, m.Labels})
			assert.Equal(t, [3]int{2, 10, 60}, [3]int{m.Epochs, m.Iterations, m.TestSize})
			require.NotNil(t, m.FinalTestErrors)
			assert.Equal(t, rec.FinalTestErrors, *m.FinalTestErrors)
			assert.Equal(t, rec.ConfigHash, m.ConfigHash)
			_, hasG := m.Networks["G"]
			assert.Equal(t, method == "ssgan", hasG)

			ev, err := c.Evaluate("tiny test set", data.Test)
			require.NoError(t, err)
			assert.Equal(t, rec.FinalTestErrors, ev.Errors)
			assert.Equal(t, rec.TestSize, ev.TestSize)
			assert.Equal(t, rec.Confusion, ev.Confusion)
		})
	}
}

// TestEvaluateWrongImages gives a classifier images of another size: one error naming both.
func TestEvaluateWrongImages(t *testing.T) {
	data := tinyMNIST(200, 60)
	task := tinyTask(t, nil)
	out := t.TempDir()
	_, err := RunTask(context.Background(), task, data, quiet(out))
	require.NoError(t, err)
	path := filepath.Join(runPath(out, task), WeightsFile)
	c, err := LoadClassifier(path)
	require.NoError(t, err)
	defer c.Close()
	small := *data.Test
	im := *small.Images
	im.Rows, im.Cols = 14, 56
	small.Images = &im
	_, err = c.Evaluate("wide.idx", &small)
	assert.EqualError(t, err, "experiments: wide.idx: images of 14×56 pixels, but the model of "+path+" takes 28×28")
}

// TestLoadGenerator draws the grids of an SSGAN run from its checkpoint and from its weights
// file: the same images.
func TestLoadGenerator(t *testing.T) {
	data := tinyMNIST(200, 60)
	task := tinyTask(t, nil)
	out := t.TempDir()
	_, err := RunTask(context.Background(), task, data, quiet(out))
	require.NoError(t, err)
	dir := runPath(out, task)
	grid := func(arg string) []byte {
		t.Helper()
		g, err := LoadGenerator(arg)
		require.NoError(t, err)
		assert.Equal(t, "tiny-ssgan", g.Experiment)
		assert.Equal(t, 10, g.Iter)
		path := filepath.Join(t.TempDir(), "grid.png")
		require.NoError(t, g.SaveGrid(path, 3, 7))
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		return b
	}
	fromCheckpoint := grid(dir)
	fromWeights := grid(filepath.Join(dir, WeightsFile))
	assert.Equal(t, fromCheckpoint, fromWeights)
	// Without its checkpoint (as published), the run directory's weights.npz is read.
	require.NoError(t, os.Remove(filepath.Join(dir, CheckpointFile)))
	assert.Equal(t, fromWeights, grid(dir))
}

// TestGANRunWritesWeights checks that a GAN run's weights.npz redraws the grid of its final
// checkpoint.
func TestGANRunWritesWeights(t *testing.T) {
	data := tinyMNIST(200, 100)
	out := t.TempDir()
	rec, _, err := runTiny(t, context.Background(), out, data)
	require.NoError(t, err)
	dir := filepath.Join(out, "tiny-gan", "seed1")
	path := filepath.Join(dir, WeightsFile)
	assert.Equal(t, fileSHA256(t, path), rec.WeightsSHA256)
	f, err := weights.Read(path)
	require.NoError(t, err)
	assert.Equal(t, "gan", f.Meta.Kind)
	assert.Equal(t, [2]float64{-1, 1}, f.Meta.PixelRange)
	assert.Equal(t, 20, f.Meta.Iterations)
	samples, err := os.ReadFile(filepath.Join(dir, SamplesFile))
	require.NoError(t, err)
	g, err := LoadGenerator(path)
	require.NoError(t, err)
	redraw := filepath.Join(t.TempDir(), "grid.png")
	require.NoError(t, g.SaveGrid(redraw, GridSide, GridSeed))
	got, err := os.ReadFile(redraw)
	require.NoError(t, err)
	assert.Equal(t, samples, got)
	// A GAN has no classifier.
	_, err = LoadClassifier(path)
	assert.EqualError(t, err, "weights: "+path+`: meta.json kind "gan": not a classifier's weights`)
}

// TestWeightsArgumentErrors gives the loaders arguments that name no weights: each is one line
// naming the path.
func TestWeightsArgumentErrors(t *testing.T) {
	data := tinyMNIST(200, 60)
	task := tinyTask(t, func(s *Spec) { s.Model.Method = "supervised" })
	out := t.TempDir()
	_, err := RunTask(context.Background(), task, data, quiet(out))
	require.NoError(t, err)
	sup := runPath(out, task)
	empty := t.TempDir()
	missing := filepath.Join(empty, "absent.npz")

	_, _, err = WeightsPath(missing)
	assert.ErrorContains(t, err, missing+": no such file or directory")
	_, _, err = WeightsPath(empty)
	assert.ErrorContains(t, err, "run directory "+empty+" has no weights.npz (a run writes it when it finishes)")
	path, dir, err := WeightsPath(sup)
	require.NoError(t, err)
	assert.Equal(t, [2]string{filepath.Join(sup, WeightsFile), sup}, [2]string{path, dir})

	_, err = LoadGenerator(empty)
	assert.ErrorContains(t, err, "run directory "+empty+" has neither checkpoint.gob nor weights.npz")
	_, err = LoadGenerator(sup)
	assert.EqualError(t, err, "experiments: "+sup+" is a supervised run: it has no generator")
	_, err = LoadGenerator(filepath.Join(sup, WeightsFile))
	assert.EqualError(t, err, "weights: "+filepath.Join(sup, WeightsFile)+": a supervised classifier: it has no generator")
}
