package kernels

import "math"

// ColumnNorms sets r[j] = ‖V[:, j]‖ for a row-major (rows × cols) V, accumulating the squares in
// float64 in acc (cols values, overwritten). The columns are split between two goroutines when V
// is large (ForColumns); each column still sums its rows in order, so the norms do not depend
// on the split. The vector kernel (norms_avx2_amd64.go) walks whole 16-column tiles down the
// rows with the sums in registers; the row loop finishes the columns left over.
func ColumnNorms(v []float32, rows, cols int, r []float32, acc []float64) {
	ForColumns(rows, cols, func(lo, hi int) {
		a := acc[lo:hi]
		clear(a)
		done := columnSquares64Vec(a, v[lo:], rows, cols)
		for i := 0; i < rows; i++ {
			AddSquares64(a[done:], v[i*cols+lo+done:i*cols+hi])
		}
		for j := lo; j < hi; j++ {
			r[j] = float32(math.Sqrt(acc[j]))
		}
	})
}
