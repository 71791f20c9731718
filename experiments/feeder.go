package experiments

import (
	"fmt"

	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/ssgan"
)

// feeder draws the batches of a classifier run: the labeled split tiled and reshuffled each pass,
// and two independent shuffles of the whole training set as unlabeled data. All order comes
// from the data seed.
type feeder struct {
	pixels []float32
	labels []uint8
	split  []int
	dim    int
	lab    *datasets.Shuffler
	unl    *datasets.Shuffler
	unl2   *datasets.Shuffler
	idx    []int
	batch  ssgan.Batch
}

// newFeeder prepares batches of the given size from the images pixels (one image per label, all
// of one size); unlabeled is false for the supervised method.
func newFeeder(pixels []float32, labels []uint8, split []int, batch int, dataSeed uint64, unlabeled bool) *feeder {
	dim := len(pixels) / max(len(labels), 1) // pixels per image, from the data
	f := &feeder{pixels: pixels, labels: labels, split: split, dim: dim,
		lab: datasets.NewShuffler(len(split), 3*dataSeed+1), idx: make([]int, batch)}
	f.batch = ssgan.Batch{XLab: make([]float32, batch*dim), YLab: make([]uint8, batch)}
	if unlabeled {
		f.unl = datasets.NewShuffler(len(labels), 3*dataSeed+2)
		f.unl2 = datasets.NewShuffler(len(labels), 3*dataSeed+3)
		f.batch.XUnl = make([]float32, batch*dim)
		f.batch.XUnl2 = make([]float32, batch*dim)
	}
	return f
}

// next fills and returns the next batch (its buffers are reused).
func (f *feeder) next() (ssgan.Batch, error) {
	f.lab.Next(f.idx)
	for i, j := range f.idx {
		f.idx[i] = f.split[j]
		f.batch.YLab[i] = f.labels[f.idx[i]]
	}
	if err := datasets.Gather(f.batch.XLab, f.pixels, f.idx, f.dim); err != nil {
		return f.batch, err
	}
	if f.unl == nil {
		return f.batch, nil
	}
	f.unl.Next(f.idx)
	if err := datasets.Gather(f.batch.XUnl, f.pixels, f.idx, f.dim); err != nil {
		return f.batch, err
	}
	f.unl2.Next(f.idx)
	return f.batch, datasets.Gather(f.batch.XUnl2, f.pixels, f.idx, f.dim)
}

// shufflers lists the feeder's shufflers by checkpoint name.
func (f *feeder) shufflers() map[string]*datasets.Shuffler {
	m := map[string]*datasets.Shuffler{"lab": f.lab}
	if f.unl != nil {
		m["unl"], m["unl2"] = f.unl, f.unl2
	}
	return m
}

// save stores the shufflers' states in rng.
func (f *feeder) save(rng map[string][]byte) error {
	for name, s := range f.shufflers() {
		b, err := s.State()
		if err != nil {
			return err
		}
		rng["data."+name] = b
	}
	return nil
}

// restore resumes the shufflers from rng.
func (f *feeder) restore(rng map[string][]byte) error {
	for name, s := range f.shufflers() {
		b, ok := rng["data."+name]
		if !ok {
			return fmt.Errorf("checkpoint has no state for data shuffler %s", name)
		}
		if err := s.Restore(b); err != nil {
			return err
		}
	}
	return nil
}
