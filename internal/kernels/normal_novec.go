//go:build !(goexperiment.simd && amd64)

package kernels

// normalBlocksVec has no vector form in this build: the scalar loop fills every block.
func normalBlocksVec(dst []float32, std float32, a Address, b0 uint32) int { return 0 }

// The exponential kernels have no vector form in this build.
func softplusVec(y, x []float32) int         { return 0 }
func logisticVec(y, x []float32) int         { return 0 }
func logisticScaleVec(d, g, x []float32) int { return 0 }
func sigmoidBwdVec(d, g, y []float32) int    { return 0 }
