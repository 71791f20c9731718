package core

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/datasets"
)

func TestGatherRows(t *testing.T) {
	images := []float32{0, 1, 10, 11, 20, 21}
	dst := make([]float32, 6)
	require.NoError(t, gatherRows(dst, images, []int{2, 0, 2}, 2))
	assert.Equal(t, []float32{20, 21, 0, 1, 20, 21}, dst)

	dst = make([]float32, 4)
	require.ErrorContains(t, gatherRows(dst, images, []int{1, 3}, 2), "index 3 (entry 1), outside the 3 images")
	assert.Equal(t, make([]float32, 4), dst, "nothing is copied on error")
	require.ErrorContains(t, gatherRows(dst, images, []int{0, 1, 2}, 2), "fewer than 3 rows")
}

func TestNewGANBatchOrder(t *testing.T) {
	c := smallGAN()
	images := syntheticImages(10, c.ImageDim)
	_, err := NewGAN(c, images, 1, nil)
	require.ErrorContains(t, err, "core: gan: no batch order")
	_, err = NewGAN(c, images, 1, datasets.NewShuffler(11, 1))
	require.ErrorContains(t, err, "batch order over 11 images, but 10 images are given")
}
