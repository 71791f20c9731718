//go:build !openblas

package engine

// CoreName is empty for the pure-Go BLAS, which has no CPU-specific kernels.
func CoreName() string { return "" }
