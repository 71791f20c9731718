package core

import "fmt"

// BatchOrder yields the indices of the training images that make up each real batch. The order
// of the data belongs to the caller: experiments passes a datasets.Shuffler seeded by the run's
// data seed, and a model only draws from it and keeps its state in the model's checkpoint.
type BatchOrder interface {
	// Len is the number of images the order draws from: every index is in [0, Len()).
	Len() int
	// Next fills dst with the next len(dst) indices.
	Next(dst []int)
	// State returns the order's whole state (position and random-number generator) as bytes.
	State() ([]byte, error)
	// Restore replaces the order's state with one returned by State.
	Restore(state []byte) error
}

// gatherRows copies, for each k, row idx[k] of images (rows of dim values) into row k of dst.
// It checks every index first, so on error nothing is copied.
func gatherRows(dst, images []float32, idx []int, dim int) error {
	if len(dst) < len(idx)*dim {
		return fmt.Errorf("core: gather: %d values hold fewer than %d rows of %d", len(dst), len(idx), dim)
	}
	rows := len(images) / dim
	for k, i := range idx {
		if i < 0 || i >= rows {
			return fmt.Errorf("core: gather: batch order gave index %d (entry %d), outside the %d images", i, k, rows)
		}
	}
	for k, i := range idx {
		copy(dst[k*dim:(k+1)*dim], images[i*dim:(i+1)*dim])
	}
	return nil
}
