//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

// What the CPU offers, read once: the 16-lane kernels run with AVX-512, the 8-lane ones with
// AVX2 (CPUs with AVX2 but not AVX-512, such as AMD's Zen 1-3), and clearUpper needs AVX.
var (
	avx512 = archsimd.X86.AVX512()
	avx2   = archsimd.X86.AVX2()
	avx    = archsimd.X86.AVX()
)

// clearUpper zeroes the upper halves of the vector registers (VZEROUPPER), so that scalar
// library code which mixes SSE and VEX instructions (math.Exp) runs without transition stalls.
func clearUpper() {
	if avx {
		archsimd.ClearAVXUpperBits()
	}
}
