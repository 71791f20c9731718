//go:build goexperiment.simd

package core

import (
	"math"
	"simd/archsimd"
)

// The constants of Go's amd64 math.Exp (src/math/exp_amd64.s): ln 2 split in two for the
// argument reduction, 1/ln 2, and the Taylor coefficients of its series on x/16.
const (
	expLog2e = 1.4426950408889634073599246810018920
	expLn2U  = 0.69314718055966295651160180568695068359375
	expLn2L  = 0.28235290563031577122588448175013436025525412068e-12
	// expRange bounds the arguments the vector form takes: well inside the assembly's normal
	// path (its overflow test is at 709.78, its subnormal path below about −708).
	expRange = 700
)

// expCoef are the series coefficients in the order the assembly applies them.
var expCoef = [8]float64{
	2.4801587301587301587e-5, 1.9841269841269841270e-4, 1.3888888888888888889e-3,
	8.3333333333333333333e-3, 4.1666666666666666667e-2, 1.6666666666666666667e-1, 0.5, 1.0,
}

// vecExp reports whether exp8 may stand in for math.Exp here: it needs AVX-512, and it holds
// only where math.Exp takes its fused multiply-add path (an FMA CPU, not disabled by GODEBUG),
// which a self-check at start-up confirms against math.Exp itself.
var vecExp = vk != nil && archsimd.X86.FMA() && exp8Agrees()

// vk holds the kernels' broadcast constants (nil without AVX-512, where none of them runs).
var vk = func() *vconst {
	if !avx512 {
		return nil
	}
	return newVconst()
}()

// vconst holds the broadcast constants of the exponential and log1p kernels, made once: the
// compiler does not hoist a broadcast out of a loop.
type vconst struct {
	log2e, negLn2U, negLn2L, sixteenth, zero, half, one, two, negOne archsimd.Float64x8
	expCoef                                                          [8]archsimd.Float64x8
	expLo, expHi                                                     archsimd.Float64x8
	bias                                                             archsimd.Int64x8
	zero32, one32, negOne32, lo32, hi32                              archsimd.Float32x8
	l1pCoef                                                          [7]archsimd.Float64x8
	ln2Hi, ln2Lo, sqrt2M1, small, tiny, top                          archsimd.Float64x8
	mantMask, sqrt2Mant, halfExp                                     archsimd.Uint64x8
}

// newVconst broadcasts the constants.
func newVconst() *vconst {
	b := archsimd.BroadcastFloat64x8
	k := &vconst{
		log2e: b(expLog2e), negLn2U: b(-expLn2U), negLn2L: b(-expLn2L), sixteenth: b(0.0625),
		zero: b(0), half: b(0.5), one: b(1), two: b(2), negOne: b(-1),
		expLo: b(-expRange), expHi: b(expRange), bias: archsimd.BroadcastInt64x8(1023),
		zero32: archsimd.BroadcastFloat32x8(0), one32: archsimd.BroadcastFloat32x8(1),
		negOne32: archsimd.BroadcastFloat32x8(-1), lo32: archsimd.BroadcastFloat32x8(-88),
		hi32:  archsimd.BroadcastFloat32x8(15),
		ln2Hi: b(l1pLn2Hi), ln2Lo: b(l1pLn2Lo), sqrt2M1: b(l1pSqrt2M1), small: b(l1pSmall),
		tiny: b(l1pTiny), top: b(l1pTop),
		mantMask:  archsimd.BroadcastUint64x8(0x000fffffffffffff),
		sqrt2Mant: archsimd.BroadcastUint64x8(sqrt2Mant),
		halfExp:   archsimd.BroadcastUint64x8(0x3fe0000000000000),
	}
	for i, c := range expCoef {
		k.expCoef[i] = b(c)
	}
	for i, c := range l1pCoef {
		k.l1pCoef[i] = b(c)
	}
	return k
}

// exp8 is math.Exp of 8 arguments in [−expRange, expRange], bit for bit as Go's amd64 assembly
// computes it with FMA: k = round(x/ln 2); r = (x − k·ln2U − k·ln2L)/16 with fused steps; a
// degree-8 polynomial by fused Horner steps; then (·(· + 2)) four times, the last one fused with
// + 1, which squares the series' value back from x/16 to x; then times 2^k.
func (c *vconst) exp8(x archsimd.Float64x8) archsimd.Float64x8 {
	k := x.Mul(c.log2e).RoundToEvenScaled(0)
	r := k.MulAdd(c.negLn2U, x)
	r = k.MulAdd(c.negLn2L, r)
	r = r.Mul(c.sixteenth)
	p := c.expCoef[0]
	for i := 1; i < len(c.expCoef); i++ {
		p = r.MulAdd(p, c.expCoef[i])
	}
	y := r.Mul(p)
	y = y.Mul(y.Add(c.two))
	y = y.Mul(y.Add(c.two))
	y = y.Mul(y.Add(c.two))
	y = y.Add(c.two).MulAdd(y, c.one)
	return y.Mul(k.ConvertToInt64().Add(c.bias).ShiftAllLeft(52).AsFloat64x8())
}

