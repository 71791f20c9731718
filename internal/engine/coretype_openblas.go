//go:build openblas

package engine

/*
char* openblas_get_corename(void);
*/
import "C"

import (
	"os"
	"strings"
	"syscall"
)

// CoreName is the CPU kernel family OpenBLAS chose ("SkylakeX", "Haswell", ...).
func CoreName() string { return C.GoString(C.openblas_get_corename()) }

// init re-executes the program with OPENBLAS_CORETYPE set when OpenBLAS fell back to its generic
// "Prescott" kernels on a CPU that has AVX-512 or AVX2. That happens on virtual machines that
// report a masked CPU model ("Intel Xeon Processor"): OpenBLAS's run-time detection then picks
// SSE3 kernels, and single-precision products run 3.6× slower (52 instead of 188 GFLOP/s on
// 2 cores, measured for a 300×784×1000 product). OpenBLAS reads the variable when it is loaded,
// before any Go code runs, hence the re-exec. SSGAN_NO_REEXEC=1 turns this off.
func init() {
	if os.Getenv("OPENBLAS_CORETYPE") != "" || os.Getenv("SSGAN_NO_REEXEC") != "" || CoreName() != "Prescott" {
		return
	}
	core := coreFromFlags()
	if core == "" {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	env := append(os.Environ(), "OPENBLAS_CORETYPE="+core)
	_ = syscall.Exec(exe, os.Args, env) // on failure, carry on with the generic kernels
}

// coreFromFlags picks the OpenBLAS kernel family from the CPU's instruction-set flags.
func coreFromFlags() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	var flags map[string]bool
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "flags" {
			flags = map[string]bool{}
			for _, f := range strings.Fields(v) {
				flags[f] = true
			}
			break
		}
	}
	switch {
	case flags["avx512f"] && flags["avx512bw"] && flags["avx512vl"] && flags["avx512dq"]:
		return "SkylakeX"
	case flags["avx2"] && flags["fma"]:
		return "Haswell"
	}
	return ""
}
