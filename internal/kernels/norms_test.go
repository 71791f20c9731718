package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestColumnNormsMatchScalar holds ColumnNorms (16-column tiles in registers where the build and
// CPU have the vector kernel, the row loop for the columns left over, two goroutines on large
// matrices) to the plain loop bit for bit: each column's squares summed in float64 row by row.
// The shapes include tiles with and without leftover columns, one row, and the split path.
func TestColumnNormsMatchScalar(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	for _, tc := range []struct{ rows, cols int }{
		{1, 1}, {1, 16}, {3, 15}, {5, 16}, {7, 17}, {33, 47}, {250, 10}, {500, 250}, {784, 1000},
	} {
		v := make([]float32, tc.rows*tc.cols)
		for i := range v {
			v[i] = float32(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(6)-3)))
		}
		r := make([]float32, tc.cols)
		acc := make([]float64, tc.cols)
		for j := range acc {
			acc[j] = math.NaN() // overwritten, never read
		}
		ColumnNorms(v, tc.rows, tc.cols, r, acc)
		for j := 0; j < tc.cols; j++ {
			var want float64
			for i := 0; i < tc.rows; i++ {
				x := float64(v[i*tc.cols+j])
				want += x * x
			}
			require.Equal(t, math.Float64bits(want), math.Float64bits(acc[j]), "%d×%d column %d sum", tc.rows, tc.cols, j)
			assert.Equal(t, math.Float32bits(float32(math.Sqrt(want))), math.Float32bits(r[j]), "%d×%d column %d norm", tc.rows, tc.cols, j)
		}
	}
}
