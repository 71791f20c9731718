package core

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/internal/testutil"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGANGoldenIterations runs the article's GAN (default sizes) for 4 iterations on synthetic
// images and holds every logged metric and every parameter's bits to
// testdata/gan_golden_iterations.json, recorded at one thread with the counter-based noise
// engine (2026-12-01): every thread count from 1 to 4 gives the same bits, and a change meant to
// keep the numbers must not change one. Under another BLAS or kernel set the losses must agree to
// float32 tolerance.
// `go test ./core -run GANGolden -update` rewrites the file.
func TestGANGoldenIterations(t *testing.T) {
	testutil.CheckTrajectory(t, filepath.Join("testdata", "gan_golden_iterations.json"), *updateGolden,
		[]int{1, 2, 3, 4}, []string{"d_loss", "g_loss"}, func(t *testing.T) testutil.Trajectory {
			m, err := NewGAN(GANConfig{}, 1)
			require.NoError(t, err)
			defer m.Close()
			tr := &Trainer{Method: m, Source: mustImageSource(t, syntheticImages(1000, 784), 784, datasets.NewShuffler(1000, 1))}
			s := NewState(DefaultPlan(GANCapabilities))
			got := testutil.Trajectory{BLAS: testutil.Kernels()}
			for range 4 {
				require.NoError(t, tr.Iterate(s))
				rec := map[string]string{}
				for k, v := range s.Metrics {
					rec[k] = testutil.Bits(v)
				}
				var values [][]float32
				for _, p := range append(append(append([]*nn.Param{}, m.G.Params()...), m.G.Buffers()...), m.D.Params()...) {
					values = append(values, p.Data())
				}
				rec["params_fnv"] = testutil.HashFloats(values...)
				got.Iters = append(got.Iters, rec)
			}
			return got
		})
}
