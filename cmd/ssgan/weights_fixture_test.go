package main

import (
	"github.com/ssgan/ssgan/core"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/internal/weights"
	"github.com/ssgan/ssgan/ssgan"
)

// tinyClassifier builds a small classifier of 28×28 images (an SSGAN or its supervised
// baseline), data-initialised on random pixels and trained for 2 iterations, so that its classes
// are not all the same.
func tinyClassifier(t *testing.T, method string) *ssgan.Model {
	t.Helper()
	c := ssgan.Defaults()
	c.Method, c.NoiseDim, c.DHidden, c.GHidden, c.Batch, c.InitRows = method, 5, []int{12}, []int{9}, 10, 20
	m, err := ssgan.New(c, 3)
	require.NoError(t, err)
	t.Cleanup(m.Close)
	rng := rand.New(rand.NewPCG(4, 5))
	pixels := func(n int) []float32 {
		v := make([]float32, n*c.InputDim)
		for i := range v {
			v[i] = rng.Float32()
		}
		return v
	}
	require.NoError(t, m.Init(pixels(c.InitRows)))
	y := make([]uint8, c.Batch)
	for i := range y {
		y[i] = uint8(i % c.Classes)
	}
	for range 2 {
		_, err := m.Step(core.DefaultPlan(m.Capabilities()), core.FixedBatch{X: pixels(c.Batch), Y: y, Unl: [][]float32{pixels(c.Batch), pixels(c.Batch)}})
		require.NoError(t, err)
	}
	return m
}

// writeWeightsFile writes m's weights file in a new directory as a run would, with the given
// final test errors on 100 test images, and returns its path.
func writeWeightsFile(t *testing.T, m *ssgan.Model, finalErrors int) string {
	t.Helper()
	tensors, nets, err := m.Weights()
	require.NoError(t, err)
	model, err := weights.ConfigJSON(m.Cfg)
	require.NoError(t, err)
	meta := weights.Meta{Kind: "classifier", Method: m.Cfg.Method, Experiment: "tiny-" + m.Cfg.Method, Dataset: "mnist",
		ImageRows: 28, ImageCols: 28, PixelRange: [2]float64{0, 1}, Classes: m.Cfg.Classes, Labels: 100, Model: model,
		Networks: nets, Notes: ssgan.WeightsNotes(m.Cfg), Iterations: 2, TestSize: 100, FinalTestErrors: &finalErrors}
	path := filepath.Join(t.TempDir(), weights.FileName)
	_, err = weights.Write(path, meta, tensors)
	require.NoError(t, err)
	return path
}
