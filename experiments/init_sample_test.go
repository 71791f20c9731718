package experiments

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInitRows checks both init samples on 50 one-pixel images whose pixel is their index: the
// first rows are the training set itself; shuffled rows are distinct images in an order the data
// seed fixes (the same for the same seed, another for another seed); too many rows is an error
// naming the field.
func TestInitRows(t *testing.T) {
	pixels := make([]float32, 50)
	for i := range pixels {
		pixels[i] = float32(i)
	}
	spec := DefaultSpec()
	spec.Model.InitRows = 10
	first, err := initRows(spec, pixels, 1, 1)
	require.NoError(t, err)
	assert.Equal(t, pixels, first)

	spec.InitSample = "shuffled"
	a, err := initRows(spec, pixels, 1, 1)
	require.NoError(t, err)
	require.Len(t, a, 10)
	seen := map[float32]bool{}
	for _, v := range a {
		assert.False(t, seen[v], "image %v drawn twice", v)
		seen[v] = true
	}
	assert.NotEqual(t, pixels[:10], a, "not the first rows")
	again, err := initRows(spec, pixels, 1, 1)
	require.NoError(t, err)
	assert.Equal(t, a, again, "same data seed, same rows")
	other, err := initRows(spec, pixels, 1, 2)
	require.NoError(t, err)
	assert.NotEqual(t, a, other, "another data seed, other rows")

	spec.Model.InitRows = 51
	_, err = initRows(spec, pixels, 1, 1)
	assert.ErrorContains(t, err, "init_rows 51")
}
