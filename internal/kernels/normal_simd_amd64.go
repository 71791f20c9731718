//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

// lanes8 is the block offsets of the eight lanes.
var lanes8 = [8]uint32{0, 1, 2, 3, 4, 5, 6, 7}

// normalBlocksVec fills dst with the draws of whole groups of eight Philox blocks starting at
// block b0, eight blocks (32 draws) at a time, and returns how many blocks it filled (0 without
// AVX2). Each lane computes what the scalar code computes for its block, with the same
// operations in the same order (separate multiplies and adds, correctly rounded division and
// square root), so the values are the scalar ones bit for bit.
func normalBlocksVec(dst []float32, std float32, a Address, b0 uint32) int {
	if !avx2 {
		return 0
	}
	groups := len(dst) / 32
	if groups == 0 {
		return 0
	}
	bc := func(v uint32) archsimd.Uint32x8 { return archsimd.BroadcastUint32x8(v) }
	lanes := archsimd.LoadUint32x8Slice(lanes8[:])
	c1, c2, c3 := bc(uint32(a.Fill)), bc(uint32(a.Fill>>32)), bc(a.Stream)
	k0, k1 := uint32(a.Seed), uint32(a.Seed>>32)
	sv := archsimd.BroadcastFloat32x8(std)
	var out [4][8]float32
	for g := 0; g < groups; g++ {
		w0, w1, w2, w3 := philox8(bc(b0+uint32(8*g)).Add(lanes), c1, c2, c3, k0, k1)
		r0 := radius8(w0)
		s0, co0 := sincos8(w1)
		r2 := radius8(w2)
		s2, co2 := sincos8(w3)
		sv.Mul(r0.Mul(co0)).StoreSlice(out[0][:])
		sv.Mul(r0.Mul(s0)).StoreSlice(out[1][:])
		sv.Mul(r2.Mul(co2)).StoreSlice(out[2][:])
		sv.Mul(r2.Mul(s2)).StoreSlice(out[3][:])
		// The interleaving below is scalar (legacy-SSE MOVSS); with the upper halves of the
		// vector registers clean it runs without the penalty such code pays after 256-bit
		// instructions on Intel CPUs (FillNormal 2.2x faster on the Xeon of shr32's note).
		archsimd.ClearAVXUpperBits()
		d := dst[32*g : 32*g+32 : 32*g+32]
		for l := 0; l < 8; l++ {
			d[4*l], d[4*l+1], d[4*l+2], d[4*l+3] = out[0][l], out[1][l], out[2][l], out[3][l]
		}
	}
	archsimd.ClearAVXUpperBits()
	return 8 * groups
}

// philox8 is Philox4x32-10 on eight counters (c0 per lane; c1, c2, c3 the same in every lane).
func philox8(c0, c1, c2, c3 archsimd.Uint32x8, k0, k1 uint32) (w0, w1, w2, w3 archsimd.Uint32x8) {
	m0, m1 := archsimd.BroadcastUint32x8(philoxM0), archsimd.BroadcastUint32x8(philoxM1)
	for r := 0; r < 10; r++ {
		if r > 0 {
			k0 += philoxW0
			k1 += philoxW1
		}
		hi0, lo0 := mulHiLo8(m0, c0)
		hi1, lo1 := mulHiLo8(m1, c2)
		c0, c1, c2, c3 = hi1.Xor(c1).Xor(archsimd.BroadcastUint32x8(k0)), lo1,
			hi0.Xor(c3).Xor(archsimd.BroadcastUint32x8(k1)), lo0
	}
	return c0, c1, c2, c3
}

// oddMask selects the odd 32-bit lanes (the high halves of the 64-bit lanes).
var oddMask = archsimd.BroadcastUint64x4(0xffffffff00000000)

