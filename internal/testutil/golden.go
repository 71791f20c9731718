package testutil

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/internal/engine"
)

// Trajectory is a short training run as recorded in a golden file: the BLAS and kernel set it
// ran on and, per iteration, named values (float64 bit patterns from Bits, parameter hashes from
// HashFloats).
type Trajectory struct {
	BLAS  string              `json:"blas"`
	Iters []map[string]string `json:"iterations"`
}

// Kernels names the BLAS and its kernel set: products on other kernels sum in another order.
func Kernels() string { return engine.BLAS + "/" + engine.CoreName() }

// Bits formats v as its float64 bit pattern in hex, so that a golden file keeps every bit.
func Bits(v float64) string { return fmt.Sprintf("%016x", math.Float64bits(v)) }

// fromBits decodes Bits.
func fromBits(t *testing.T, s string) float64 {
	t.Helper()
	u, err := strconv.ParseUint(s, 16, 64)
	require.NoError(t, err)
	return math.Float64frombits(u)
}

// CheckTrajectory runs run at each thread count (engine.SetThreads, restored after), holds every
// thread count's trajectory to the first one's bit for bit (on any machine and BLAS), and
// compares each with the golden file at path: every value exactly under the recorded kernels
// (in a child process where this one has others and the CPU runs them: RunUnderKernels), else
// the named losses to a relative 1e-3 (float32 rounding in another order).
// With update it first rewrites the file from a one-thread run.
func CheckTrajectory(t *testing.T, path string, update bool, threads []int, losses []string, run func(t *testing.T) Trajectory) {
	t.Helper()
	at := func(t *testing.T, n int) Trajectory {
		saved := engine.Threads()
		engine.SetThreads(n)
		defer engine.SetThreads(saved)
		return run(t)
	}
	if update {
		b, err := json.MarshalIndent(at(t, 1), "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, append(b, '\n'), 0o644))
	}
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var want Trajectory
	require.NoError(t, json.Unmarshal(raw, &want))
	if ran, why := RunUnderKernels(t, want.BLAS); ran {
		return
	} else if why != "" {
		t.Logf("not bit for bit against the record: %s", why)
	}
	var first *Trajectory
	for _, n := range threads {
		t.Run(fmt.Sprintf("%d threads", n), func(t *testing.T) {
			got := at(t, n)
			if first == nil {
				first = &got
			} else {
				assert.Equal(t, first.Iters, got.Iters, "bit-for-bit trajectory at %d threads against %d", n, threads[0])
			}
			require.Len(t, got.Iters, len(want.Iters))
			if got.BLAS == want.BLAS {
				assert.Equal(t, want.Iters, got.Iters, "bit-for-bit trajectory under %s", got.BLAS)
				return
			}
			t.Logf("BLAS %q differs from the recorded %q: comparing the losses to float32 tolerance", got.BLAS, want.BLAS)
			for i, w := range want.Iters {
				for _, k := range losses {
					assert.InEpsilon(t, fromBits(t, w[k]), fromBits(t, got.Iters[i][k]), 1e-3, "iteration %d %s", i+1, k)
				}
			}
		})
	}
}
