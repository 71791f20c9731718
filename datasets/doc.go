// Package datasets reads image-classification data sets stored as four IDX files (MNIST's
// format: MNIST, Fashion-MNIST and any other directory of that layout), names and checks them by
// the SHA-256 of their files (Open, Verify, the registry of known data sets), and provides the
// seeded, checkpointable pieces a semi-supervised training run needs on top of them: balanced
// labeled subsets (Split), validation holdouts, and batch index streams (Shuffler).
//
// All randomness is derived from explicit seeds through math/rand/v2's PCG
// source, so the same seed gives the same subsets and batches on every
// machine. Malformed input files never cause a panic: every reader returns an
// error prefixed "datasets: " that names the offending file.
package datasets
