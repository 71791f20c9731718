// Package engine selects the BLAS behind gorgonia's matrix products and controls its threads.
//
// Built with `-tags openblas` (and CGO_LDFLAGS=-lopenblas) every float32 MatMul goes to OpenBLAS
// through gonum's netlib bindings; without the tag the pure-Go gonum BLAS is used. Both builds
// pass the same tests. Every run records BLAS and Threads in its output and its result.
package engine

import "fmt"

// Describe returns a one-line description of the BLAS in use, its kernels and its thread count.
func Describe() string {
	if c := CoreName(); c != "" {
		return fmt.Sprintf("%s (%s kernels), %d thread(s)", BLAS, c, Threads())
	}
	return fmt.Sprintf("%s, %d thread(s)", BLAS, Threads())
}
