//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

// adamVec applies AdamUpdate to the longest prefix of whole 16-value blocks, 16 lanes at a time
// (8 with AVX2 only), and returns how many values it updated (0 without AVX2).
func adamVec(w, g, m, v []float32, c AdamConsts) int {
	if !avx512 {
		return adamVec8(w, g, m, v, c)
	}
	n := len(w) &^ 15
	b1, b2 := archsimd.BroadcastFloat32x16(c.B1), archsimd.BroadcastFloat32x16(c.B2)
	a1, a2 := archsimd.BroadcastFloat32x16(1-c.B1), archsimd.BroadcastFloat32x16(1-c.B2)
	lr, c1 := archsimd.BroadcastFloat32x16(c.LR), archsimd.BroadcastFloat32x16(c.C1)
	c2, eps := archsimd.BroadcastFloat32x16(c.C2), archsimd.BroadcastFloat32x16(c.Eps)
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
