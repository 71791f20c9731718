// Package kernels holds the numeric loops the networks run on, with no knowledge of the nn types
// built over them: the counter-based random stream (Philox4x32-10) and the Gaussian and uniform
// draws made from it, the float32 transcendental functions they need, the row kernels of the
// layers and activations (rows.go, relu.go, norms.go), the Adam update and the moving averages
// (adam.go, average.go), the split matrix product (Gemm) and the loops that share work between
// goroutines (parallel.go).
//
// The vector forms live in the *_simd_amd64.go (16 lanes, AVX-512) and *_avx2_amd64.go (8 lanes)
// files, built with GOEXPERIMENT=simd on amd64; the *_novec.go files stand in for them elsewhere.
// Each vector kernel computes the longest prefix of whole blocks with the scalar loop's operations
// in the same order, and the exported function finishes the tail with that scalar loop, so every
// value is the same bit for bit on every build and CPU.
//
// Every kernel here gives values that depend only on its inputs and its addresses, never on how
// the work is split over goroutines, so a training run gives the same bits at any thread count.
package kernels
