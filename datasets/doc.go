// Package datasets reads the MNIST data set from its original IDX files and
// provides the seeded, checkpointable pieces a semi-supervised training run
// needs on top of it: balanced labeled subsets (Split), validation holdouts,
// and batch index streams (Shuffler).
//
// All randomness is derived from explicit seeds through math/rand/v2's PCG
// source, so the same seed gives the same subsets and batches on every
// machine. Malformed input files never cause a panic: every reader returns an
// error prefixed "datasets: " that names the offending file.
package datasets
