//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

// The row kernels' vector loops of rows_simd_amd64.go at 8 lanes (addSquares64 at 4), for CPUs
// without AVX-512: the same operations per lane in the same order, so every value is the scalar
// loop's bit for bit whichever kernel a CPU runs. Each returns 0 without AVX2.

// mulAddRowVec8 is mulAddRowVec at 8 lanes.
func mulAddRowVec8(dst, a, s, b []float32) int {
	if !avx2 {
		return 0
	}
	n := len(dst) &^ 7
	for j := 0; j < n; j += 8 {
		p := archsimd.LoadFloat32x8Slice(a[j:]).Mul(archsimd.LoadFloat32x8Slice(s[j:]))
		p.Add(archsimd.LoadFloat32x8Slice(b[j:])).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// mulRowVec8 is mulRowVec at 8 lanes.
func mulRowVec8(dst, a, s []float32) int {
	if !avx2 {
		return 0
	}
	n := len(dst) &^ 7
	for j := 0; j < n; j += 8 {
		archsimd.LoadFloat32x8Slice(a[j:]).Mul(archsimd.LoadFloat32x8Slice(s[j:])).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// subMulRowVec8 is subMulRowVec at 8 lanes.
func subMulRowVec8(dst, a, c []float32) int {
	if !avx2 {
		return 0
	}
	n := len(dst) &^ 7
	for j := 0; j < n; j += 8 {
		p := archsimd.LoadFloat32x8Slice(a[j:]).Mul(archsimd.LoadFloat32x8Slice(c[j:]))
		archsimd.LoadFloat32x8Slice(dst[j:]).Sub(p).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// addMulRowVec8 is addMulRowVec at 8 lanes.
func addMulRowVec8(dst, a, t []float32) int {
	if !avx2 {
		return 0
	}
	n := len(dst) &^ 7
	for j := 0; j < n; j += 8 {
		p := archsimd.LoadFloat32x8Slice(a[j:]).Mul(archsimd.LoadFloat32x8Slice(t[j:]))
		archsimd.LoadFloat32x8Slice(dst[j:]).Add(p).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// addVecVec8 is addVecVec at 8 lanes.
func addVecVec8(dst, a, b []float32) int {
	if !avx2 {
		return 0
	}
	n := len(dst) &^ 7
	for j := 0; j < n; j += 8 {
		archsimd.LoadFloat32x8Slice(a[j:]).Add(archsimd.LoadFloat32x8Slice(b[j:])).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// addSquares64Vec4 is addSquares64Vec at 4 lanes.
func addSquares64Vec4(acc []float64, x []float32) int {
	if !avx2 {
		return 0
	}
	n := len(acc) &^ 3
	for j := 0; j < n; j += 4 {
		xf := archsimd.LoadFloat32x4Slice(x[j:]).ConvertToFloat64()
		archsimd.LoadFloat64x4Slice(acc[j:]).Add(xf.Mul(xf)).StoreSlice(acc[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}
