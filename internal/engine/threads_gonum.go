//go:build !openblas

package engine

// pinBLAS has nothing to do: the pure-Go BLAS runs each call on the calling goroutine.
func pinBLAS() {}
