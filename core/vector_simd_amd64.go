//go:build goexperiment.simd

package core

import "simd/archsimd"

// avx512 reports whether the 16-lane kernels can run here.
var avx512 = archsimd.X86.AVX512()

// updateVec applies the Adam update to the longest prefix of whole 16-value blocks, 16 lanes at a
// time, with the same operations in the same order as update (separate multiplies and adds, no
// fused multiply-add; the square root and the division are correctly rounded in both), so every
// value is the scalar one bit for bit. It returns how many values it updated (0 without AVX-512).
func (c adamConsts) updateVec(w, g, m, v []float32) int {
	if !avx512 {
		return c.updateVec8(w, g, m, v)
	}
	n := len(w) &^ 15
	b1, b2 := archsimd.BroadcastFloat32x16(c.b1), archsimd.BroadcastFloat32x16(c.b2)
	a1, a2 := archsimd.BroadcastFloat32x16(1-c.b1), archsimd.BroadcastFloat32x16(1-c.b2)
	lr, c1 := archsimd.BroadcastFloat32x16(c.lr), archsimd.BroadcastFloat32x16(c.c1)
	c2, eps := archsimd.BroadcastFloat32x16(c.c2), archsimd.BroadcastFloat32x16(c.eps)
	for j := 0; j < n; j += 16 {
		gj := archsimd.LoadFloat32x16Slice(g[j:])
		mj := b1.Mul(archsimd.LoadFloat32x16Slice(m[j:])).Add(a1.Mul(gj))
		vj := b2.Mul(archsimd.LoadFloat32x16Slice(v[j:])).Add(a2.Mul(gj).Mul(gj))
		mj.StoreSlice(m[j:])
		vj.StoreSlice(v[j:])
		step := lr.Mul(mj).Mul(c1).Div(vj.Mul(c2).Add(eps).Sqrt())
		archsimd.LoadFloat32x16Slice(w[j:]).Sub(step).StoreSlice(w[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// moveAverageVec is MoveAverage's loop over the longest prefix of whole 16-value blocks (the same
// subtract, multiply and add per lane); it returns how many values it updated.
func moveAverageVec(avg, x []float32, a float32) int {
	if !avx512 {
		return moveAverageVec8(avg, x, a)
	}
	n := len(avg) &^ 15
	av := archsimd.BroadcastFloat32x16(a)
	for j := 0; j < n; j += 16 {
		e := archsimd.LoadFloat32x16Slice(avg[j:])
		e.Add(av.Mul(archsimd.LoadFloat32x16Slice(x[j:]).Sub(e))).StoreSlice(avg[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// The row kernels below each handle the longest prefix of whole vector blocks of their first
// slice with the scalar expression's operations per lane, and return how many values they did;
// the callers finish the tail with the scalar loop.

// addSquares64 sets acc[j] += float64(x[j])·float64(x[j]).
func addSquares64(acc []float64, x []float32) int {
	if !avx512 {
		return addSquares64x4(acc, x)
	}
	n := len(acc) &^ 7
	for j := 0; j < n; j += 8 {
		xf := archsimd.LoadFloat32x8Slice(x[j:]).ConvertToFloat64()
		archsimd.LoadFloat64x8Slice(acc[j:]).Add(xf.Mul(xf)).StoreSlice(acc[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// mulAddRow sets dst[j] = a[j]·s[j] + b[j].
func mulAddRow(dst, a, s, b []float32) int {
	if !avx512 {
		return mulAddRow8(dst, a, s, b)
	}
	n := len(dst) &^ 15
	for j := 0; j < n; j += 16 {
		p := archsimd.LoadFloat32x16Slice(a[j:]).Mul(archsimd.LoadFloat32x16Slice(s[j:]))
		p.Add(archsimd.LoadFloat32x16Slice(b[j:])).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// mulRowVec sets dst[j] = a[j]·s[j].
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

// subMulRow sets dst[j] −= a[j]·c[j].
func subMulRow(dst, a, c []float32) int {
	if !avx512 {
		return subMulRow8(dst, a, c)
	}
	n := len(dst) &^ 15
	for j := 0; j < n; j += 16 {
		p := archsimd.LoadFloat32x16Slice(a[j:]).Mul(archsimd.LoadFloat32x16Slice(c[j:]))
		archsimd.LoadFloat32x16Slice(dst[j:]).Sub(p).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// addMulRow sets dst[j] += a[j]·t[j].
func addMulRow(dst, a, t []float32) int {
	if !avx512 {
		return addMulRow8(dst, a, t)
	}
	n := len(dst) &^ 15
	for j := 0; j < n; j += 16 {
		p := archsimd.LoadFloat32x16Slice(a[j:]).Mul(archsimd.LoadFloat32x16Slice(t[j:]))
		archsimd.LoadFloat32x16Slice(dst[j:]).Add(p).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// stepMulVec sets dst[j] = a[j]·s(x[j]) with s = 1 where x ≥ 0 and 0 elsewhere, NaN included
// (the ReLU forward with a = x, its backward with a = the upstream gradient).
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

// slopeMulVec sets dst[j] = a[j]·s(x[j]) with s = 1 where x > 0 and alpha elsewhere, NaN included
// (the leaky ReLU forward with a = x, its backward with a = the upstream gradient).
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

// addVec sets dst[j] = a[j] + b[j].
func addVec(dst, a, b []float32) int {
	if !avx512 {
		return addVec8(dst, a, b)
	}
	n := len(dst) &^ 15
	for j := 0; j < n; j += 16 {
		archsimd.LoadFloat32x16Slice(a[j:]).Add(archsimd.LoadFloat32x16Slice(b[j:])).StoreSlice(dst[j:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// avx reports whether VZEROUPPER exists here.
var avx = archsimd.X86.AVX()

// clearUpper zeroes the upper halves of the vector registers (VZEROUPPER), so that scalar
// library code which mixes SSE and VEX instructions (math.Exp) runs without transition stalls.
func clearUpper() {
	if avx {
		archsimd.ClearAVXUpperBits()
	}
}
