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
var vecExp = avx512 && archsimd.X86.FMA() && exp8Agrees()

// exp8 is math.Exp of 8 arguments in [−expRange, expRange], bit for bit as Go's amd64 assembly
// computes it with FMA: k = round(x/ln 2); r = (x − k·ln2U − k·ln2L)/16 with fused steps; a
// degree-8 polynomial by fused Horner steps; then (·(· + 2)) four times, the last one fused with
// + 1, which squares the series' value back from x/16 to x; then times 2^k.
func exp8(x archsimd.Float64x8) archsimd.Float64x8 {
	k := x.Mul(archsimd.BroadcastFloat64x8(expLog2e)).RoundToEvenScaled(0)
	r := k.MulAdd(archsimd.BroadcastFloat64x8(-expLn2U), x)
	r = k.MulAdd(archsimd.BroadcastFloat64x8(-expLn2L), r)
	r = r.Mul(archsimd.BroadcastFloat64x8(0.0625))
	p := archsimd.BroadcastFloat64x8(expCoef[0])
	for _, c := range expCoef[1:] {
		p = r.MulAdd(p, archsimd.BroadcastFloat64x8(c))
	}
	two := archsimd.BroadcastFloat64x8(2)
	y := r.Mul(p)
	y = y.Mul(y.Add(two))
	y = y.Mul(y.Add(two))
	y = y.Mul(y.Add(two))
	y = y.Add(two).MulAdd(y, archsimd.BroadcastFloat64x8(1))
	scale := k.ConvertToInt64().Add(archsimd.BroadcastInt64x8(1023)).ShiftAllLeft(52).AsFloat64x8()
	return y.Mul(scale)
}

// inExpRange reports whether all 8 lanes lie in [−expRange, expRange] (NaN does not).
func inExpRange(x archsimd.Float64x8) bool {
	in := x.GreaterEqual(archsimd.BroadcastFloat64x8(-expRange)).And(x.LessEqual(archsimd.BroadcastFloat64x8(expRange)))
	return in.ToBits() == 0xff
}

// exp8Agrees compares exp8 with math.Exp on arguments spread over the vector range, the integer
// and half-integer multiples of ln 2 where the rounding of k turns, and their neighbours.
func exp8Agrees() bool {
	var xs []float64
	for i := -1000; i <= 1000; i++ {
		v := float64(i) * expRange / 1000
		xs = append(xs, v, math.Nextafter(v, 0), float64(i)*0.5*math.Ln2, float64(i)*0.001, float64(i)*1e-9)
	}
	for len(xs)%8 != 0 {
		xs = append(xs, 0)
	}
	got := make([]float64, 8)
	for j := 0; j < len(xs); j += 8 {
		exp8(archsimd.LoadFloat64x8Slice(xs[j:])).StoreSlice(got)
		for i, g := range got {
			if math.Float64bits(g) != math.Float64bits(math.Exp(xs[j+i])) {
				archsimd.ClearAVXUpperBits()
				return false
			}
		}
	}
	archsimd.ClearAVXUpperBits()
	return true
}

// sigmoid8 is sigmoid32 of 8 arguments whose negations are in range: 0 below −88, 1 above 15,
// else float32(1/(1 + e^−x)) in float64.
func sigmoid8(x archsimd.Float32x8) archsimd.Float32x8 {
	one := archsimd.BroadcastFloat64x8(1)
	s := one.Div(one.Add(exp8(x.ConvertToFloat64().Mul(archsimd.BroadcastFloat64x8(-1))))).ConvertToFloat32()
	s = archsimd.BroadcastFloat32x8(0).Merge(s, x.Less(archsimd.BroadcastFloat32x8(-88)))
	return archsimd.BroadcastFloat32x8(1).Merge(s, x.Greater(archsimd.BroadcastFloat32x8(15)))
}

// sigmoidFwdVec sets y = sigmoid32(x) 8 values at a time and returns how many it set: it stops
// at the first block with an argument out of the vector range (a diverged run), where the
// caller's scalar loop takes over.
func sigmoidFwdVec(y, x []float32) int {
	if !vecExp {
		return 0
	}
	j := 0
	for ; j+8 <= len(x); j += 8 {
		xv := archsimd.LoadFloat32x8Slice(x[j:])
		if !inExpRange(xv.ConvertToFloat64()) {
			break
		}
		sigmoid8(xv).StoreSlice(y[j:])
	}
	archsimd.ClearAVXUpperBits()
	return j
}

// sigmoidBwdVec sets d = y·sigmoid32(−x)·g (gorgonia's sigmoid derivative) like sigmoidFwdVec.
func sigmoidBwdVec(d, g, x, y []float32) int {
	if !vecExp {
		return 0
	}
	j := 0
	for ; j+8 <= len(x); j += 8 {
		xv := archsimd.LoadFloat32x8Slice(x[j:])
		if !inExpRange(xv.ConvertToFloat64()) {
			break
		}
		s := sigmoid8(xv.Mul(archsimd.BroadcastFloat32x8(-1)))
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
	one := archsimd.BroadcastFloat64x8(1)
	j := 0
	for ; j+8 <= len(x); j += 8 {
		xv := archsimd.LoadFloat32x8Slice(x[j:])
		x64 := xv.ConvertToFloat64()
		if !inExpRange(x64) {
			break
		}
		s := one.Div(one.Add(exp8(x64.Mul(archsimd.BroadcastFloat64x8(-1))))).ConvertToFloat32()
		archsimd.LoadFloat32x8Slice(g[j:]).Mul(s).StoreSlice(d[j:])
	}
	archsimd.ClearAVXUpperBits()
	return j
}

// expNegAbsVec sets e[i] = e^−|x[i]| in float64 (softplus' exponential) like sigmoidFwdVec.
func expNegAbsVec(e []float64, x []float32) int {
	if !vecExp {
		return 0
	}
	j := 0
	for ; j+8 <= len(x); j += 8 {
		x64 := archsimd.LoadFloat32x8Slice(x[j:]).ConvertToFloat64()
		if !inExpRange(x64) {
			break
		}
		neg := x64.Min(x64.Mul(archsimd.BroadcastFloat64x8(-1)))
		exp8(neg).StoreSlice(e[j:])
	}
	archsimd.ClearAVXUpperBits()
	return j
}
