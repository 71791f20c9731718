//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

// columnSquares64Vec adds to acc[j] the squares of column j of the row-major v (rows rows, a
// row every stride values), for the longest prefix of whole 16-column tiles of acc, and returns
// how many columns it did. A tile's 16 sums stay in four registers while the loop walks down
// the rows, so V is read once, a cache line per row, and acc is not reloaded per row; each
// column still adds float64(x)·float64(x) row after row in order, as AddSquares64 does, so the
// sums are AddSquares64's bit for bit. It runs on AVX2 (AVX-512 CPUs have it too).
func columnSquares64Vec(acc []float64, v []float32, rows, stride int) int {
	if !avx2 || rows == 0 {
		return 0
	}
	n := len(acc) &^ 15
	for j := 0; j < n; j += 16 {
		a0 := archsimd.LoadFloat64x4Slice(acc[j:])
		a1 := archsimd.LoadFloat64x4Slice(acc[j+4:])
		a2 := archsimd.LoadFloat64x4Slice(acc[j+8:])
		a3 := archsimd.LoadFloat64x4Slice(acc[j+12:])
		for i := 0; i < rows; i++ {
			row := v[i*stride+j : i*stride+j+16]
			x0 := archsimd.LoadFloat32x4Slice(row).ConvertToFloat64()
			x1 := archsimd.LoadFloat32x4Slice(row[4:]).ConvertToFloat64()
			x2 := archsimd.LoadFloat32x4Slice(row[8:]).ConvertToFloat64()
			x3 := archsimd.LoadFloat32x4Slice(row[12:]).ConvertToFloat64()
			a0 = a0.Add(x0.Mul(x0))
			a1 = a1.Add(x1.Mul(x1))
			a2 = a2.Add(x2.Mul(x2))
			a3 = a3.Add(x3.Mul(x3))
		}
		a0.StoreSlice(acc[j:])
		a1.StoreSlice(acc[j+4:])
		a2.StoreSlice(acc[j+8:])
		a3.StoreSlice(acc[j+12:])
	}
	archsimd.ClearAVXUpperBits() // back to SSE without the false-dependency penalty
	return n
}
