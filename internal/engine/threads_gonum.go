//go:build !openblas

package engine

// pinBLAS has nothing to do: the pure-Go BLAS has no thread pool (its large products start
// goroutines of their own, up to GOMAXPROCS, inside each call).
func pinBLAS() {}

// concurrentBLAS reports whether BLAS calls may run concurrently: the pure-Go BLAS is safe to call
// from several goroutines.
func concurrentBLAS() bool { return true }
