//go:build openblas

package engine

import (
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/netlib/blas/netlib"
	"gorgonia.org/gorgonia"
)

// BLAS names the matrix-product library this binary was built with.
const BLAS = "openblas"

func init() {
	// gorgonia.Use also swaps the tensor package's BLAS, so every float32 MatMul goes to OpenBLAS.
	gorgonia.Use(netlib.Implementation{})
	// The fused ops in package core call blas32 directly.
	blas32.Use(netlib.Implementation{})
}
