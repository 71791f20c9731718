package core

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFillNormalMatchesNormFloat64 holds Stream.FillNormal to rand.Rand.NormFloat64 bit for bit:
// the same values from identically seeded PCGs, over enough draws (4 M per seed) to take the
// ziggurat's slow path tens of thousands of times, tail strip included, and the same source
// state afterwards (so draws that follow, and checkpoints, agree too). Buffers of odd lengths
// and a plain draw between fills check that the stream and the Rand stay one sequence.
func TestFillNormalMatchesNormFloat64(t *testing.T) {
	tests := []struct {
		name       string
		seed, seq  uint64
		std        float32
		sizes      []int
		drawsAfter int
	}{
		{"one big buffer", 1, 2, 1, []int{4_000_000}, 3},
		{"scaled, many buffers", 7, 0x2222, 0.3, []int{1, 17, 999, 300_000, 2_000_000, 5}, 3},
		{"empty buffer", 3, 3, 1, []int{0, 10}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := rand.New(rand.NewPCG(tc.seed, tc.seq))
			src := rand.NewPCG(tc.seed, tc.seq)
			s := NewStream(src)
			for _, n := range tc.sizes {
				buf := make([]float32, n)
				s.FillNormal(buf, tc.std)
				bad := 0
				for i, v := range buf {
					w := float32(want.NormFloat64()) * tc.std
					if math.Float32bits(v) != math.Float32bits(w) {
						if bad == 0 {
							t.Errorf("buffer of %d: draw %d is %v, NormFloat64 gives %v", n, i, v, w)
						}
						bad++
					}
				}
				require.Zero(t, bad, "mismatched draws in a buffer of %d", n)
				assert.Equal(t, want.Uint64(), s.Uint64(), "a plain draw after a buffer of %d", n)
			}
			for range tc.drawsAfter {
				assert.Equal(t, want.NormFloat64(), s.NormFloat64(), "NormFloat64 after the fills")
			}
		})
	}
}

// TestZigFastBoundaries checks the fast path against NormFloat64 itself at every strip's edges:
// for j = 0, ±1, ±(zigKn[k]−1), ±zigKn[k], ±(zigKn[k]+1) and the extremes of int32, zigFast must
// take a draw exactly when NormFloat64 returns without asking for a second value, and then
// return NormFloat64's value bit for bit.
func TestZigFastBoundaries(t *testing.T) {
	slowStrips := 0
	for k := range uint64(128) {
		kn := int64(zigKn[k])
		if kn == 0 {
			slowStrips++
		}
		for _, j := range []int64{0, 1, -1, kn - 1, -(kn - 1), kn, -kn, kn + 1, -(kn + 1), math.MaxInt32, math.MinInt32} {
			if j < math.MinInt32 || j > math.MaxInt32 {
				continue
			}
			u := k<<32 | uint64(uint32(int32(j)))
			p := &probeSource{first: u}
			want := rand.New(p).NormFloat64()
			got, fast := zigFast(u)
			require.Equal(t, p.calls == 1, fast, "strip %d, j = %d: fast path", k, j)
			if fast {
				require.Equal(t, math.Float64bits(want), math.Float64bits(got), "strip %d, j = %d", k, j)
			}
		}
	}
	assert.Less(t, slowStrips, 4, "strips that always take the slow path (the reference table has one)")
	// The base strip's fast path reaches r ≈ 3.44, the right edge of Marsaglia and Tsang's
	// 128-strip ziggurat: a check that the tables are the normal ziggurat's at all.
	assert.InDelta(t, 3.44, float64(zigKn[0])*float64(zigWn[0]), 0.01)
}

// BenchmarkFillNormal compares the stream's fill with a NormFloat64 loop over 1 M draws.
func BenchmarkFillNormal(b *testing.B) {
	buf := make([]float32, 1<<20)
	b.Run("stream", func(b *testing.B) {
		s := NewStream(rand.NewPCG(1, 2))
		for b.Loop() {
			s.FillNormal(buf, 1)
		}
	})
	b.Run("NormFloat64", func(b *testing.B) {
		r := rand.New(rand.NewPCG(1, 2))
		for b.Loop() {
			fillNormal(buf, r, 1)
		}
	})
}
