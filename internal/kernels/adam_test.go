package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestAdamVectorMatchesScalar holds AdamUpdate (its vector kernel where the build and CPU have
// one, then the scalar tail) to the scalar update bit for bit, over lengths that leave a scalar tail, with gradients across many
// scales, zeros and a NaN.
func TestAdamVectorMatchesScalar(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	c := AdamConsts{B1: 0.5, B2: 0.999, LR: 0.003, Eps: 1e-8, C1: 1 / (1 - 0.5*0.5*0.5), C2: 1 / (1 - 0.999*0.999*0.999)}
	for _, n := range []int{1, 15, 16, 17, 1000, 4099} {
		w, g, m, v := make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range w {
			w[i] = float32(rng.NormFloat64())
			g[i] = float32(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(12)-8)))
			m[i] = float32(rng.NormFloat64() * 1e-3)
			v[i] = float32(rng.Float64() * 1e-4)
		}
		g[0] = 0
		if n > 5 {
			g[5] = float32(math.NaN())
		}
		ws, ms, vs := append([]float32(nil), w...), append([]float32(nil), m...), append([]float32(nil), v...)
		for j := range ws { // the scalar definition, every product rounded on its own
			gj := g[j]
			ms[j] = float32(c.B1*ms[j]) + float32((1-c.B1)*gj)
			vs[j] = float32(c.B2*vs[j]) + float32(float32((1-c.B2)*gj)*gj)
			ws[j] -= float32(float32(c.LR*ms[j])*c.C1) / float32(math.Sqrt(float64(float32(vs[j]*c.C2)+c.Eps)))
		}
		AdamUpdate(w, g, m, v, c)
		for j := range w {
			for _, p := range [][2]float32{{ws[j], w[j]}, {ms[j], m[j]}, {vs[j], v[j]}} {
				if math.IsNaN(float64(p[0])) {
					assert.True(t, math.IsNaN(float64(p[1])), "n=%d j=%d: want NaN, have %v", n, j, p[1])
					continue
				}
				assert.Equal(t, math.Float32bits(p[0]), math.Float32bits(p[1]), "n=%d j=%d", n, j)
			}
		}
	}
}
