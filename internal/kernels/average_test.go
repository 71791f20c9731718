package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

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
			want[j] += float32(a * (x[j] - want[j]))
		}
		MoveAverage(avg, x, a)
		for j := range avg {
			assert.Equal(t, math.Float32bits(want[j]), math.Float32bits(avg[j]), "n=%d j=%d", n, j)
		}
	}
}

// TestBlendMatchesScalar holds Blend to the running statistics' expression m·run + (1−m)·x.
func TestBlendMatchesScalar(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	run, x := make([]float32, 37), make([]float32, 37)
	for i := range run {
		run[i], x[i] = float32(rng.NormFloat64()), float32(rng.NormFloat64()*10)
	}
	const m = float32(0.9)
	want := append([]float32(nil), run...)
	for j := range want {
		want[j] = float32(m*want[j]) + float32((1-m)*x[j])
	}
	Blend(run, x, m)
	for j := range run {
		assert.Equal(t, math.Float32bits(want[j]), math.Float32bits(run[j]), "j=%d", j)
	}
}
