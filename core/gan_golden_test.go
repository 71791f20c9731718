package core

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/internal/engine"
	"github.com/ssgan/ssgan/internal/testutil"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

// ganGolden is the recorded trajectory of the article's GAN at full size.
type ganGolden struct {
	BLAS  string              `json:"blas"` // engine.BLAS/CoreName: other kernels sum in another order
	Iters []map[string]string `json:"iterations"`
}

// TestGANGoldenIterations runs the article's GAN (default sizes) for 4 iterations on synthetic
// images and holds every logged metric and every parameter's bits to
// testdata/gan_golden_iterations.json, recorded before the plain dense layers moved from
// gorgonia's MatMul to the split product: the speed work must not change the numbers, at 1, 2
// or 3 threads. Under another BLAS or kernel set the losses must agree to float32 tolerance. `go test ./core -run GANGolden -update` rewrites the file.
func TestGANGoldenIterations(t *testing.T) {
	path := filepath.Join("testdata", "gan_golden_iterations.json")
	if *updateGolden {
		b, err := json.MarshalIndent(ganGoldenRun(t, 1), "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, append(b, '\n'), 0o644))
	}
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var want ganGolden
	require.NoError(t, json.Unmarshal(raw, &want))
	for _, threads := range []int{1, 2, 3} {
		t.Run(fmt.Sprintf("%d threads", threads), func(t *testing.T) {
			got := ganGoldenRun(t, threads)
			require.Len(t, got.Iters, len(want.Iters))
			if got.BLAS == want.BLAS {
				assert.Equal(t, want.Iters, got.Iters, "bit-for-bit trajectory under %s", got.BLAS)
				return
			}
			t.Logf("BLAS %q differs from the recorded %q: comparing the losses to float32 tolerance", got.BLAS, want.BLAS)
			for i, w := range want.Iters {
				for _, k := range []string{"d_loss", "g_loss"} {
					assert.InEpsilon(t, fromBits(t, w[k]), fromBits(t, got.Iters[i][k]), 1e-3, "iteration %d %s", i+1, k)
				}
			}
		})
	}
}

// ganGoldenRun trains the default article GAN for 4 iterations on that many threads.
func ganGoldenRun(t *testing.T, threads int) ganGolden {
	saved := engine.Threads()
	engine.SetThreads(threads)
	defer engine.SetThreads(saved)
	m, err := NewGAN(GANConfig{}, syntheticImages(1000, 784), 1, 1)
	require.NoError(t, err)
	defer m.Close()
	s := m.NewState()
	got := ganGolden{BLAS: engine.BLAS + "/" + engine.CoreName()}
	for range 4 {
		require.NoError(t, m.Iterate(s))
		s.Iter++
		rec := map[string]string{}
		for k, v := range s.Metrics {
			rec[k] = fmt.Sprintf("%016x", math.Float64bits(v))
		}
		var values [][]float32
		for _, p := range append(append(append([]*Param{}, m.G.Params()...), m.G.Buffers()...), m.D.Params()...) {
			values = append(values, p.Data())
		}
		rec["params_fnv"] = testutil.HashFloats(values...)
		got.Iters = append(got.Iters, rec)
	}
	return got
}

// fromBits decodes a recorded float64 bit pattern.
func fromBits(t *testing.T, hex string) float64 {
	u, err := strconv.ParseUint(hex, 16, 64)
	require.NoError(t, err)
	return math.Float64frombits(u)
}
