package kernels

import "math/bits"

// Philox4x32-10 (Salmon, Moraes, Dror and Shaw 2011, "Parallel random numbers: as easy as 1, 2,
// 3", SC'11): a bijection of a 128-bit counter under a 64-bit key, ten rounds of two 32×32→64
// multiplications and a key bump. The constants are the paper's (the multipliers of its Table 2
// and the Weyl increments, the golden ratio and √3 − 1 in 32-bit fixed point). The same function
// drives cuRAND's, JAX's and PyTorch's CUDA generators; its outputs are checked against
// Random123's published known-answer vectors in the tests.
const (
	philoxM0 = 0xD2511F53
	philoxM1 = 0xCD9E8D57
	philoxW0 = 0x9E3779B9
	philoxW1 = 0xBB67AE85
)

// Philox4x32 returns Philox4x32-10 of ctr under key.
func Philox4x32(ctr [4]uint32, key [2]uint32) [4]uint32 {
	c0, c1, c2, c3 := ctr[0], ctr[1], ctr[2], ctr[3]
	k0, k1 := key[0], key[1]
	for r := 0; r < 10; r++ {
		if r > 0 {
			k0 += philoxW0
			k1 += philoxW1
		}
		hi0, lo0 := bits.Mul32(philoxM0, c0)
		hi1, lo1 := bits.Mul32(philoxM1, c2)
		c0, c1, c2, c3 = hi1^c1^k0, lo1, hi0^c3^k1, lo0
	}
	return [4]uint32{c0, c1, c2, c3}
}

// Address names one block of four 32-bit draws: the run's seed is the key; the stream (what
// the draws are for), the fill (which tensor of which iteration) and the block within the fill
// make the 128-bit counter. Distinct addresses give independent draws.
type Address struct {
	Seed   uint64
	Stream uint32
	Fill   uint64
}

// block returns the four draws of block b of the address: counter (b, fill lo, fill hi,
// stream) under key (seed lo, seed hi). Fills of up to 2³² blocks (16 G values) are addressable.
func (a Address) block(b uint32) [4]uint32 {
	return Philox4x32([4]uint32{b, uint32(a.Fill), uint32(a.Fill >> 32), a.Stream},
		[2]uint32{uint32(a.Seed), uint32(a.Seed >> 32)})
}
