//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

// The vector forms of the row kernels (rows.go): each handles the longest prefix of whole
// 16-value blocks of its first slice (8-value blocks with AVX2 only, rows_avx2_amd64.go) with the
// scalar expression's operations per lane, and returns how many values it did.

// mulAddRowVec is MulAddRow's vector loop.
func mulAddRowVec(dst, a, s, b []float32) int {
	if !avx512 {
		return mulAddRowVec8(dst, a, s, b)
	}
	n := len(dst) &^ 15
	for j := 0; j < n; j += 16 {
		p := archsimd.LoadFloat32x16Slice(a[j:]).Mul(archsimd.LoadFloat32x16Slice(s[j:]))
		p.Add(archsimd.LoadFloat32x16Slice(b[j:])).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// mulRowVec is MulRow's vector loop.
func mulRowVec(dst, a, s []float32) int {
	if !avx512 {
		return mulRowVec8(dst, a, s)
	}
	n := len(dst) &^ 15
	for j := 0; j < n; j += 16 {
		archsimd.LoadFloat32x16Slice(a[j:]).Mul(archsimd.LoadFloat32x16Slice(s[j:])).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// subMulRowVec is SubMulRow's vector loop.
func subMulRowVec(dst, a, c []float32) int {
	if !avx512 {
		return subMulRowVec8(dst, a, c)
	}
	n := len(dst) &^ 15
	for j := 0; j < n; j += 16 {
		p := archsimd.LoadFloat32x16Slice(a[j:]).Mul(archsimd.LoadFloat32x16Slice(c[j:]))
		archsimd.LoadFloat32x16Slice(dst[j:]).Sub(p).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// addMulRowVec is AddMulRow's vector loop.
func addMulRowVec(dst, a, t []float32) int {
	if !avx512 {
		return addMulRowVec8(dst, a, t)
	}
	n := len(dst) &^ 15
	for j := 0; j < n; j += 16 {
		p := archsimd.LoadFloat32x16Slice(a[j:]).Mul(archsimd.LoadFloat32x16Slice(t[j:]))
		archsimd.LoadFloat32x16Slice(dst[j:]).Add(p).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// addVecVec is AddVec's vector loop.
func addVecVec(dst, a, b []float32) int {
	if !avx512 {
		return addVecVec8(dst, a, b)
	}
	n := len(dst) &^ 15
	for j := 0; j < n; j += 16 {
		archsimd.LoadFloat32x16Slice(a[j:]).Add(archsimd.LoadFloat32x16Slice(b[j:])).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// addSquares64Vec is AddSquares64's vector loop, 8 float64 lanes at a time (4 with AVX2 only).
func addSquares64Vec(acc []float64, x []float32) int {
	if !avx512 {
		return addSquares64Vec4(acc, x)
	}
	n := len(acc) &^ 7
	for j := 0; j < n; j += 8 {
		xf := archsimd.LoadFloat32x8Slice(x[j:]).ConvertToFloat64()
		archsimd.LoadFloat64x8Slice(acc[j:]).Add(xf.Mul(xf)).StoreSlice(acc[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}
