//go:build goexperiment.simd && amd64

package kernels

import (
	"os"
	"path/filepath"
	"regexp"
	"simd/archsimd"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var shiftSink archsimd.Uint32x8

// TestShiftsMatchShiftAll checks the variable-count shifts against archsimd's ShiftAll forms on
// every count below the lane width.
func TestShiftsMatchShiftAll(t *testing.T) {
	if !avx2 {
		t.Skip("no AVX2 on this CPU")
	}
	in := [8]uint32{0, 1, 0x80000000, 0xffffffff, 0x12345678, 0x9abcdef0, 0x3f3504f3, 7}
	x := archsimd.LoadUint32x8Slice(in[:])
	var got, want [8]uint32
	for n := uint32(0); n < 32; n++ {
		shr32(x, n).StoreSlice(got[:])
		x.ShiftAllRight(uint64(n)).StoreSlice(want[:])
		assert.Equal(t, want, got, ">> %d", n)
		shl32(x, n).StoreSlice(got[:])
		x.ShiftAllLeft(uint64(n)).StoreSlice(want[:])
		assert.Equal(t, want, got, "<< %d", n)
	}
	for n := uint64(0); n < 64; n++ {
		shr64(x.AsUint64x4(), n).AsUint32x8().StoreSlice(got[:])
		x.AsUint64x4().ShiftAllRight(n).AsUint32x8().StoreSlice(want[:])
		assert.Equal(t, want, got, "64-bit >> %d", n)
	}
	archsimd.ClearAVXUpperBits()
}

// TestKernelsUseNoShiftAll keeps archsimd's ShiftAll methods out of the kernels (see shr32): a
// kernel written with them is correct but runs several times slower on Intel CPUs, which no
// functional test would notice.
func TestKernelsUseNoShiftAll(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	call := regexp.MustCompile(`\.ShiftAll(Left|Right)\(`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.Empty(t, call.FindAllString(string(src), -1), "%s: use shr32, shl32 or shr64", f)
	}
}

// BenchmarkShifts times a chain of dependent 32-bit right shifts by 8 and additions in the two
// forms (see shr32).
func BenchmarkShifts(b *testing.B) {
	if !avx2 {
		b.Skip("no AVX2 on this CPU")
	}
	b.Run("ShiftAllRight", func(b *testing.B) {
		c := archsimd.BroadcastUint32x8(12345)
		for i := 0; i < b.N; i++ {
			c = c.ShiftAllRight(8).Add(c)
		}
		shiftSink = c
		archsimd.ClearAVXUpperBits()
	})
	b.Run("shr32", func(b *testing.B) {
		c := archsimd.BroadcastUint32x8(12345)
		for i := 0; i < b.N; i++ {
			c = shr32(c, 8).Add(c)
		}
		shiftSink = c
		archsimd.ClearAVXUpperBits()
	})
}
