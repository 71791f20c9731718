package kernels

import "math"

// ColumnNorms sets r[j] = ‖V[:, j]‖ for a row-major (rows × cols) V, accumulating the squares in
// float64 in acc (cols values, overwritten). The columns are split between two goroutines when V
// is large (ForColumns); each column still sums its rows in order, so the norms do not depend
// on the split.
func ColumnNorms(v []float32, rows, cols int, r []float32, acc []float64) {
	ForColumns(rows, cols, func(lo, hi int) {
		a := acc[lo:hi]
		clear(a)
		for i := 0; i < rows; i++ {
			AddSquares64(a, v[i*cols+lo:i*cols+hi])
		}
		for j := lo; j < hi; j++ {
			r[j] = float32(math.Sqrt(acc[j]))
		}
	})
}
