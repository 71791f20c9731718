package kernels

import "math"

// AdamConsts are the constants of one Adam step: the decay rates B1 and B2, the learning rate
// LR, Eps (inside the square root) and the bias corrections C1 = 1/(1−B1^t), C2 = 1/(1−B2^t).
type AdamConsts struct{ B1, B2, LR, Eps, C1, C2 float32 }

// AdamUpdate applies one Adam step to w with gradient g and moments m and v, value by value:
//
//	m = B1·m + (1−B1)·g
//	v = B2·v + (1−B2)·g·g
//	w −= LR·m·C1 / √(v·C2 + Eps)
//
// The longest prefix of whole vector blocks runs in a vector kernel where the build and CPU have
// one (the same operations in the same order, no fused multiply-add, a correctly rounded square
// root and division), the rest in the scalar loop, so every value is the scalar one bit for bit.
func AdamUpdate(w, g, m, v []float32, c AdamConsts) {
	for j := adamVec(w, g, m, v, c); j < len(w); j++ {
		gj := g[j]
		m[j] = float32(c.B1*m[j]) + float32((1-c.B1)*gj)
		v[j] = float32(c.B2*v[j]) + float32(float32((1-c.B2)*gj)*gj)
		w[j] -= float32(float32(c.LR*m[j])*c.C1) / float32(math.Sqrt(float64(float32(v[j]*c.C2)+c.Eps)))
	}
}
