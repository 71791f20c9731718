//go:build openblas

package nn

import (
	"gonum.org/v1/netlib/blas/netlib"
	"gorgonia.org/gorgonia"
)

func init() {
	// gorgonia.Use also swaps the tensor package's BLAS, so every float32 MatMul that gorgonia
	// itself runs goes to OpenBLAS, as the products of internal/kernels do (internal/engine).
	gorgonia.Use(netlib.Implementation{})
}
