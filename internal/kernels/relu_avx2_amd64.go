//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

// stepMulVec8 is stepMulVec at 8 lanes, for CPUs without AVX-512 (0 without AVX2).
func stepMulVec8(dst, a, x []float32) int {
	if !avx2 {
		return 0
	}
	n := len(dst) &^ 7
	zero, one := archsimd.BroadcastFloat32x8(0), archsimd.BroadcastFloat32x8(1)
	for j := 0; j < n; j += 8 {
		s := one.Masked(archsimd.LoadFloat32x8Slice(x[j:]).GreaterEqual(zero))
		archsimd.LoadFloat32x8Slice(a[j:]).Mul(s).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// slopeMulVec8 is slopeMulVec at 8 lanes, for CPUs without AVX-512 (0 without AVX2).
func slopeMulVec8(dst, a, x []float32, alpha float32) int {
	if !avx2 {
		return 0
	}
	n := len(dst) &^ 7
	zero, one, al := archsimd.BroadcastFloat32x8(0), archsimd.BroadcastFloat32x8(1), archsimd.BroadcastFloat32x8(alpha)
	for j := 0; j < n; j += 8 {
		s := one.Merge(al, archsimd.LoadFloat32x8Slice(x[j:]).Greater(zero))
		archsimd.LoadFloat32x8Slice(a[j:]).Mul(s).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}
