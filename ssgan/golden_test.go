package ssgan

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/internal/engine"
	"github.com/ssgan/ssgan/internal/testutil"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenIterations is the recorded trajectory of the default model: what every speed change
// must leave alone.
type goldenIterations struct {
	// BLAS is the library and kernel set (engine.BLAS and CoreName) when the file was written.
	// Matrix products from another BLAS or kernel set sum in another order, so only a matching
	// BLAS is held to the exact bits.
	BLAS  string         `json:"blas"`
	Iters []goldenValues `json:"iterations"`
}

// goldenValues are one iteration's losses and a hash of the bits of every parameter, batch-norm
// running statistic and moving-average value after it.
type goldenValues struct {
	LossLab, LossUnl, LossGen float64
	ParamsFNV                 string `json:"params_fnv"`
}

// paramData lists the values of ps.
func paramData(ps []*core.Param) [][]float32 {
	out := make([][]float32, len(ps))
	for i, p := range ps {
		out[i] = p.Data()
	}
	return out
}

// synthetic returns n pseudo-random pixels in [0, 1) from seed.
func synthetic(n int, seed uint64) []float32 {
	rng := rand.New(rand.NewPCG(seed, 7))
	v := make([]float32, n)
	for i := range v {
		v[i] = rng.Float32()
	}
	return v
}

// kernels names the BLAS and its kernel set.
func kernels() string { return engine.BLAS + "/" + engine.CoreName() }

// TestGoldenIterations runs the full-size default model (the headline's networks, noise, Adam and
// moving average) for a few iterations on fixed synthetic batches and compares the losses and
// the parameters' bits with testdata/golden_iterations.json, recorded before the speed work it
// guards: fused ops, reused buffers, parallel loops and split matrix products must not change a
// single bit, whatever the thread count. Under another BLAS the losses must agree to float32
// tolerance instead. `go test ./ssgan -run Golden -update` rewrites the file.
func TestGoldenIterations(t *testing.T) {
	path := filepath.Join("testdata", "golden_iterations.json")
	if *update {
		b, err := json.MarshalIndent(goldenRun(t, 1), "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, append(b, '\n'), 0o644))
	}
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var want goldenIterations
	require.NoError(t, json.Unmarshal(raw, &want))
	for _, threads := range []int{1, 2, 3} {
		t.Run(fmt.Sprintf("%d threads", threads), func(t *testing.T) {
			got := goldenRun(t, threads)
			require.Len(t, got.Iters, len(want.Iters))
			if got.BLAS == want.BLAS {
				assert.Equal(t, want.Iters, got.Iters, "bit-for-bit trajectory under %s", got.BLAS)
				return
			}
			t.Logf("BLAS %q differs from the recorded %q: comparing losses to float32 tolerance", got.BLAS, want.BLAS)
			for i, w := range want.Iters {
				g := got.Iters[i]
				for _, l := range []struct {
					name      string
					want, got float64
				}{{"loss_lab", w.LossLab, g.LossLab}, {"loss_unl", w.LossUnl, g.LossUnl}, {"loss_gen", w.LossGen, g.LossGen}} {
					assert.InEpsilon(t, l.want, l.got, 1e-3, "iteration %d %s", i+1, l.name)
				}
			}
		})
	}
}

// goldenRun trains the default model for 4 iterations with matrix products on that many threads.
func goldenRun(t *testing.T, threads int) goldenIterations {
	saved := engine.Threads()
	engine.SetThreads(threads)
	defer engine.SetThreads(saved)

	c := Defaults()
	m, err := New(c, 1)
	require.NoError(t, err)
	defer m.Close()
	require.NoError(t, m.Init(synthetic(c.InitRows*c.InputDim, 1)))
	n := c.Batch * c.InputDim
	y := make([]uint8, c.Batch)
	for i := range y {
		y[i] = uint8(i % c.Classes)
	}
	got := goldenIterations{BLAS: kernels()}
	for it := range 4 {
		b := Batch{XLab: synthetic(n, uint64(10+it)), YLab: y, XUnl: synthetic(n, uint64(20+it)), XUnl2: synthetic(n, uint64(30+it))}
		s, err := m.Iterate(b)
		require.NoError(t, err)
		ps := append(append(append(append([]*core.Param{}, m.D.Params()...), m.G.Params()...), m.G.Buffers()...), m.EMA...)
		got.Iters = append(got.Iters, goldenValues{LossLab: s.LossLab, LossUnl: s.LossUnl, LossGen: s.LossGen, ParamsFNV: testutil.HashFloats(paramData(ps)...)})
	}
	return got
}
