//go:build openblas

package engine

/*
#cgo LDFLAGS: -lopenblas
void openblas_set_num_threads(int);
int openblas_get_parallel(void);
*/
import "C"

// parallelBuild is whether this OpenBLAS was built with threading (pthreads or OpenMP), and so
// with the locking that makes concurrent calls safe; a serial build reports 0.
var parallelBuild = C.openblas_get_parallel() != 0

// concurrentBLAS reports whether BLAS calls may run concurrently.
func concurrentBLAS() bool { return parallelBuild }

// pinBLAS keeps OpenBLAS single-threaded (see SetThreads), or gives it the thread count when
// it runs its own threads (NativeThreads).
func pinBLAS() {
	n := 1
	if NativeThreads() {
		n = int(threads.Load())
	}
	C.openblas_set_num_threads(C.int(n))
}
