//go:build openblas

package engine

/*
#cgo LDFLAGS: -lopenblas
void openblas_set_num_threads(int);
*/
import "C"

// pinBLAS keeps OpenBLAS single-threaded (see SetThreads).
func pinBLAS() { C.openblas_set_num_threads(1) }
