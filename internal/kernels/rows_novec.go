//go:build !(goexperiment.simd && amd64)

package kernels

// The row kernels have no vector form in this build: their scalar loops do all.
func mulAddRowVec(dst, a, s, b []float32) int        { return 0 }
func mulRowVec(dst, a, s []float32) int              { return 0 }
func subMulRowVec(dst, a, c []float32) int           { return 0 }
func addMulRowVec(dst, a, t []float32) int           { return 0 }
func addVecVec(dst, a, b []float32) int              { return 0 }
func addSquares64Vec(acc []float64, x []float32) int { return 0 }
