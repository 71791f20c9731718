package core

import (
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/internal/engine"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

// ganGolden is the recorded trajectory of the article's GAN at full size.
type ganGolden struct {
	BLAS  string              `json:"blas"` // engine.BLAS/CoreName: other kernels sum in another order
	Iters []map[string]string `json:"iterations"`
}

// paramsHash is the FNV-1a hash of the bits of every value of ps, in order.
func paramsHash(ps []*Param) string {
	h := fnv.New64a()
	var b [4]byte
	for _, p := range ps {
		for _, v := range p.Data() {
			u := math.Float32bits(v)
			b[0], b[1], b[2], b[3] = byte(u), byte(u>>8), byte(u>>16), byte(u>>24)
			h.Write(b[:])
		}
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

// TestGANGoldenIterations runs the article's GAN (default sizes) for 4 iterations on synthetic
// images and holds every logged metric and every parameter's bits to
// testdata/gan_golden_iterations.json, recorded before the plain dense layers moved from
// gorgonia's MatMul to the split product: the speed work must not change the numbers, at any
// thread count. `go test ./core -run GANGolden -update` rewrites the file.
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
	for _, threads := range []int{1, 2} {
		t.Run(fmt.Sprintf("%d threads", threads), func(t *testing.T) {
			got := ganGoldenRun(t, threads)
			if got.BLAS != want.BLAS {
				t.Skipf("BLAS %q differs from the recorded %q: bits are not comparable", got.BLAS, want.BLAS)
			}
			assert.Equal(t, want.Iters, got.Iters)
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
		names := make([]string, 0, len(s.Metrics))
		for k := range s.Metrics {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			rec[k] = fmt.Sprintf("%016x", math.Float64bits(s.Metrics[k]))
		}
		ps := append(append(append([]*Param{}, m.G.Params()...), m.G.Buffers()...), m.D.Params()...)
		rec["params_fnv"] = paramsHash(ps)
		got.Iters = append(got.Iters, rec)
	}
	return got
}
