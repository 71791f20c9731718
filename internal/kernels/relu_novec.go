//go:build !(goexperiment.simd && amd64)

package kernels

// The rectifier kernels have no vector form in this build: their scalar loops do all.
func stepMulVec(dst, a, x []float32) int                 { return 0 }
func slopeMulVec(dst, a, x []float32, alpha float32) int { return 0 }
