package kernels

import "sync"

// minParallel is the number of elements below which a loop is not worth splitting.
const minParallel = 1 << 15

// ParallelFor splits [0, n) into two halves run concurrently when n is at least 2¹⁵, else runs
// body(0, n). Each element is computed independently, so results do not depend on the split.
func ParallelFor(n int, body func(lo, hi int)) {
	inHalves(n, n >= minParallel, body)
}

// ForRows runs body(i) for each row i of a (rows × cols) matrix, splitting the rows in two
// concurrent halves when the matrix is large. Row loops keep the column index out of the inner
// loop (an index modulo per element costs more than the arithmetic it serves).
func ForRows(rows, cols int, body func(i int)) {
	inHalves(rows, rows*cols >= minParallel, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			body(i)
		}
	})
}

// ForColumns runs body over column ranges [lo, hi) of a (rows × cols) matrix, two concurrent
// halves when the matrix is large: for column sums that keep each column's row order, so that
// the sums do not depend on the split.
func ForColumns(rows, cols int, body func(lo, hi int)) {
	inHalves(cols, rows*cols >= minParallel, body)
}

// inHalves runs run(0, n), or run(0, n/2) and run(n/2, n) concurrently when parallel.
func inHalves(n int, parallel bool, run func(lo, hi int)) {
	parts := 1
	if parallel {
		parts = 2
	}
	inBlocks(n, min(parts, n), run)
}

// inSequence runs run over [0, n) in the blocks inBlocks would use, one after another on the
// calling goroutine.
func inSequence(n, parts int, run func(lo, hi int)) {
	if parts < 2 {
		run(0, n)
		return
	}
	for p := 0; p < parts; p++ {
		run(p*n/parts, (p+1)*n/parts)
	}
}

// inBlocks runs run over [0, n) split into parts near-equal blocks, concurrently: the first
// block on the calling goroutine, each other on a goroutine of its own. With parts < 2 it runs
// run(0, n) and starts nothing.
func inBlocks(n, parts int, run func(lo, hi int)) {
	if parts < 2 {
		run(0, n)
		return
	}
	var wg sync.WaitGroup
	for p := 1; p < parts; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(p*n/parts, (p+1)*n/parts)
		}()
	}
	run(0, n/parts)
	wg.Wait()
}
