//go:build openblas

package engine

/*
#cgo LDFLAGS: -lopenblas
void openblas_set_num_threads(int);
int openblas_get_num_threads(void);
*/
import "C"

// SetThreads sets the number of threads OpenBLAS uses for matrix products.
func SetThreads(n int) {
	if n > 0 {
		C.openblas_set_num_threads(C.int(n))
	}
}

// Threads reports the number of threads OpenBLAS uses for matrix products.
func Threads() int { return int(C.openblas_get_num_threads()) }
