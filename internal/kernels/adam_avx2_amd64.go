//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

// adamVec8 is adamVec at 8 lanes, for CPUs without AVX-512.
func adamVec8(w, g, m, v []float32, c AdamConsts) int {
	if !avx2 {
		return 0
	}
	n := len(w) &^ 7
	b1, b2 := archsimd.BroadcastFloat32x8(c.B1), archsimd.BroadcastFloat32x8(c.B2)
	a1, a2 := archsimd.BroadcastFloat32x8(1-c.B1), archsimd.BroadcastFloat32x8(1-c.B2)
	lr, c1 := archsimd.BroadcastFloat32x8(c.LR), archsimd.BroadcastFloat32x8(c.C1)
	c2, eps := archsimd.BroadcastFloat32x8(c.C2), archsimd.BroadcastFloat32x8(c.Eps)
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
