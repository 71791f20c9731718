package kernels

import "math"

// FillNormal sets dst[i] = std·z_i, where z_i is the i-th standard normal draw of the address:
// Box-Muller on the four 32-bit words of Philox block i/4, words (0, 1) giving draws 4b and
// 4b+1 and words (2, 3) draws 4b+2 and 4b+3. Each value depends only on the address and i, so
// the work is split over up to parts goroutines with the same result for any split.
//
// The radius uses u = (w>>8 + 1)·2⁻²⁴ in (0, 1], so |z| ≤ √(−2 ln 2⁻²⁴) ≈ 5.77: the tails beyond
// 5.77σ (probability 8·10⁻⁹) are cut, as in every float32 Box-Muller. log32 and sincos2pi are
// float32 polynomials; their errors against float64 are stated in the tests.
func FillNormal(dst []float32, std float32, a Address, parts int) {
	inParts(len(dst), parts, func(lo, hi int) { fillNormal(dst, std, a, lo, hi) })
}

// FillUniform sets dst[i] to the i-th U[0, 1) draw of the address: word i%4 of Philox block i/4,
// its top 24 bits times 2⁻²⁴ (every float32 multiple of 2⁻²⁴ in [0, 1), equally likely).
func FillUniform(dst []float32, a Address, parts int) {
	inParts(len(dst), parts, func(lo, hi int) {
		for i := lo; i < hi; {
			w := a.block(uint32(i / 4))
			for j := i % 4; j < 4 && i < hi; j, i = j+1, i+1 {
				dst[i] = float32(w[j]>>8) * 0x1p-24
			}
		}
	})
}

// fillNormal fills dst[lo:hi] (see FillNormal).
func fillNormal(dst []float32, std float32, a Address, lo, hi int) {
	i := lo
	// A leading partial block.
	for ; i < hi && i%4 != 0; i++ {
		dst[i] = std * normalAt(a.block(uint32(i/4)), i%4)
	}
	i += 4 * normalBlocksVec(dst[i:hi], std, a, uint32(i/4))
	for ; i+4 <= hi; i += 4 {
		w := a.block(uint32(i / 4))
		z0, z1 := boxMuller(w[0], w[1])
		z2, z3 := boxMuller(w[2], w[3])
		d := dst[i : i+4 : i+4]
		d[0], d[1], d[2], d[3] = float32(std*z0), float32(std*z1), float32(std*z2), float32(std*z3)
	}
	for ; i < hi; i++ {
		dst[i] = std * normalAt(a.block(uint32(i/4)), i%4)
	}
}

// normalAt is draw j (0-3) of a block's words.
func normalAt(w [4]uint32, j int) float32 {
	z0, z1 := boxMuller(w[j&^1], w[j|1])
	if j&1 == 0 {
		return z0
	}
	return z1
}

// boxMuller maps two 32-bit words to two independent N(0, 1) draws: r = √(−2 ln u) with u in
// (0, 1] from the first word, the angle 2π·t with t in [0, 1) from the second.
func boxMuller(wu, wt uint32) (z0, z1 float32) {
	u := float32(wu>>8+1) * 0x1p-24
	r := float32(math.Sqrt(float64(-2 * log32(u))))
	s, c := sincos2pi(wt >> 8)
	return float32(r * c), float32(r * s)
}

// ln2 split in two for log32's e·ln 2 (the high part has trailing zeros, so e·ln2Hi is exact).
const (
	ln2Hi = 0.693145751953125
	ln2Lo = 1.42860682030941723212e-06
)

// log32 is the natural logarithm of a positive normal float32: x = m·2ᵉ with m in [√½, √2)
// (found without a branch: adding 1 − √½ to the bits carries into the exponent exactly when
// the mantissa is at least √2), ln m = 2·atanh(s) with s = (m−1)/(m+1), |s| ≤ 0.1716, by its
// series to s⁹ (truncation below 3·10⁻¹⁰ relative).
func log32(x float32) float32 {
	const sqrtHalf = 0x3f3504f3 // √½ as float32 bits
	ix := math.Float32bits(x) + (0x3f800000 - sqrtHalf)
	e := int32(ix>>23) - 127
	m := math.Float32frombits(ix&0x7fffff + sqrtHalf)
	s := (m - 1) / (m + 1)
	s2 := float32(s * s)
	// Every product is rounded on its own (an explicit conversion forbids a fused multiply-add),
	// as the vector kernel computes it.
	p := float32(s2 * (logC3 + float32(s2*(logC5+float32(s2*(logC7+float32(s2*logC9)))))))
	fe := float32(e)
	s2x := float32(2 * s)
	return float32(fe*ln2Hi) + (s2x + (float32(s2x*p) + float32(fe*ln2Lo)))
}

// The series coefficients of log32 and the Taylor coefficients of sincos2pi, as float32.
const (
	logC3, logC5, logC7, logC9 float32 = 1.0 / 3, 1.0 / 5, 1.0 / 7, 1.0 / 9
	sinC3, sinC5, sinC7, sinC9 float32 = -1.0 / 6, 1.0 / 120, -1.0 / 5040, 1.0 / 362880
	cosC2, cosC4, cosC6, cosC8 float32 = -0.5, 1.0 / 24, -1.0 / 720, 1.0 / 40320
	cosC10                     float32 = -1.0 / 3628800
	halfPi                     float32 = math.Pi / 2
)

// sincos2pi returns sin and cos of 2π·t for t = k·2⁻²⁴, k < 2²⁴: the quadrant from the top bits
// of k, then Taylor polynomials on [−π/4, π/4] (to a⁹ for the sine, a¹⁰ for the cosine:
// truncation below 3·10⁻⁸).
func sincos2pi(k uint32) (sin, cos float32) {
	// t·4 = q + f with q the nearest quadrant (mod 4) and f in [−½, ½]; a = f·π/2.
	q := (k + 1<<21) >> 22 // round(k / 2²²)
	f := float32(int32(k)-int32(q<<22)) * 0x1p-22
	a := float32(f * halfPi)
	a2 := float32(a * a)
	s := float32(a * (1 + float32(a2*(sinC3+float32(a2*(sinC5+float32(a2*(sinC7+float32(a2*sinC9)))))))))
	c := 1 + float32(a2*(cosC2+float32(a2*(cosC4+float32(a2*(cosC6+float32(a2*(cosC8+float32(a2*cosC10)))))))))
	// Rotate by q quadrants without a branch: odd q swaps the two, q = 2, 3 negate the sine and
	// q = 1, 2 the cosine.
	sb, cb := math.Float32bits(s), math.Float32bits(c)
	swap := -(q & 1) & (sb ^ cb)
	sb, cb = sb^swap, cb^swap
	sb ^= (q & 2) << 30
	cb ^= ((q + 1) & 2) << 30
	return math.Float32frombits(sb), math.Float32frombits(cb)
}
