//go:build goexperiment.simd

package core

import (
	"math"
	"simd/archsimd"
)

// The constants of Go's math.Log1p (src/math/log1p.go, after FreeBSD's s_log1p.c).
const (
	l1pSqrt2M1 = 4.142135623730950488017e-01
	l1pSmall   = 1.0 / (1 << 29)
	l1pTiny    = 1.0 / (1 << 54)
	l1pLn2Hi   = 6.93147180369123816490e-01
	l1pLn2Lo   = 1.90821492927058770002e-10
	// l1pTop bounds the arguments the vector form takes from above: near 1 the reduction can
	// leave a zero mantissa, a branch of its own in math.Log1p, which the scalar loop keeps.
	l1pTop = 0.999999
	// sqrt2Mant is the mantissa of √2, where the reduction switches to u/2.
	sqrt2Mant = 0x0006a09e667f3bcd
)

var l1pCoef = [7]float64{ // Lp7 … Lp1, in the order the Horner steps apply them
	1.479819860511658591e-01, 1.531383769920937332e-01, 1.818357216161805012e-01,
	2.222219843214978396e-01, 2.857142874366239149e-01, 3.999999999940941908e-01,
	6.666666666666735130e-01,
}

// vecLog1p reports whether log1p8 may stand in for math.Log1p: it reproduces the pure-Go
// function's operations without fused multiply-adds, as the compiler builds it for GOAMD64 v1
// and v2 (not v3, where it fuses them); a self-check at start-up also compares the two.
var vecLog1p = vecExp && !goFusesMulAdd && log1p8Agrees()

// log1p8 is math.Log1p of 8 arguments in [0, l1pTop), bit for bit: below 2⁻⁵⁴ the argument
// itself, below 2⁻²⁹ x − x²/2, below √2−1 the series on f = x, and above it the series on the
// reduced 1+x (k = 0, or k = 1 with u/2 where the mantissa passes √2's) with its correction
// term, each lane taking its branch's value.
func (c *vconst) log1p8(x archsimd.Float64x8) archsimd.Float64x8 {
	// Above √2−1: u = 1+x in [√2, 2), exponent 0.
	u := x.Add(c.one)
	corr := x.Sub(u.Sub(c.one)).Div(u)
	mant := u.AsUint64x8().And(c.mantMask)
	halve := mant.GreaterEqual(c.sqrt2Mant)
	uHalf := mant.Or(c.halfExp).AsFloat64x8()
	fHigh := uHalf.Merge(u, halve).Sub(c.one)
	high := x.GreaterEqual(c.sqrt2M1)
	f := fHigh.Merge(x, high)
	hfsq := c.half.Mul(f).Mul(f)
	s := f.Div(c.two.Add(f))
	z := s.Mul(s)
	r := c.l1pCoef[0]
	for i := 1; i < len(c.l1pCoef); i++ {
		r = c.l1pCoef[i].Add(z.Mul(r))
	}
	r = z.Mul(r)
	sr := s.Mul(hfsq.Add(r))
	k0 := f.Sub(hfsq.Sub(sr))
	k1 := c.ln2Hi.Sub(hfsq.Sub(sr.Add(c.ln2Lo.Add(corr))).Sub(f))
	res := k1.Merge(k0, high.And(halve))
	small := x.Sub(x.Mul(x).Mul(c.half))
	small = x.Merge(small, x.Less(c.tiny))
	return small.Merge(res, x.Less(c.small))
}

// inLog1pRange reports whether all 8 lanes lie in [0, l1pTop) (NaN does not).
func (c *vconst) inLog1pRange(x archsimd.Float64x8) bool {
	return x.GreaterEqual(c.zero).And(x.Less(c.top)).ToBits() == 0xff
}

// log1p8Agrees compares log1p8 with math.Log1p over [0, l1pTop): every branch, the branch
// points and their neighbours, and a geometric sweep of small arguments.
func log1p8Agrees() bool {
	xs := []float64{0, l1pTiny, l1pSmall, l1pSqrt2M1, math.Nextafter(l1pSqrt2M1, 0), math.Nextafter(l1pSqrt2M1, 1),
		math.Nextafter(l1pTiny, 0), math.Nextafter(l1pSmall, 0), math.Nextafter(l1pTop, 0), math.Sqrt2 - 1}
	for i := range 4000 {
		xs = append(xs, float64(i)*l1pTop/4000, math.Pow(2, -float64(i%700)-1)*(1+float64(i)/4000))
	}
	return firstMismatch(xs, vk.log1p8, math.Log1p) < 0
}

// softplusFwdVec sets y = max(x, 0) + float32(log1p(e^−|x|)) 8 values at a time, and returns how
// many it set: it stops at the first block with an argument out of the exponential's range (a
// diverged run). Lanes whose e^−|x| is too close to 1 for log1p8 (|x| below about 1e-6) take
// math.Log1p for their block.
func softplusFwdVec(y, x []float32) int {
	if !vecLog1p {
		return 0
	}
	c := vk
	var e [8]float64
	j := 0
	for ; j+8 <= len(x); j += 8 {
		xv := archsimd.LoadFloat32x8Slice(x[j:])
		x64 := xv.ConvertToFloat64()
		if !c.inExpRange(x64) {
			break
		}
		ev := c.exp8(x64.Min(x64.Mul(c.negOne)))
		var l archsimd.Float32x8
		if c.inLog1pRange(ev) {
			l = c.log1p8(ev).ConvertToFloat32()
		} else {
			ev.StoreSlice(e[:])
			archsimd.ClearAVXUpperBits() // scalar library math next (see withCleanUpper)
			var l32 [8]float32
			for i, v := range e {
				l32[i] = float32(math.Log1p(v))
			}
			l = archsimd.LoadFloat32x8Slice(l32[:])
		}
		xv.Merge(c.zero32, xv.Greater(c.zero32)).Add(l).StoreSlice(y[j:])
	}
	archsimd.ClearAVXUpperBits()
	return j
}
