package core

import "fmt"

// Source hands a method the rows of its steps. The order of the data belongs to the caller:
// package experiments implements it over the run's seeded labeled split and seeded shuffles of
// the training set, and checkpoints its state beside the method's.
type Source interface {
	// Labeled fills x with the next len(y) labeled rows and y with their labels.
	Labeled(x []float32, y []uint8) error
	// Unlabeled fills x with the next rows of unlabeled stream k: each stream is its own
	// shuffle of the training images, so two draws in one iteration are independent (the K+1
	// SSGAN takes D's rows from stream 0 and feature matching's from stream 1).
	Unlabeled(k int, x []float32) error
}

// FixedBatch is a Source that hands out the same rows on every draw: a step on given data, for
// tests and benchmarks.
type FixedBatch struct {
	// X holds the labeled rows and Y their labels.
	X []float32
	Y []uint8
	// Unl holds the rows of each unlabeled stream.
	Unl [][]float32
}

// Labeled copies the labeled rows and labels into x and y, which must have their sizes.
func (b FixedBatch) Labeled(x []float32, y []uint8) error {
	if len(x) != len(b.X) || len(y) != len(b.Y) {
		return fmt.Errorf("core: fixed batch has %d values and %d labels, want %d and %d", len(b.X), len(b.Y), len(x), len(y))
	}
	copy(x, b.X)
	copy(y, b.Y)
	return nil
}

// Unlabeled copies stream k's rows into x, which must have their size.
func (b FixedBatch) Unlabeled(k int, x []float32) error {
	if k < 0 || k >= len(b.Unl) {
		return fmt.Errorf("core: fixed batch has no unlabeled stream %d", k)
	}
	if len(x) != len(b.Unl[k]) {
		return fmt.Errorf("core: fixed batch stream %d has %d values, want %d", k, len(b.Unl[k]), len(x))
	}
	copy(x, b.Unl[k])
	return nil
}
