//go:build !openblas

package engine

// SetThreads is a no-op for the pure-Go BLAS, which runs each product on one goroutine.
func SetThreads(n int) {}

// Threads reports the number of threads the pure-Go BLAS uses for one matrix product.
func Threads() int { return 1 }
