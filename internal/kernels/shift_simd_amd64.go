//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

// Shifts by a constant count, lane by lane, through AVX2's per-lane variable shifts (VPSRLVD,
// VPSLLVD, VPSRLVQ) with the count broadcast to every lane. archsimd's ShiftAll methods take
// the count in a general register and the compiler moves it to a vector register with a
// legacy-SSE MOVQ; executed between 256-bit instructions, that move costs about 130 ns on an
// Intel Xeon with AVX-512 (a 2-core VM of family 6 model 167, 2026-12-02: BenchmarkShifts), where
// these forms cost a few cycles. Each gives the ShiftAll result bit for bit (counts below the
// lane width).

// shr32 is x >> n in every lane.
func shr32(x archsimd.Uint32x8, n uint32) archsimd.Uint32x8 {
	return x.ShiftRight(archsimd.BroadcastUint32x8(n))
}

// shl32 is x << n in every lane.
func shl32(x archsimd.Uint32x8, n uint32) archsimd.Uint32x8 {
	return x.ShiftLeft(archsimd.BroadcastUint32x8(n))
}

// shr64 is x >> n in every 64-bit lane.
func shr64(x archsimd.Uint64x4, n uint64) archsimd.Uint64x4 {
	return x.ShiftRight(archsimd.BroadcastUint64x4(n))
}
