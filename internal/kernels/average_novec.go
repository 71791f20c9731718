//go:build !(goexperiment.simd && amd64)

package kernels

// moveAverageVec has no vector form in this build: the scalar loop updates every value.
func moveAverageVec(avg, x []float32, a float32) int { return 0 }
