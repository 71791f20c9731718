//go:build goexperiment.simd

package core

import "simd/archsimd"

// avx2 reports whether the 8-lane kernels can run here (CPUs with AVX2 but not AVX-512, such as
// AMD's Zen 1-3).
var avx2 = archsimd.X86.AVX2()

// The kernels below are the 16-lane kernels of vector_simd_amd64.go at 8 lanes, for CPUs without
// AVX-512: the same operations per lane in the same order, so every value is the scalar loop's
// bit for bit whichever kernel a CPU runs.

// updateVec8 is updateVec at 8 lanes.
func (c adamConsts) updateVec8(w, g, m, v []float32) int {
	if !avx2 {
		return 0
	}
	n := len(w) &^ 7
	b1, b2 := archsimd.BroadcastFloat32x8(c.b1), archsimd.BroadcastFloat32x8(c.b2)
	a1, a2 := archsimd.BroadcastFloat32x8(1-c.b1), archsimd.BroadcastFloat32x8(1-c.b2)
	lr, c1 := archsimd.BroadcastFloat32x8(c.lr), archsimd.BroadcastFloat32x8(c.c1)
	c2, eps := archsimd.BroadcastFloat32x8(c.c2), archsimd.BroadcastFloat32x8(c.eps)
	for j := 0; j < n; j += 8 {
		gj := archsimd.LoadFloat32x8Slice(g[j:])
		mj := b1.Mul(archsimd.LoadFloat32x8Slice(m[j:])).Add(a1.Mul(gj))
		vj := b2.Mul(archsimd.LoadFloat32x8Slice(v[j:])).Add(a2.Mul(gj).Mul(gj))
		mj.StoreSlice(m[j:])
		vj.StoreSlice(v[j:])
		step := lr.Mul(mj).Mul(c1).Div(vj.Mul(c2).Add(eps).Sqrt())
		archsimd.LoadFloat32x8Slice(w[j:]).Sub(step).StoreSlice(w[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// moveAverageVec8 is moveAverageVec at 8 lanes.
func moveAverageVec8(avg, x []float32, a float32) int {
	if !avx2 {
		return 0
	}
	n := len(avg) &^ 7
	av := archsimd.BroadcastFloat32x8(a)
	for j := 0; j < n; j += 8 {
		e := archsimd.LoadFloat32x8Slice(avg[j:])
		e.Add(av.Mul(archsimd.LoadFloat32x8Slice(x[j:]).Sub(e))).StoreSlice(avg[j:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}

// addSquares64x4 is addSquares64 at 4 lanes.
func addSquares64x4(acc []float64, x []float32) int {
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

// mulAddRow8 is mulAddRow at 8 lanes.
func mulAddRow8(dst, a, s, b []float32) int {
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

// subMulRow8 is subMulRow at 8 lanes.
func subMulRow8(dst, a, c []float32) int {
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

// addMulRow8 is addMulRow at 8 lanes.
func addMulRow8(dst, a, t []float32) int {
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

// stepMulVec8 is stepMulVec at 8 lanes.
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

// slopeMulVec8 is slopeMulVec at 8 lanes.
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

// addVec8 is addVec at 8 lanes.
func addVec8(dst, a, b []float32) int {
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
