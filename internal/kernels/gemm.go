package kernels

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"

	"github.com/ssgan/ssgan/internal/engine"
)

// minGemmRows is the fewest output rows (or columns) worth a block of their own.
const minGemmRows = 16

// gemmParts is the number of blocks a product is split into. It is fixed rather than the thread
// count because the BLAS kernel a call takes, and so the rounding, can depend on the block's
// size: with the same two blocks at every thread count (one after the other at one thread), every
// thread count gives the same numbers by construction. (One call for the whole product at one
// thread gave other bits than two blocks under OpenBLAS's Haswell kernels.)
const gemmParts = 2

// Gemm computes c = op(a)·op(b) (+ beta·c) for row-major a (ar × ac) and b (br × bc), where op
// transposes when asked: the product the steps run. The output is split into two blocks of
// columns (or of rows, when it has more rows than columns), each computed by one single-threaded
// BLAS call: concurrently with more than one thread (engine.Threads), in turn with one. With
// OpenBLAS's own threads (engine.NativeThreads) it is one call.
func Gemm(ta, tb blas.Transpose, a []float32, ar, ac int, b []float32, br, bc int, c []float32, beta float32) {
	rows, cols := ar, bc
	if ta == blas.Trans {
		rows = ac
	}
	if tb == blas.Trans {
		cols = br
	}
	am := blas32.General{Rows: ar, Cols: ac, Stride: ac, Data: a}
	bm := blas32.General{Rows: br, Cols: bc, Stride: bc, Data: b}
	parts := gemmParts
	if engine.NativeThreads() {
		parts = 1 // OpenBLAS's own threads split the product
	}
	run := inBlocks
	if engine.Threads() < 2 {
		run = inSequence // the same blocks, one after another
	}
	if cols >= rows {
		// Column blocks, so that every block keeps all the rows of the product: with a batch of
		// 100 rows, halving the rows left the BLAS kernel short rows and cost 2-10 % of the step.
		run(cols, min(parts, cols/minGemmRows), func(lo, hi int) {
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
	run(rows, min(parts, rows/minGemmRows), func(lo, hi int) {
		var ab blas32.General
		if ta == blas.Trans { // the rows of op(a) are columns of a
			ab = blas32.General{Rows: ar, Cols: hi - lo, Stride: ac, Data: a[lo:]}
		} else {
			ab = blas32.General{Rows: hi - lo, Cols: ac, Stride: ac, Data: a[lo*ac:]}
		}
		blas32.Gemm(ta, tb, 1, ab, bm, beta, blas32.General{Rows: hi - lo, Cols: cols, Stride: cols, Data: c[lo*cols:]})
	})
}
