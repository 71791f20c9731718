package kernels

// MoveAverage sets avg[i] += a·(x[i] − avg[i]) for every i: one step of an exponential moving
// average with weight a = 1 − decay. It runs in two concurrent halves on large slices
// (ParallelFor) and, where the build and CPU have one, with a vector kernel; every value is the
// scalar expression's bit for bit, whatever the split.
func MoveAverage(avg, x []float32, a float32) {
	ParallelFor(len(avg), func(lo, hi int) {
		e, w := avg[lo:hi], x[lo:hi]
		for j := moveAverageVec(e, w, a); j < len(e); j++ {
			e[j] += float32(a * (w[j] - e[j]))
		}
	})
}

// Blend sets run[i] = m·run[i] + (1−m)·x[i] for every i, in order on the calling goroutine: the
// running statistics' update of batch normalisation, with momentum m.
func Blend(run, x []float32, m float32) {
	for i := range run {
		run[i] = float32(m*run[i]) + float32((1-m)*x[i])
	}
}
