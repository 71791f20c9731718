//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

// stepMulVec is StepMul's loop over the longest prefix of whole 16-value blocks (8 with AVX2
// only), the step chosen by a lane mask; it returns how many values it did.
func stepMulVec(dst, a, x []float32) int {
	if !avx512 {
		return stepMulVec8(dst, a, x)
	}
	n := len(dst) &^ 15
	zero, one := archsimd.BroadcastFloat32x16(0), archsimd.BroadcastFloat32x16(1)
	for j := 0; j < n; j += 16 {
		s := one.Masked(archsimd.LoadFloat32x16Slice(x[j:]).GreaterEqual(zero))
		archsimd.LoadFloat32x16Slice(a[j:]).Mul(s).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// slopeMulVec is SlopeMul's loop over the longest prefix of whole 16-value blocks (8 with AVX2
// only), the slope chosen by a lane mask; it returns how many values it did.
func slopeMulVec(dst, a, x []float32, alpha float32) int {
	if !avx512 {
		return slopeMulVec8(dst, a, x, alpha)
	}
	n := len(dst) &^ 15
	zero, one, al := archsimd.BroadcastFloat32x16(0), archsimd.BroadcastFloat32x16(1), archsimd.BroadcastFloat32x16(alpha)
	for j := 0; j < n; j += 16 {
		s := one.Merge(al, archsimd.LoadFloat32x16Slice(x[j:]).Greater(zero))
		archsimd.LoadFloat32x16Slice(a[j:]).Mul(s).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}
