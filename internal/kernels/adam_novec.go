//go:build !(goexperiment.simd && amd64)

package kernels

// adamVec has no vector form in this build (it needs GOEXPERIMENT=simd on amd64): the scalar
// loop updates every value.
func adamVec(w, g, m, v []float32, c AdamConsts) int { return 0 }
