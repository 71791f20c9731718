//go:build !openblas

package engine

// BLAS names the matrix-product library this binary was built with.
const BLAS = "gonum (pure Go)"
