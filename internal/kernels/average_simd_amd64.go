//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

// moveAverageVec is MoveAverage's loop over the longest prefix of whole 16-value blocks (8 with
// AVX2 only; the same subtract, multiply and add per lane); it returns how many values it
// updated.
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
