package results

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// confusionWithPair is a 10-class confusion matrix of a 10,000-image test set, 1,000 per class,
// whose largest off-diagonal cell is n images of class truth read as read (for n > 1; n = 1 ties
// it with the others); every other class loses one image to the next class.
func confusionWithPair(truth, read, n int) [][]int {
	c := make([][]int, 10)
	for i := range c {
		c[i] = make([]int, 10)
		c[i][i] = 999
		c[i][(i+1)%10] = 1
	}
	c[truth][(truth+1)%10] = 0
	c[truth][read] += n
	c[truth][truth] = 1000 - n
	return c
}

// TestCollapsed checks the largest class pair and the 1-in-200 threshold, and that records
// without a usable confusion matrix are not judged.
func TestCollapsed(t *testing.T) {
	tests := []struct {
		name          string
		confusion     [][]int
		testSize      int
		want          Pair
		collapsed, ok bool
	}{
		{"under the threshold", confusionWithPair(7, 2, 49), 10000, Pair{7, 2, 49}, false, true},
		{"at the threshold", confusionWithPair(7, 2, 50), 10000, Pair{7, 2, 50}, true, true},
		{"another pair", confusionWithPair(4, 9, 106), 10000, Pair{4, 9, 106}, true, true},
		{"a smaller test set", confusionWithPair(7, 6, 10), 2000, Pair{7, 6, 10}, true, true},
		{"ties: the first in row order", confusionWithPair(3, 5, 1), 10000, Pair{0, 1, 1}, false, true},
		{"no matrix", nil, 10000, Pair{}, false, false},
		{"not square", [][]int{{1, 2, 3}, {4, 5, 6}}, 21, Pair{}, false, false},
		{"no test size", confusionWithPair(7, 2, 50), 0, Pair{}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Record{Confusion: tt.confusion, TestSize: tt.testSize}
			p, collapsed, ok := r.Collapsed()
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.collapsed, collapsed)
			assert.Equal(t, tt.want, p)
		})
	}
	assert.Equal(t, "119 7s read as 2", Pair{7, 2, 119}.String())
}
