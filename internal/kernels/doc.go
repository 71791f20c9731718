// Package kernels holds the numeric loops the networks run on, with no knowledge of the nn types
// built over them: the counter-based random stream (Philox4x32-10) and the Gaussian and uniform
// draws made from it, and the float32 transcendental functions they need.
//
// Every kernel here gives values that depend only on its inputs and its addresses, never on how
// the work is split over goroutines, so a training run gives the same bits at any thread count.
package kernels
