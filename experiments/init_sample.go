package experiments

import (
	"fmt"

	"github.com/ssgan/ssgan/datasets"
)

// initRows returns the rows of training images (dim pixels each) a classifier's data-dependent
// initialisation runs on, as the spec's init_sample says: the first rows of the training set,
// or (shuffled) rows drawn from it in an order the data seed fixes, a shuffler of its own
// (seed 3·data + 4) so that the batches' three orders are unchanged.
func initRows(spec Spec, pixels []float32, dim int, dataSeed uint64) ([]float32, error) {
	rows := spec.Model.InitRows
	if spec.InitSample != "shuffled" {
		return pixels, nil // ssgan's Init takes the first rows
	}
	n := len(pixels) / dim
	if rows > n {
		return nil, fmt.Errorf("experiments: init_sample: model.init_rows %d: the training set has %d images", rows, n)
	}
	idx := make([]int, rows)
	datasets.NewShuffler(n, 3*dataSeed+4).Next(idx)
	out := make([]float32, rows*dim)
	if err := datasets.Gather(out, pixels, idx, dim); err != nil {
		return nil, err
	}
	return out, nil
}
