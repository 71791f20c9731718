package core

import (
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"

	"github.com/ssgan/ssgan/internal/engine"
)

// minGemmRows is the fewest output rows (or columns) worth a block of their own.
const minGemmRows = 16

// gemm computes c = op(a)·op(b) (+ beta·c) for row-major a (ar × ac) and b (br × bc), where op
// transposes when asked. The output is split into engine.Threads() blocks of columns (or of rows,
// when it has more rows than columns) computed concurrently, each by one single-threaded BLAS
// call; an element of the output is the same sum whichever block computes it.
func gemm(ta, tb blas.Transpose, a []float32, ar, ac int, b []float32, br, bc int, c []float32, beta float32) {
	rows, cols := ar, bc
	if ta == blas.Trans {
		rows = ac
	}
	if tb == blas.Trans {
		cols = br
	}
	am := blas32.General{Rows: ar, Cols: ac, Stride: ac, Data: a}
	bm := blas32.General{Rows: br, Cols: bc, Stride: bc, Data: b}
	if cols >= rows {
		// Column blocks, so that every block keeps all the rows of the product: with a batch of
		// 100 rows, halving the rows left the BLAS kernel short rows and cost 2-10 % of the step.
		inBlocks(cols, min(engine.Threads(), cols/minGemmRows), func(lo, hi int) {
			var bb blas32.General
			if tb == blas.Trans { // the columns of op(b) are rows of b
				bb = blas32.General{Rows: hi - lo, Cols: bc, Stride: bc, Data: b[lo*bc:]}
			} else {
				bb = blas32.General{Rows: br, Cols: hi - lo, Stride: bc, Data: b[lo:]}
			}
			blas32.Gemm(ta, tb, 1, am, bb, beta, blas32.General{Rows: rows, Cols: hi - lo, Stride: cols, Data: c[lo:]})
		})
		return
	}
	inBlocks(rows, min(engine.Threads(), rows/minGemmRows), func(lo, hi int) {
		var ab blas32.General
		if ta == blas.Trans { // the rows of op(a) are columns of a
			ab = blas32.General{Rows: ar, Cols: hi - lo, Stride: ac, Data: a[lo:]}
		} else {
			ab = blas32.General{Rows: hi - lo, Cols: ac, Stride: ac, Data: a[lo*ac:]}
		}
		blas32.Gemm(ta, tb, 1, ab, bm, beta, blas32.General{Rows: hi - lo, Cols: cols, Stride: cols, Data: c[lo*cols:]})
	})
}

// inBlocks runs run over n split into parts near-equal blocks, concurrently (one block, or
// none when parts < 2, runs on the calling goroutine).
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
