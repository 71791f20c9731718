package metrics

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFisherExact checks the two-sided p-values against exact fractions (the sums of the
// hypergeometric probabilities no larger than the observed one, in rational arithmetic); the
// tea-tasting table is R's fisher.test(matrix(c(3, 1, 1, 3), 2)), p-value = 0.4857.
func TestFisherExact(t *testing.T) {
	tests := []struct {
		name         string
		a, n1, b, n2 int
		want         float64
	}{
		{"tea tasting", 3, 4, 1, 4, 17.0 / 35},
		{"the same table mirrored", 1, 4, 3, 4, 17.0 / 35},
		{"three of eight against none of six", 3, 8, 0, 6, 19.0 / 91},
		{"none of eight against three of nine", 0, 8, 3, 9, 7.0 / 34},
		{"all against none", 5, 5, 0, 5, 1.0 / 126},
		{"one tail's mass with the other's", 1, 10, 9, 10, 101.0 / 92378},
		{"no events", 0, 5, 0, 5, 1},
		{"an empty sample", 2, 3, 0, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := FisherExact(tt.a, tt.n1, tt.b, tt.n2)
			require.NoError(t, err)
			assert.InDelta(t, tt.want, p, 1e-12)
		})
	}
}

// TestFisherExactRefuses checks the error for impossible counts.
func TestFisherExactRefuses(t *testing.T) {
	for _, c := range [][4]int{{-1, 3, 0, 3}, {4, 3, 0, 3}, {0, 3, 4, 3}, {0, -1, 0, 3}} {
		_, err := FisherExact(c[0], c[1], c[2], c[3])
		assert.ErrorContains(t, err, "Fisher's exact test", "%v", c)
	}
}
