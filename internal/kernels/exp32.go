package kernels

import "math"

// float32 exponential-family functions for the activations and losses: Exp32 (Cody and Waite's
// range reduction with the minimax polynomial of Cephes' expf, Moshier 1992), Log1p32 (Goldberg's
// log1p from a logarithm, "What every computer scientist should know about floating-point
// arithmetic", 1991, Theorem 4) and what is built from them. Every product is rounded on its own
// (an explicit float32 conversion forbids a fused multiply-add), as the 8-lane kernels compute
// them, so the two agree bit for bit; their errors against float64 are stated in the tests.

// The clamp of Exp32's argument: its result stays a normal float32 (2⁻¹²⁶ … 2¹²⁷).
const (
	expLo float32 = -87.3
	expHi float32 = 88.0
)

// The constants of Exp32: log₂e, ln 2 split in two (expC1 has 8 significant bits, so n·expC1 is
// exact), the polynomial's coefficients, and 1.5·2²³, whose addition rounds to an integer.
const (
	log2e  float32 = math.Log2E
	expC1  float32 = 0.693359375
	expC2  float32 = -2.12194440e-4
	expP0  float32 = 1.9875691500e-4
	expP1  float32 = 1.3981999507e-3
	expP2  float32 = 8.3334519073e-3
	expP3  float32 = 4.1665795894e-2
	expP4  float32 = 1.6666665459e-1
	expP5  float32 = 5.0000001201e-1
	round1 float32 = 12582912
)

// Exp32 is eˣ for x clamped to [−87.3, 88]: x = n·ln 2 + r with |r| ≤ ½ ln 2, eʳ by a degree-7
// polynomial, and 2ⁿ through the exponent bits.
func Exp32(x float32) float32 {
	x = min(max(x, expLo), expHi)
	n := (float32(x*log2e) + round1) - round1
	r := (x - float32(n*expC1)) - float32(n*expC2)
	r2 := float32(r * r)
	p := expP1 + float32(expP0*r)
	p = expP2 + float32(p*r)
	p = expP3 + float32(p*r)
	p = expP4 + float32(p*r)
	p = expP5 + float32(p*r)
	y := (float32(p*r2) + r) + 1
	return float32(y * math.Float32frombits(uint32(int32(n)+127)<<23))
}

// Log1p32 is ln(1 + t) for t ≥ 0: u = 1 + t rounded, then ln u · t/(u − 1), which cancels the
// rounding of u (t itself where u rounds to 1).
func Log1p32(t float32) float32 {
	u := 1 + t
	d := u - 1
	if d == 0 {
		return t
	}
	return float32(Log32(u)*t) / d
}

// Log32 is the natural logarithm of a positive normal float32 (log32).
func Log32(x float32) float32 { return log32(x) }

// Softplus32 is ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|).
func Softplus32(x float32) float32 {
	return max(x, 0) + Log1p32(Exp32(-abs32(x)))
}

// Logistic32 is 1/(1 + e^−x), the sigmoid and softplus' derivative.
func Logistic32(x float32) float32 { return 1 / (1 + Exp32(-x)) }

// abs32 is |x| by clearing the sign bit.
func abs32(x float32) float32 { return math.Float32frombits(math.Float32bits(x) &^ (1 << 31)) }

// SoftplusForward sets y[i] = Softplus32(x[i]).
func SoftplusForward(y, x []float32) {
	for i := softplusVec(y, x); i < len(x); i++ {
		y[i] = Softplus32(x[i])
	}
}

// LogisticForward sets y[i] = Logistic32(x[i]) (the sigmoid's forward, softplus' derivative).
func LogisticForward(y, x []float32) {
	for i := logisticVec(y, x); i < len(x); i++ {
		y[i] = Logistic32(x[i])
	}
}

// LogisticScale sets d[i] = g[i]·Logistic32(x[i]) (softplus' backward).
func LogisticScale(d, g, x []float32) {
	for i := logisticScaleVec(d, g, x); i < len(x); i++ {
		d[i] = g[i] * Logistic32(x[i])
	}
}

// SigmoidBackward sets d[i] = g[i]·(y[i]·(1 − y[i])), the sigmoid's backward from its output y.
func SigmoidBackward(d, g, y []float32) {
	for i := sigmoidBwdVec(d, g, y); i < len(y); i++ {
		d[i] = g[i] * float32(y[i]*(1-y[i]))
	}
}
