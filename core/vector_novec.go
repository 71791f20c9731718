//go:build !(goexperiment.simd && amd64)

package core

// updateVec has no vector kernel in this build (it needs GOEXPERIMENT=simd on amd64): the scalar
// loop updates every value.
func (c adamConsts) updateVec(w, g, m, v []float32) int { return 0 }

// moveAverageVec has no vector kernel in this build.
func moveAverageVec(avg, x []float32, a float32) int { return 0 }
