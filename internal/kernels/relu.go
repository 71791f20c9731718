package kernels

import "math"

// Step01 is 1 where x ≥ 0 and 0 elsewhere (NaN included), set through an integer flag so that
// the compiler emits no branch: on a layer's pre-activations the sign is a coin flip and a
// mispredicted branch costs more than the arithmetic.
func Step01(x float32) float32 {
	var b uint32
	if x >= 0 {
		b = 1
	}
	return float32(b)
}

// StepMul sets dst[j] = a[j]·Step01(x[j]): the ReLU forward with a = x, its backward with a = the
// upstream gradient. NaN passes through (NaN·0 = NaN), so a diverging run is still caught.
func StepMul(dst, a, x []float32) {
	for j := stepMulVec(dst, a, x); j < len(dst); j++ {
		dst[j] = a[j] * Step01(x[j])
	}
}

// SlopeMul sets dst[j] = a[j]·s(x[j]) with s = 1 where x > 0 and alpha elsewhere, NaN included,
// s chosen by bit mask (no branch): the leaky ReLU forward with a = x, its backward with a = the
// upstream gradient.
func SlopeMul(dst, a, x []float32, alpha float32) {
	al, one := math.Float32bits(alpha), math.Float32bits(1)
	for j := slopeMulVec(dst, a, x, alpha); j < len(dst); j++ {
		var b uint32
		if x[j] > 0 {
			b = 1
		}
		dst[j] = a[j] * math.Float32frombits(al^(-b&(al^one)))
	}
}
