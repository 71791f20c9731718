package nn

import "github.com/ssgan/ssgan/internal/kernels"

// MoveAverage sets avg[i] += a·(x[i] − avg[i]) for every i: one step of an exponential moving
// average with weight a = 1 − decay, as kernels.MoveAverage computes it (two concurrent halves on
// large slices, a vector kernel where the build and CPU have one, every value the scalar
// expression's bit for bit). It is the entry point of the models' parameter averages.
func MoveAverage(avg, x []float32, a float32) { kernels.MoveAverage(avg, x, a) }