// mulHiLo8 returns the high and low 32 bits of the 64-bit products m·x, lane by lane.
func mulHiLo8(m, x archsimd.Uint32x8) (hi, lo archsimd.Uint32x8) {
	even := m.MulEvenWiden(x)                                     // lanes 0, 2, 4, 6
	odd := m.MulEvenWiden(shr64(x.AsUint64x4(), 32).AsUint32x8()) // lanes 1, 3, 5, 7
	hi = shr64(even, 32).Or(odd.And(oddMask)).AsUint32x8()
	return hi, x.Mul(m)
}

// radius8 is √(−2 ln u) with u = (w>>8 + 1)·2⁻²⁴ (see boxMuller).
func radius8(w archsimd.Uint32x8) archsimd.Float32x8 {
	u := shr32(w, 8).AsInt32x8().ConvertToFloat32().Add(f8(1)).Mul(f8(0x1p-24))
	return log8(u).Mul(f8(-2)).Sqrt()
}

// log8 is log32 lane by lane.
func log8(x archsimd.Float32x8) archsimd.Float32x8 {
	const sqrtHalf = 0x3f3504f3
	ix := x.AsUint32x8().Add(archsimd.BroadcastUint32x8(0x3f800000 - sqrtHalf))
	fe := shr32(ix, 23).AsInt32x8().Sub(archsimd.BroadcastInt32x8(127)).ConvertToFloat32()
	m := ix.And(archsimd.BroadcastUint32x8(0x7fffff)).Add(archsimd.BroadcastUint32x8(sqrtHalf)).AsFloat32x8()
	one := f8(1)
	s := m.Sub(one).Div(m.Add(one))
	s2 := s.Mul(s)
	p := f8(logC7).Add(s2.Mul(f8(logC9)))
	p = f8(logC5).Add(s2.Mul(p))
	p = s2.Mul(f8(logC3).Add(s2.Mul(p)))
	s2x := f8(2).Mul(s)
	return fe.Mul(f8(ln2Hi)).Add(s2x.Add(s2x.Mul(p).Add(fe.Mul(f8(ln2Lo)))))
}

// sincos8 is sincos2pi of w>>8 lane by lane.
func sincos8(w archsimd.Uint32x8) (sin, cos archsimd.Float32x8) {
	k := shr32(w, 8)
	q := shr32(k.Add(archsimd.BroadcastUint32x8(1<<21)), 22)
	f := k.AsInt32x8().Sub(shl32(q, 22).AsInt32x8()).ConvertToFloat32().Mul(f8(0x1p-22))
	a := f.Mul(f8(halfPi))
	a2 := a.Mul(a)
	one := f8(1)
	// Horner's rule from the innermost term out, as the scalar expressions nest.
	s := f8(sinC7).Add(a2.Mul(f8(sinC9)))
	s = f8(sinC5).Add(a2.Mul(s))
	s = f8(sinC3).Add(a2.Mul(s))
	s = a.Mul(one.Add(a2.Mul(s)))
	c := f8(cosC8).Add(a2.Mul(f8(cosC10)))
	c = f8(cosC6).Add(a2.Mul(c))
	c = f8(cosC4).Add(a2.Mul(c))
	c = f8(cosC2).Add(a2.Mul(c))
	c = one.Add(a2.Mul(c))
	sb, cb := s.AsUint32x8(), c.AsUint32x8()
	one32 := archsimd.BroadcastUint32x8(1)
	two32 := archsimd.BroadcastUint32x8(2)
	swap := archsimd.BroadcastUint32x8(0).Sub(q.And(one32)).And(sb.Xor(cb))
	sb, cb = sb.Xor(swap), cb.Xor(swap)
	sb = sb.Xor(shl32(q.And(two32), 30))
	cb = cb.Xor(shl32(q.Add(one32).And(two32), 30))
	return sb.AsFloat32x8(), cb.AsFloat32x8()
}

// f8 broadcasts a float32.
func f8(v float32) archsimd.Float32x8 { return archsimd.BroadcastFloat32x8(v) }
