package datasets

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"

	"github.com/ssgan/ssgan/internal/fsutil"
)

// Split is a balanced labeled subset of a training set: PerClass examples of
// each class, chosen from DataSeed. It is saved next to a run so that the run
// can be reproduced and compared with others using the same labels.
type Split struct {
	// DataSeed is the seed the subset was drawn with.
	DataSeed uint64 `json:"data_seed"`
	// PerClass is the number of labeled examples of each class.
	PerClass int `json:"per_class"`
	// Indices are the chosen training-set indices, sorted ascending.
	Indices []int `json:"indices"`
	// ClassCounts[c] is the number of indices whose label is c.
	ClassCounts []int `json:"class_counts"`
}

// NewSplit chooses perClass indices of each of the classes classes from labels,
// deterministically from seed: the indices of each class (in order) are
// partially shuffled with a PCG source seeded (seed, 0x5eed), classes in order
// 0, 1, ..., so the same labels and seed give the same split on every machine.
// It fails if perClass <= 0, a label is >= classes, or a class has fewer than
// perClass examples. To keep a validation holdout out of the labeled set, pass
// only the training part of the labels (e.g. labels[:50000]); the indices then
// refer to that part.
func NewSplit(labels []uint8, perClass, classes int, seed uint64) (*Split, error) {
	if perClass <= 0 {
		return nil, fmt.Errorf("datasets: split: per-class count %d must be positive", perClass)
	}
	if classes <= 0 {
		return nil, fmt.Errorf("datasets: split: class count %d must be positive", classes)
	}
	byClass := make([][]int, classes)
	for i, l := range labels {
		if int(l) >= classes {
			return nil, fmt.Errorf("datasets: split: label %d at index %d out of range: want < %d", l, i, classes)
		}
		byClass[l] = append(byClass[l], i)
	}
	src := rand.NewPCG(seed, splitStream)
	s := &Split{DataSeed: seed, PerClass: perClass, ClassCounts: make([]int, classes)}
	for c, idx := range byClass {
		if len(idx) < perClass {
			return nil, fmt.Errorf("datasets: split: class %d has %d examples, fewer than the %d per class requested",
				c, len(idx), perClass)
		}
		// Partial Fisher-Yates: the first perClass entries become a uniform sample.
		for i := range perClass {
			j := i + int(uintn(src, uint64(len(idx)-i)))
			idx[i], idx[j] = idx[j], idx[i]
		}
		s.Indices = append(s.Indices, idx[:perClass]...)
		s.ClassCounts[c] = perClass
	}
	slices.Sort(s.Indices)
	return s, nil
}

// Len returns the number of labeled examples in the split.
func (s *Split) Len() int { return len(s.Indices) }

// SplitName returns a conventional name for a split of MNIST with labeled
// examples drawn from seed, in the style of SSL papers: "mnist.SEED@LABELED",
// e.g. SplitName(100, 3) == "mnist.3@100".
func SplitName(labeled int, seed uint64) string {
	return fmt.Sprintf("mnist.%d@%d", seed, labeled)
}

// Save writes the split as JSON to path atomically: it writes a temporary file
// in the same directory and renames it over path.
func (s *Split) Save(path string) error {
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("datasets: %s: %w", path, err)
	}
	data = append(data, '\n')
	if err := fsutil.WriteFile(path, data); err != nil {
		return fmt.Errorf("datasets: %s: %w", path, err)
	}
	return nil
}

// LoadSplit reads a split saved by Save and validates it against the training
// labels it was drawn from: indices in range, sorted and without duplicates,
// and class counts that match both the labels and PerClass. Problems with the
// content are reported as a *FormatError naming path.
func LoadSplit(path string, labels []uint8) (*Split, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("datasets: %s: %w", path, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, formatErr(path, nil, "empty file")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Split
	if err := dec.Decode(&s); err != nil {
		return nil, formatErr(path, err, "invalid split JSON: %v", err)
	}
	if dec.More() {
		return nil, formatErr(path, nil, "trailing data after the split JSON")
	}
	if err := s.validate(labels); err != nil {
		var fe *FormatError
		if errors.As(err, &fe) {
			fe.File = path
		}
		return nil, err
	}
	return &s, nil
}

func (s *Split) validate(labels []uint8) error {
	if s.PerClass <= 0 {
		return formatErr("", nil, "per_class %d must be positive", s.PerClass)
	}
	if len(s.ClassCounts) == 0 {
		return formatErr("", nil, "class_counts is missing")
	}
	if len(s.Indices) == 0 {
		return formatErr("", nil, "indices is empty")
	}
	seen := make(map[int]bool, len(s.Indices))
	counts := make([]int, len(s.ClassCounts))
	for k, i := range s.Indices {
		if i < 0 || i >= len(labels) {
			return formatErr("", nil, "index %d (entry %d) out of range: the training set has %d examples", i, k, len(labels))
		}
		if seen[i] {
			return formatErr("", nil, "duplicate index %d (entry %d)", i, k)
		}
		seen[i] = true
		if k > 0 && i < s.Indices[k-1] {
			return formatErr("", nil, "indices not sorted: %d follows %d (entry %d)", i, s.Indices[k-1], k)
		}
		l := int(labels[i])
		if l >= len(counts) {
			return formatErr("", nil, "index %d has label %d but class_counts has only %d classes", i, l, len(counts))
		}
		counts[l]++
	}
	for c, n := range counts {
		if n != s.ClassCounts[c] {
			return formatErr("", nil, "class %d: the indices hold %d examples but class_counts says %d (labels differ from the ones the split was drawn from?)",
				c, n, s.ClassCounts[c])
		}
		if n != s.PerClass {
			return formatErr("", nil, "class %d has %d examples, want per_class %d", c, n, s.PerClass)
		}
	}
	return nil
}

// ValidationSplit splits the indices 0..n-1 into the first n-holdout (train)
// and the last holdout (val), e.g. holding out the last 10,000 of the 60,000
// MNIST training images. It fails unless 0 <= holdout < n.
func ValidationSplit(n, holdout int) (train, val []int, err error) {
	if holdout < 0 || holdout >= n {
		return nil, nil, fmt.Errorf("datasets: validation split: holdout %d must be in [0, %d)", holdout, n)
	}
	train = make([]int, n-holdout)
	for i := range train {
		train[i] = i
	}
	val = make([]int, holdout)
	for i := range val {
		val[i] = n - holdout + i
	}
	return train, val, nil
}
