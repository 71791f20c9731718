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
		return 0
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
	return n
}

// moveAverageVec is MoveAverage's loop over the longest prefix of whole 16-value blocks (the same
// subtract, multiply and add per lane); it returns how many values it updated.
func moveAverageVec(avg, x []float32, a float32) int {
	if !avx512 {
		return 0
	}
	n := len(avg) &^ 15
	av := archsimd.BroadcastFloat32x16(a)
	for j := 0; j < n; j += 16 {
		e := archsimd.LoadFloat32x16Slice(avg[j:])
		e.Add(av.Mul(archsimd.LoadFloat32x16Slice(x[j:]).Sub(e))).StoreSlice(avg[j:])
	}
	return n
}