// inExpRange reports whether all 8 lanes lie in [−expRange, expRange] (NaN does not).
func (c *vconst) inExpRange(x archsimd.Float64x8) bool {
	return x.GreaterEqual(c.expLo).And(x.LessEqual(c.expHi)).ToBits() == 0xff
}

// exp8Agrees compares exp8 with math.Exp on arguments spread over the vector range, the integer
// and half-integer multiples of ln 2 where the rounding of k turns, and their neighbours.
func exp8Agrees() bool {
	var xs []float64
	for i := -1000; i <= 1000; i++ {
		v := float64(i) * expRange / 1000
		xs = append(xs, v, math.Nextafter(v, 0), float64(i)*0.5*math.Ln2, float64(i)*0.001, float64(i)*1e-9)
	}
	return firstMismatch(xs, vk.exp8, math.Exp) < 0
}

// firstMismatch runs vec over xs 8 at a time (padding a last partial block with copies of its
// first value) and returns the index of the first argument where its bits differ from ref's,
// or -1 where there is none.
func firstMismatch(xs []float64, vec func(archsimd.Float64x8) archsimd.Float64x8, ref func(float64) float64) int {
	defer archsimd.ClearAVXUpperBits()
	var in, out [8]float64
	for j := 0; j < len(xs); j += 8 {
		n := copy(in[:], xs[j:])
		for i := n; i < 8; i++ {
			in[i] = in[0]
		}
		vec(archsimd.LoadFloat64x8(&in)).Store(&out)
		archsimd.ClearAVXUpperBits() // ref is scalar library math (see withCleanUpper)
		for i := range n {
			if math.Float64bits(out[i]) != math.Float64bits(ref(in[i])) {
				return j + i
			}
		}
	}
	return -1
}

// logistic8 is logistic32 of 8 arguments whose negations are in range: float32(1/(1 + e^−x)),
// computed in float64.
func (c *vconst) logistic8(x archsimd.Float64x8) archsimd.Float32x8 {
	return c.one.Div(c.one.Add(c.exp8(x.Mul(c.negOne)))).ConvertToFloat32()
}

// sigmoid8 is sigmoid32 of 8 arguments whose negations are in range: 0 below −88, 1 above 15,
// else logistic8.
func (c *vconst) sigmoid8(x archsimd.Float32x8) archsimd.Float32x8 {
	s := c.logistic8(x.ConvertToFloat64())
	s = c.zero32.Merge(s, x.Less(c.lo32))
	return c.one32.Merge(s, x.Greater(c.hi32))
}

// sigmoidFwdVec sets y = sigmoid32(x) 8 values at a time and returns how many it set: it stops
// at the first block with an argument out of the vector range (a diverged run), where the
// caller's scalar loop takes over.
func sigmoidFwdVec(y, x []float32) int {
	if !vecExp {
		return 0
	}
	c := vk
	j := 0
	for ; j+8 <= len(x); j += 8 {
		xv := archsimd.LoadFloat32x8Slice(x[j:])
		if !c.inExpRange(xv.ConvertToFloat64()) {
			break
		}
		c.sigmoid8(xv).StoreSlice(y[j:])
	}
	archsimd.ClearAVXUpperBits()
	return j
}

// sigmoidBwdVec sets d = y·sigmoid32(−x)·g (gorgonia's sigmoid derivative) like sigmoidFwdVec.
func sigmoidBwdVec(d, g, x, y []float32) int {
	if !vecExp {
		return 0
	}
	c := vk
	j := 0
	for ; j+8 <= len(x); j += 8 {
		xv := archsimd.LoadFloat32x8Slice(x[j:])
		if !c.inExpRange(xv.ConvertToFloat64()) {
			break
		}
		s := c.sigmoid8(xv.Mul(c.negOne32))
		archsimd.LoadFloat32x8Slice(y[j:]).Mul(s).Mul(archsimd.LoadFloat32x8Slice(g[j:])).StoreSlice(d[j:])
	}
	archsimd.ClearAVXUpperBits()
	return j
}

// softplusBwdVec sets d = g·float32(1/(1 + e^−x)) (softplus' derivative) like sigmoidFwdVec.
func softplusBwdVec(d, g, x []float32) int {
	if !vecExp {
		return 0
	}
	c := vk
	j := 0
	for ; j+8 <= len(x); j += 8 {
		x64 := archsimd.LoadFloat32x8Slice(x[j:]).ConvertToFloat64()
		if !c.inExpRange(x64) {
			break
		}
		archsimd.LoadFloat32x8Slice(g[j:]).Mul(c.logistic8(x64)).StoreSlice(d[j:])
	}
	archsimd.ClearAVXUpperBits()
	return j
}
