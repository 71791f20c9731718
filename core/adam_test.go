package core

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestAdamVectorMatchesScalar holds the vector kernel (where the build and CPU have one) to the
// scalar update bit for bit, over lengths that leave a scalar tail, with gradients across many
// scales, zeros and a NaN.
func TestAdamVectorMatchesScalar(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	c := adamConsts{b1: 0.5, b2: 0.999, lr: 0.003, eps: 1e-8, c1: 1 / (1 - 0.5*0.5*0.5), c2: 1 / (1 - 0.999*0.999*0.999)}
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
		for j := range ws { // the scalar definition
			gj := g[j]
			ms[j] = c.b1*ms[j] + (1-c.b1)*gj
			vs[j] = c.b2*vs[j] + (1-c.b2)*gj*gj
			ws[j] -= c.lr * ms[j] * c.c1 / float32(math.Sqrt(float64(vs[j]*c.c2+c.eps)))
		}
		c.update(w, g, m, v)
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

// TestMoveAverageMatchesScalar holds MoveAverage (vector kernel and parallel halves included) to
// the scalar expression bit for bit.
func TestMoveAverageMatchesScalar(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, n := range []int{3, 16, 33, 70001} {
		avg, x := make([]float32, n), make([]float32, n)
		for i := range avg {
			avg[i], x[i] = float32(rng.NormFloat64()), float32(rng.NormFloat64()*10)
		}
		want := append([]float32(nil), avg...)
		const a = float32(1 - 0.999)
		for j := range want {
			want[j] += a * (x[j] - want[j])
		}
		MoveAverage(avg, x, a)
		for j := range avg {
			assert.Equal(t, math.Float32bits(want[j]), math.Float32bits(avg[j]), "n=%d j=%d", n, j)
		}
	}
}
