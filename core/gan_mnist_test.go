package core

import (
	"bytes"
	"context"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/datasets"
)

// TestGANMNISTSmoke trains the article's GAN on MNIST for $SSGAN_GAN_SMOKE iterations (skipped
// when unset; 300 take about 10 s with OpenBLAS) and writes the 5×5 sample grid to
// $SSGAN_GAN_SMOKE_PNG (default: a temporary file). It checks that training moves the samples'
// mean pixel from tanh's centre towards MNIST's dark background.
func TestGANMNISTSmoke(t *testing.T) {
	iters, err := strconv.Atoi(os.Getenv("SSGAN_GAN_SMOKE"))
	if err != nil || iters <= 0 {
		t.Skip("set SSGAN_GAN_SMOKE=<iterations> to train on MNIST")
	}
	mn, err := datasets.Load(filepath.Join("..", "data", "mnist"))
	if err != nil {
		t.Skipf("MNIST not available: %v", err)
	}
	pixels := mn.Train.Images.Float32(-1, 1)
	m, err := NewGAN(GANConfig{}, 1)
	require.NoError(t, err)
	defer m.Close()
	src := mustImageSource(t, pixels, m.Cfg.ImageDim, datasets.NewShuffler(mn.Train.Len(), 1))
	meanPixel := func() float64 {
		x, err := m.Sample(100, rand.New(rand.NewPCG(7, 7)))
		require.NoError(t, err)
		s := 0.0
		for _, v := range x {
			s += float64(v)
		}
		return s / float64(len(x))
	}
	before := meanPixel()
	s := NewState(DefaultPlan(GANCapabilities))
	every := max(iters/5, 1)
	tr := &Trainer{Method: m, Source: src, Hooks: []Hook{afterFunc(func(s *State) error {
		if s.Iter%every == 0 {
			t.Logf("%d [D loss: %f, acc.: %.2f%%] [G loss: %f]", s.Iter, s.Metrics["d_loss"], 100*s.Metrics["d_acc"], s.Metrics["g_loss"])
		}
		return nil
	})}}
	require.NoError(t, tr.Run(context.Background(), s, iters))
	after := meanPixel()
	t.Logf("mean generated pixel: %.3f before, %.3f after (MNIST: about -0.74)", before, after)
	assert.Less(t, math.Abs(after+0.74), math.Abs(before+0.74))

	out := os.Getenv("SSGAN_GAN_SMOKE_PNG")
	if out == "" {
		out = filepath.Join(t.TempDir(), "mnist_grid.png")
	}
	x, err := m.Sample(25, rand.New(rand.NewPCG(5, 5)))
	require.NoError(t, err)
	img, err := Grid(x, 5, 28, 28, -1, 1)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	require.NoError(t, os.WriteFile(out, buf.Bytes(), 0o644))
	t.Logf("samples: %s", out)
}

// afterFunc adapts a function to an AfterHook.
type afterFunc func(s *State) error

func (f afterFunc) After(s *State) error { return f(s) }
