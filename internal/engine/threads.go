package engine

import (
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
)

// threads is the number of concurrent parts a matrix product is split into (see SetThreads).
var threads atomic.Int32

func init() {
	n := runtime.NumCPU()
	if v, err := strconv.Atoi(os.Getenv("OPENBLAS_NUM_THREADS")); err == nil && v > 0 {
		n = v
	}
	SetThreads(n)
}

// SetThreads sets how many threads one matrix product may use: package core splits each large
// product into n row blocks computed concurrently, each by a single-threaded BLAS call. OpenBLAS's
// own thread pool is kept at one thread: its workers spin between calls and took the second core
// from the element-wise work in between (the SSGAN step ran 16 % slower with 2 OpenBLAS threads
// than with 2 row blocks). Every block computes its rows exactly as the whole product would, so
// the results do not depend on n (ssgan's golden trajectory test checks this at 1 and 2).
func SetThreads(n int) {
	if n > 0 {
		threads.Store(int32(n))
	}
	pinBLAS()
}

// Threads reports how many threads one matrix product uses.
func Threads() int { return int(threads.Load()) }
