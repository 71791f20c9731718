package experiments

import (
	"fmt"

	"github.com/ssgan/ssgan/datasets"
)

// dataSource is the core.Source of every run: the labeled split tiled and reshuffled each pass,
// and independent shuffles of the whole training set as the unlabeled streams. All order comes
// from the data seed (labeled 3·seed+1, unlabeled stream k 3·seed+2+k), and all of it is
// checkpointed beside the method, so a resumed run draws the rows the uninterrupted one would.
type dataSource struct {
	pixels []float32
	labels []uint8
	split  []int
	dim    int
	lab    *datasets.Shuffler
	unl    []*datasets.Shuffler
	idx    []int
}

// newDataSource draws from images pixels (one per label, dim pixels each; already mapped to the
// method's pixel range); split lists the labeled images (nil: the method takes no labels) and
// streams is the number of unlabeled streams the method draws from.
func newDataSource(pixels []float32, labels []uint8, split []int, dataSeed uint64, streams int) *dataSource {
	s := &dataSource{pixels: pixels, labels: labels, split: split, dim: len(pixels) / max(len(labels), 1)}
	if split != nil {
		s.lab = datasets.NewShuffler(len(split), 3*dataSeed+1)
	}
	for k := range streams {
		s.unl = append(s.unl, datasets.NewShuffler(len(labels), 3*dataSeed+2+uint64(k)))
	}
	return s
}

// rows returns an index buffer for the rows of x.
func (s *dataSource) rows(x []float32) ([]int, error) {
	if len(x)%s.dim != 0 {
		return nil, fmt.Errorf("experiments: a batch of %d values is not a whole number of %d-pixel images", len(x), s.dim)
	}
	n := len(x) / s.dim
	if cap(s.idx) < n {
		s.idx = make([]int, n)
	}
	return s.idx[:n], nil
}

// Labeled fills x and y with the next labeled rows.
func (s *dataSource) Labeled(x []float32, y []uint8) error {
	if s.lab == nil {
		return fmt.Errorf("experiments: the method draws labeled rows, but its run has no labeled split")
	}
	idx, err := s.rows(x)
	if err != nil {
		return err
	}
	if len(y) != len(idx) {
		return fmt.Errorf("experiments: a labeled batch of %d rows with %d labels", len(idx), len(y))
	}
	s.lab.Next(idx)
	for i, j := range idx {
		idx[i] = s.split[j]
		y[i] = s.labels[idx[i]]
	}
	return datasets.Gather(x, s.pixels, idx, s.dim)
}

// Unlabeled fills x with the next rows of stream k.
func (s *dataSource) Unlabeled(k int, x []float32) error {
	if k < 0 || k >= len(s.unl) {
		return fmt.Errorf("experiments: the method draws unlabeled stream %d, but its registry entry declares %d", k, len(s.unl))
	}
	idx, err := s.rows(x)
	if err != nil {
		return err
	}
	s.unl[k].Next(idx)
	return datasets.Gather(x, s.pixels, idx, s.dim)
}

// passes is how many times unlabeled stream 0 has gone through the training set.
func (s *dataSource) passes() int {
	if len(s.unl) == 0 {
		return 0
	}
	return s.unl[0].Epoch()
}

// shufflers lists the shufflers by checkpoint name (data.lab, data.unl, data.unl2, data.unl3...:
// the names of every classifier checkpoint written so far).
func (s *dataSource) shufflers() map[string]*datasets.Shuffler {
	m := map[string]*datasets.Shuffler{}
	if s.lab != nil {
		m["lab"] = s.lab
	}
	for k, u := range s.unl {
		name := "unl"
		if k > 0 {
			name = fmt.Sprintf("unl%d", k+1)
		}
		m[name] = u
	}
	return m
}

// save stores the shufflers' states in rng.
func (s *dataSource) save(rng map[string][]byte) error {
	for name, sh := range s.shufflers() {
		b, err := sh.State()
		if err != nil {
			return err
		}
		rng["data."+name] = b
	}
	return nil
}

// restore resumes the shufflers from rng.
func (s *dataSource) restore(rng map[string][]byte) error {
	for name, sh := range s.shufflers() {
		b, ok := rng["data."+name]
		if !ok {
			return fmt.Errorf("checkpoint has no state for data shuffler %s", name)
		}
		if err := sh.Restore(b); err != nil {
			return err
		}
	}
	return nil
}
