package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/experiments"
	"github.com/ssgan/ssgan/ssgan"
)

// writeGANRunDir writes a GAN run directory by hand: the spec of a small GAN and a checkpoint of
// it after 3 iterations on random images. It returns the directory and the GAN.
func writeGANRunDir(t *testing.T) (string, *core.GAN) {
	t.Helper()
	dir := t.TempDir()
	spec := experiments.DefaultSpec()
	spec.Name, spec.Kind = "tiny-gan", "gan"
	spec.GAN = core.GANConfig{NoiseDim: 8, GHidden: []int{16}, DHidden: []int{16}, Batch: 8}
	rng := rand.New(rand.NewPCG(3, 4))
	images := make([]float32, 10*784)
	for i := range images {
		images[i] = float32(2*rng.Float64() - 1)
	}
	m, err := core.NewGAN(spec.GAN, 1)
	require.NoError(t, err)
	t.Cleanup(m.Close)
	s := core.NewState(core.DefaultPlan(core.GANCapabilities))
	src := core.FixedBatch{Unl: [][]float32{images[:spec.GAN.Defaults().Batch/2*784]}}
	require.NoError(t, (&core.Trainer{Method: m, Source: src}).Run(t.Context(), s, 3))
	ck := core.NewCheckpoint(spec.Hash(), s)
	require.NoError(t, m.Save(ck))
	require.NoError(t, experiments.SaveCheckpoint(filepath.Join(dir, experiments.CheckpointFile), ck))
	require.NoError(t, os.WriteFile(filepath.Join(dir, experiments.SpecFile), spec.YAML(), 0o644))
	return dir, m
}

func TestSampleCmd(t *testing.T) {
	dir, m := writeGANRunDir(t)
	// The default grid is the run's own: 25 images from GridNoise(GridSeed), G in inference mode.
	x, err := m.Sample(25, experiments.GridNoise(experiments.GridSeed))
	require.NoError(t, err)
	want := filepath.Join(t.TempDir(), "want.png")
	require.NoError(t, experiments.SaveGrid(want, x, 5, 28, 28, -1, 1))
	out, err := runCmd(t, newSampleCmd, dir)
	require.NoError(t, err)
	def := filepath.Join(dir, "sample-iter-000003-seed1.png")
	assert.Contains(t, out, def+": 5×5 images of tiny-gan at iteration 3, noise seed 1")
	wantBytes, err := os.ReadFile(want)
	require.NoError(t, err)
	got, err := os.ReadFile(def)
	require.NoError(t, err)
	assert.Equal(t, wantBytes, got)

	// Another size, seed and path.
	x, err = m.Sample(9, experiments.GridNoise(7))
	require.NoError(t, err)
	require.NoError(t, experiments.SaveGrid(want, x, 3, 28, 28, -1, 1))
	path := filepath.Join(t.TempDir(), "g.png")
	_, err = runCmd(t, newSampleCmd, dir, "--n", "9", "--seed", "7", "--out", path)
	require.NoError(t, err)
	wantBytes, err = os.ReadFile(want)
	require.NoError(t, err)
	got, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, wantBytes, got)
}

func TestSampleCmdErrors(t *testing.T) {
	dir, _ := writeGANRunDir(t)
	cls := t.TempDir()
	spec, ok := experiments.Lookup("mnist-ssgan-100")
	require.True(t, ok)
	require.NoError(t, os.WriteFile(filepath.Join(cls, experiments.SpecFile), spec.YAML(), 0o644))
	sup := writeWeightsFile(t, tinyClassifier(t, "supervised"), 0)
	text := filepath.Join(cls, "notes.txt")
	require.NoError(t, os.WriteFile(text, []byte("G"), 0o644))
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"not square", []string{dir, "--n", "24"}, "--n 24: want a positive square number"},
		{"zero", []string{dir, "--n", "0"}, "--n 0: want a positive square number"},
		{"no run", []string{filepath.Join(dir, "absent")}, "no such file or directory"},
		{"run without weights", []string{cls}, "run directory " + cls + " has neither checkpoint.gob nor weights.npz"},
		{"supervised weights", []string{sup}, "weights: " + sup + ": a supervised classifier: it has no generator"},
		{"not a weights file", []string{text}, "weights: " + text + ": not an .npz archive"},
		{"no argument", nil, "accepts 1 arg(s), received 0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runCmd(t, newSampleCmd, tc.args...)
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
}

// TestSampleSSGAN draws grids from an SSGAN's weights file: the generator's images of the noise
// of --seed in inference mode, beside the file by default.
func TestSampleSSGAN(t *testing.T) {
	m := tinyClassifier(t, "ssgan")
	w := writeWeightsFile(t, m, 0)
	for _, seed := range []uint64{experiments.GridSeed, 9} {
		x, err := ssgan.SampleGenerator(m.G, m.Cfg, 4, experiments.GridNoise(seed))
		require.NoError(t, err)
		want := filepath.Join(t.TempDir(), "want.png")
		require.NoError(t, experiments.SaveGrid(want, x, 2, 28, 28, 0, 1))
		out, err := runCmd(t, newSampleCmd, w, "--n", "4", "--seed", strconv.FormatUint(seed, 10))
		require.NoError(t, err)
		def := filepath.Join(filepath.Dir(w), fmt.Sprintf("sample-iter-000002-seed%d.png", seed))
		assert.Contains(t, out, def+fmt.Sprintf(": 2×2 images of tiny-ssgan at iteration 2, noise seed %d, from %s", seed, w))
		wantBytes, err := os.ReadFile(want)
		require.NoError(t, err)
		got, err := os.ReadFile(def)
		require.NoError(t, err)
		assert.Equal(t, wantBytes, got)
	}
}
