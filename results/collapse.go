package results

import "fmt"

// CollapseOneIn says how much of the test set one off-diagonal cell of a run's final confusion
// matrix must hold for the run to count as collapsed onto a class pair: one image in 200
// (0.5 %), 50 of MNIST's 10,000 test images. Fixed on 2026-12-02 (commit 025fd36) from the 60-epoch runs then
// published: the three collapsed ones held 105-119 images in one cell, every other run 20 or
// fewer.
const CollapseOneIn = 200

// Pair is the largest off-diagonal cell of a run's final confusion matrix: Count test images of
// class Truth classified as Read.
type Pair struct {
	Truth, Read, Count int
}

// String reads "119 7s read as 2".
func (p Pair) String() string { return fmt.Sprintf("%d %ds read as %d", p.Count, p.Truth, p.Read) }

// LargestPair returns the largest off-diagonal cell of r's final confusion matrix (the first in
// row order among equals), and false when r has no square matrix with a class pair.
func (r Record) LargestPair() (Pair, bool) {
	c := r.Confusion
	if len(c) < 2 {
		return Pair{}, false
	}
	best := Pair{Count: -1}
	for i, row := range c {
		if len(row) != len(c) {
			return Pair{}, false
		}
		for j, n := range row {
			if i != j && n > best.Count {
				best = Pair{Truth: i, Read: j, Count: n}
			}
		}
	}
	return best, true
}

// Collapsed reports whether r's largest class pair holds 1/CollapseOneIn of its test set or more,
// with the pair; ok is false when r has no confusion matrix or test size.
func (r Record) Collapsed() (p Pair, collapsed, ok bool) {
	p, ok = r.LargestPair()
	if !ok || r.TestSize <= 0 {
		return Pair{}, false, false
	}
	return p, p.Count*CollapseOneIn >= r.TestSize, true
}
