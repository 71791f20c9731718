//go:build openblas

package engine

import (
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/netlib/blas/netlib"
)

// BLAS names the matrix-product library this binary was built with.
const BLAS = "openblas"

func init() {
	// The products of internal/kernels call blas32; package core/nn points gorgonia at OpenBLAS too
	// (core/nn/blas_openblas.go), so that this package knows no nn library.
	blas32.Use(netlib.Implementation{})
}
