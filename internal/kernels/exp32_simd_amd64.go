//go:build goexperiment.simd && amd64

package kernels

import (
	"math"
	"simd/archsimd"
)

// exp8 is Exp32 lane by lane, the same operations in the same order.
func exp8(x archsimd.Float32x8) archsimd.Float32x8 {
	x = x.Max(f8(expLo)).Min(f8(expHi))
	n := x.Mul(f8(log2e)).Add(f8(round1)).Sub(f8(round1))
	r := x.Sub(n.Mul(f8(expC1))).Sub(n.Mul(f8(expC2)))
	r2 := r.Mul(r)
	p := f8(expP1).Add(f8(expP0).Mul(r))
	p = f8(expP2).Add(p.Mul(r))
	p = f8(expP3).Add(p.Mul(r))
	p = f8(expP4).Add(p.Mul(r))
	p = f8(expP5).Add(p.Mul(r))
	y := p.Mul(r2).Add(r).Add(f8(1))
	scale := shl32(n.ConvertToInt32().Add(archsimd.BroadcastInt32x8(127)).AsUint32x8(), 23).AsFloat32x8()
	return y.Mul(scale)
}

// log1p8 is Log1p32 lane by lane.
func log1p8(t archsimd.Float32x8) archsimd.Float32x8 {
	u := f8(1).Add(t)
	d := u.Sub(f8(1))
	exact := d.Equal(f8(0))
	// Where u rounds to 1 the quotient is 0/0; those lanes take t instead.
	q := log8(u.Max(f8(math.SmallestNonzeroFloat32))).Mul(t).Div(d)
	return t.Merge(q, exact)
}

// keepNaN returns y, with x where x is NaN: the vector minimum and maximum return a number for a
// NaN argument, where Go's min and max (and so the scalar functions) return NaN. A diverged run
// must stay NaN to be caught.
func keepNaN(y, x archsimd.Float32x8) archsimd.Float32x8 { return y.Merge(x, x.Equal(x)) }

// absMask clears the sign bit.
var absMask = archsimd.BroadcastUint32x8(0x7fffffff)

// softplus8 is Softplus32 lane by lane.
func softplus8(x archsimd.Float32x8) archsimd.Float32x8 {
	negAbs := f8(0).Sub(x.AsUint32x8().And(absMask).AsFloat32x8())
	return keepNaN(x.Max(f8(0)).Add(log1p8(exp8(negAbs))), x)
}

// logistic8 is Logistic32 lane by lane.
func logistic8(x archsimd.Float32x8) archsimd.Float32x8 {
	one := f8(1)
	return keepNaN(one.Div(one.Add(exp8(f8(0).Sub(x)))), x)
}

// softplusVec is SoftplusForward over whole 8-value blocks; it returns how many values it set.
func softplusVec(y, x []float32) int {
	if !avx2 {
		return 0
	}
	n := len(x) &^ 7
	for i := 0; i < n; i += 8 {
		softplus8(archsimd.LoadFloat32x8Slice(x[i:])).StoreSlice(y[i:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// logisticVec is LogisticForward over whole 8-value blocks.
func logisticVec(y, x []float32) int {
	if !avx2 {
		return 0
	}
	n := len(x) &^ 7
	for i := 0; i < n; i += 8 {
		logistic8(archsimd.LoadFloat32x8Slice(x[i:])).StoreSlice(y[i:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// logisticScaleVec is LogisticScale over whole 8-value blocks.
func logisticScaleVec(d, g, x []float32) int {
	if !avx2 {
		return 0
	}
	n := len(x) &^ 7
	for i := 0; i < n; i += 8 {
		archsimd.LoadFloat32x8Slice(g[i:]).Mul(logistic8(archsimd.LoadFloat32x8Slice(x[i:]))).StoreSlice(d[i:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// sigmoidBwdVec is SigmoidBackward over whole 8-value blocks.
func sigmoidBwdVec(d, g, y []float32) int {
	if !avx2 {
		return 0
	}
	n := len(y) &^ 7
	one := f8(1)
	for i := 0; i < n; i += 8 {
		yv := archsimd.LoadFloat32x8Slice(y[i:])
		archsimd.LoadFloat32x8Slice(g[i:]).Mul(yv.Mul(one.Sub(yv))).StoreSlice(d[i:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}
