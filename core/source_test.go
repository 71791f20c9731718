package core

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/datasets"
)

// imageSource is the tests' Source: unlabeled stream 0 draws rows of images (rows of dim
// pixels) in the order of a datasets.Shuffler, as package experiments does with the run's data
// seed and as the GAN did itself before the data order moved to the caller (Next for the
// batch's indices, then a copy of those rows). It has no labels and no other stream. State and
// Restore pass the shuffler's state through, for the resume tests' checkpoints.
type imageSource struct {
	images []float32
	dim    int
	order  *datasets.Shuffler
	idx    []int
}

// srcDataRNG is the name under which the tests keep the source's state in a checkpoint.
const srcDataRNG = "data"

// newImageSource returns a source over images in the given order, which must be over exactly
// as many indices as there are images. images and order are kept, not copied.
func newImageSource(images []float32, dim int, order *datasets.Shuffler) (*imageSource, error) {
	switch {
	case dim <= 0:
		return nil, fmt.Errorf("test source: %d pixels per image: must be positive", dim)
	case len(images) == 0 || len(images)%dim != 0:
		return nil, fmt.Errorf("test source: %d pixel values are not a positive number of images of %d", len(images), dim)
	case order == nil:
		return nil, errors.New("test source: no order")
	case order.Len() != len(images)/dim:
		return nil, fmt.Errorf("test source: order over %d images, but %d images are given", order.Len(), len(images)/dim)
	}
	return &imageSource{images: images, dim: dim, order: order}, nil
}

// mustImageSource is newImageSource for arguments known to be right.
func mustImageSource(t *testing.T, images []float32, dim int, order *datasets.Shuffler) *imageSource {
	t.Helper()
	src, err := newImageSource(images, dim, order)
	require.NoError(t, err)
	return src
}

// Labeled refuses: the tests' source has no labels.
func (s *imageSource) Labeled([]float32, []uint8) error {
	return errors.New("test source: no labeled rows")
}

// Unlabeled fills x with the next len(x)/dim rows of the order.
func (s *imageSource) Unlabeled(k int, x []float32) error {
	if k != 0 {
		return fmt.Errorf("test source: no unlabeled stream %d (only 0)", k)
	}
	if len(x)%s.dim != 0 {
		return fmt.Errorf("test source: %d values are not a number of rows of %d", len(x), s.dim)
	}
	if n := len(x) / s.dim; len(s.idx) != n {
		s.idx = make([]int, n)
	}
	s.order.Next(s.idx)
	return datasets.Gather(x, s.images, s.idx, s.dim)
}

// State returns the order's state.
func (s *imageSource) State() ([]byte, error) { return s.order.State() }

// Restore replaces the order's state with one returned by State.
func (s *imageSource) Restore(state []byte) error { return s.order.Restore(state) }

// save stores the source's state in ck beside the method's.
func (s *imageSource) save(t *testing.T, ck *Checkpoint) {
	t.Helper()
	b, err := s.State()
	require.NoError(t, err)
	ck.RNG[srcDataRNG] = b
}

// load restores the state save stored in ck.
func (s *imageSource) load(t *testing.T, ck *Checkpoint) {
	t.Helper()
	b, ok := ck.RNG[srcDataRNG]
	require.True(t, ok, "checkpoint has no source state")
	require.NoError(t, s.Restore(b))
}

var _ Source = (*imageSource)(nil)

// TestImageSource checks that the tests' source draws exactly the rows the GAN used to draw
// (Shuffler.Next for the batch's indices, then those rows), and resumes from its state.
func TestImageSource(t *testing.T) {
	const dim, n, rows = 3, 7, 4
	images := make([]float32, n*dim)
	for i := range images {
		images[i] = float32(i)
	}
	src := mustImageSource(t, images, dim, datasets.NewShuffler(n, 5))
	ref := datasets.NewShuffler(n, 5)
	idx := make([]int, rows)
	x := make([]float32, rows*dim)
	for b := range 5 { // crosses several passes
		require.NoError(t, src.Unlabeled(0, x))
		ref.Next(idx)
		for k, i := range idx {
			assert.Equal(t, images[i*dim:(i+1)*dim], x[k*dim:(k+1)*dim], "batch %d row %d", b, k)
		}
	}

	// Resume: a source over another order restored from the state draws what this one draws.
	state, err := src.State()
	require.NoError(t, err)
	other := mustImageSource(t, images, dim, datasets.NewShuffler(n, 99))
	require.NoError(t, other.Restore(state))
	y := make([]float32, rows*dim)
	for range 3 {
		require.NoError(t, src.Unlabeled(0, x))
		require.NoError(t, other.Unlabeled(0, y))
		assert.Equal(t, x, y)
	}
	require.Error(t, src.Restore(state[:len(state)-1]))

	require.ErrorContains(t, src.Unlabeled(1, x), "no unlabeled stream 1")
	require.ErrorContains(t, src.Unlabeled(0, x[:dim+1]), "not a number of rows of 3")
	require.ErrorContains(t, src.Labeled(x[:dim], []uint8{0}), "no labeled rows")
}

// TestImageSourceErrors checks the sizes the source refuses: the images must be a positive
// number of whole rows, and the order over exactly that many. (NewGAN used to check these
// itself when it held the images and their order.)
func TestImageSourceErrors(t *testing.T) {
	_, err := newImageSource(make([]float32, 6), 4, datasets.NewShuffler(1, 1))
	require.ErrorContains(t, err, "6 pixel values are not a positive number of images of 4")
	_, err = newImageSource(nil, 4, datasets.NewShuffler(1, 1))
	require.ErrorContains(t, err, "not a positive number of images")
	_, err = newImageSource(make([]float32, 4), 0, datasets.NewShuffler(1, 1))
	require.ErrorContains(t, err, "must be positive")
	images := syntheticImages(10, 16)
	_, err = newImageSource(images, 16, nil)
	require.ErrorContains(t, err, "no order")
	_, err = newImageSource(images, 16, datasets.NewShuffler(11, 1))
	require.ErrorContains(t, err, "order over 11 images, but 10 images are given")
}
