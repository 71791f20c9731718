//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

// moveAverageVec8 is moveAverageVec at 8 lanes, for CPUs without AVX-512.
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
