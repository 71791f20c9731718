//go:build !(goexperiment.simd && amd64)

package core

// updateVec has no vector kernel in this build (it needs GOEXPERIMENT=simd on amd64): the scalar
// loop updates every value.
func (c adamConsts) updateVec(w, g, m, v []float32) int { return 0 }

// moveAverageVec has no vector kernel in this build.
func moveAverageVec(avg, x []float32, a float32) int { return 0 }

// The row kernels have no vector form in this build: the callers' scalar loops do all.
func addSquares64(acc []float64, x []float32) int        { return 0 }
func mulAddRow(dst, a, s, b []float32) int               { return 0 }
func mulRowVec(dst, a, s []float32) int                  { return 0 }
func subMulRow(dst, a, c []float32) int                  { return 0 }
func addMulRow(dst, a, t []float32) int                  { return 0 }
func stepMulVec(dst, a, x []float32) int                 { return 0 }
func slopeMulVec(dst, a, x []float32, alpha float32) int { return 0 }
func addVec(dst, a, b []float32) int                     { return 0 }

// clearUpper has nothing to clear in this build: no code of ours leaves vector state dirty.
func clearUpper() {}
