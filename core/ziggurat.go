package core

import (
	"math"
	"math/rand/v2"
)

// zigKn and zigWn are the strip tables of rand/v2's normal ziggurat: a draw u picks strip
// k = u>>32 & 127 and j = int32(u); if |j| < zigKn[k] the draw is j·zigWn[k]. They are read out of
// the standard library at start-up rather than copied, so FillNormal follows whatever
// NormFloat64 does on the Go release it is built with (and its test fails loudly if the
// algorithm itself ever changes).
var zigKn, zigWn = zigguratTables()

// zigguratTables probes rand.Rand.NormFloat64 with a source that returns chosen values:
// zigKn[k] is the least j ≥ 0 for which NormFloat64 asks the source for a second value (found by
// bisection; it is 0 for a strip that always takes the slow path, as strip 1 does), and where
// j = 1 is on the fast path the result for it is zigWn[k] exactly. Where it is not, the fast path
// never reaches the strip (zigKn[k] = 0) or only with j = 0 (zigKn[k] = 1), whose result is +0
// for any positive width, so zigWn[k] = 1 serves.
func zigguratTables() (kn [128]uint32, wn [128]float32) {
	for k := range uint64(128) {
		if probeSlow(k << 32) {
			kn[k], wn[k] = 0, 1
			continue
		}
		lo, hi := uint64(0), uint64(1)<<31 // invariant: lo is fast, hi is slow (or out of range)
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			if probeSlow(k<<32 | mid) {
				hi = mid
			} else {
				lo = mid
			}
		}
		kn[k], wn[k] = uint32(hi), 1
		if hi > 1 {
			wn[k] = float32(probeNormal(k<<32 | 1))
		}
	}
	return kn, wn
}

// zigFast is the ziggurat's fast path for one PCG output u: the draw and true, or false where
// NormFloat64 needs more than u.
func zigFast(u uint64) (float64, bool) {
	j := int32(u)
	k := u >> 32 & 0x7f
	if absInt32(j) < zigKn[k] {
		return float64(j) * float64(zigWn[k]), true
	}
	return 0, false
}

// probeSource returns first, then math.MaxUint64 forever, and counts the calls. That ends every
// slow path of NormFloat64: the tail's loop accepts a uniform draw near 1, and where the wedge
// test rejects, the retry's MaxUint64 (j = −1 in strip 127) takes the fast path.
type probeSource struct {
	first uint64
	calls int
}

func (p *probeSource) Uint64() uint64 {
	p.calls++
	if p.calls == 1 {
		return p.first
	}
	return math.MaxUint64
}

func probeNormal(u uint64) float64 {
	return rand.New(&probeSource{first: u}).NormFloat64()
}

func probeSlow(u uint64) bool {
	p := &probeSource{first: u}
	rand.New(p).NormFloat64()
	return p.calls > 1
}
