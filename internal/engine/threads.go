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

// SetThreads sets how many threads one training process computes with: package core splits
// each large product into the same two blocks of columns (or rows) at every thread count,
// computed concurrently with n ≥ 2 and one after the other with n = 1, each by a single-threaded
// BLAS call, and the element-wise loops split their work the same way. So every n gives the same
// numbers (the golden trajectory tests hold 1 to 4 threads to each other bit for bit).
// OpenBLAS's own thread pool is kept at one thread unless NativeThreads: its workers spin between
// calls and took the second core from the element-wise work in between. A BLAS that is not safe
// to call concurrently (a serial OpenBLAS build) gets one block at a time.
func SetThreads(n int) {
	if n > 0 {
		threads.Store(int32(n))
	}
	pinBLAS()
}

// Threads reports how many threads one matrix product uses: 1 when the BLAS cannot take
// concurrent calls.
func Threads() int {
	if NativeThreads() {
		return 1
	}
	if !concurrentBLAS() {
		return 1
	}
	return int(threads.Load())
}

// native is whether OpenBLAS runs each product on its own threads (see NativeThreads).
var native atomic.Bool

func init() { native.Store(os.Getenv("SSGAN_BLAS") == "native") }

// NativeThreads reports whether OpenBLAS runs each product on its own threads, the thread count
// of them (SSGAN_BLAS=native, or SetNative), rather than package core splitting each product
// into two blocks over a single-threaded BLAS.
func NativeThreads() bool { return native.Load() }

// SetNative switches between OpenBLAS's own threads (on) and the two-block split (off).
func SetNative(on bool) {
	native.Store(on)
	pinBLAS()
}

// Workers is the number of goroutines element-wise kernels (the random draws) split their work
// over: the thread count, whatever runs the products.
func Workers() int { return max(1, int(threads.Load())) }
