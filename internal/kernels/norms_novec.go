//go:build !(goexperiment.simd && amd64)

package kernels

// The column-norm kernel has no vector form in this build: the row loop does all.
func columnSquares64Vec(acc []float64, v []float32, rows, stride int) int { return 0 }
