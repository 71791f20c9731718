package core

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"math/rand/v2"
)

// Stream is a seeded random stream: a PCG source and the rand.Rand that draws from it. Its
// FillNormal draws exactly what calling NormFloat64 on the Rand would, faster, so the noise
// layers can use it without changing a single number of a seeded run. Make one with NewStream
// and do not replace its Rand. It is not safe for concurrent use: FillNormal works on a copy of
// the source's state and writes it back at the end, so a draw made through the Rand or the
// source during a fill would be lost (the graphs fill their feeds one after another).
type Stream struct {
	*rand.Rand
	src *rand.PCG
	// replay hands a drawn value back to the standard library for the ziggurat's rare slow path,
	// and goes on drawing from the fill's copy of the state.
	replay     replaySource
	replayRand *rand.Rand
}

// NewStream returns the stream of src: draws through the Stream and through src interleave as
// one sequence, and src's state (as checkpointed by MarshalBinary) is the stream's.
func NewStream(src *rand.PCG) *Stream {
	s := &Stream{Rand: rand.New(src), src: src}
	s.replayRand = rand.New(&s.replay)
	return s
}

// FillNormal sets buf[i] = float32(N(0, 1) draw)·std for each i in order, the draws being those
// of rand.Rand.NormFloat64 bit for bit (a test holds it to that over millions of draws).
//
// How: rand/v2's NormFloat64 is a ziggurat over 128 strips; more than 98 % of draws take one
// 64-bit PCG output, pick a strip and return at once. That path runs here inline, on a copy of
// the PCG state, with the strip tables read out of the standard library at start-up
// (zigguratTables). The other draws hand their first output back to NormFloat64 itself
// (replaySource), which finishes them from the same copy of the state.
func (s *Stream) FillNormal(buf []float32, std float32) {
	st := loadPCG(s.src)
	for i := range buf {
		u := st.next()
		if x, ok := zigFast(u); ok {
			buf[i] = float32(x) * std
			continue
		}
		s.replay.st, s.replay.pending, s.replay.full = st, u, true
		clearUpper() // the slow path calls math.Exp and math.Log (see withCleanUpper)
		buf[i] = float32(s.replayRand.NormFloat64()) * std
		st = s.replay.st
	}
	st.store(s.src)
}

// absInt32 is |j| as NormFloat64 takes it (MinInt32 maps to 2³¹).
func absInt32(j int32) uint32 {
	m := j >> 31
	return uint32((j ^ m) - m)
}

// replaySource is a rand.Source that returns a pending value once, then continues with st.
type replaySource struct {
	st      pcgState
	pending uint64
	full    bool
}

// Uint64 returns the pending value if there is one, else st's next output.
func (r *replaySource) Uint64() uint64 {
	if r.full {
		r.full = false
		return r.pending
	}
	return r.st.next()
}

// pcgState is a copy of a rand.PCG's 128-bit state, stepped exactly as rand.PCG steps it: a
// 128-bit LCG (the multiplier and increment of the reference PCG) with the DXSM output function.
type pcgState struct{ hi, lo uint64 }

// loadPCG copies src's state (rand.PCG's binary form is "pcg:" then hi and lo, big-endian).
func loadPCG(src *rand.PCG) pcgState {
	var a [20]byte
	b, err := src.AppendBinary(a[:0])
	if err != nil || len(b) != 20 || string(b[:4]) != "pcg:" {
		panic(fmt.Sprintf("core: stream: unexpected rand.PCG state encoding %q (%v)", b, err))
	}
	return pcgState{hi: binary.BigEndian.Uint64(b[4:]), lo: binary.BigEndian.Uint64(b[12:])}
}

// store writes the state back into src.
func (p pcgState) store(src *rand.PCG) {
	var b [20]byte
	copy(b[:], "pcg:")
	binary.BigEndian.PutUint64(b[4:], p.hi)
	binary.BigEndian.PutUint64(b[12:], p.lo)
	if err := src.UnmarshalBinary(b[:]); err != nil {
		panic(fmt.Sprintf("core: stream: restore rand.PCG state: %v", err))
	}
}

// next advances the state and returns its output, as rand.PCG.Uint64 does.
func (p *pcgState) next() uint64 {
	const (
		mulHi, mulLo = 2549297995355413924, 4865540595714422341
		incHi, incLo = 6364136223846793005, 1442695040888963407
		dxsmMul      = 0xda942042e4dd58b5
	)
	hi, lo := bits.Mul64(p.lo, mulLo)
	hi += p.hi*mulLo + p.lo*mulHi
	lo, c := bits.Add64(lo, incLo, 0)
	hi, _ = bits.Add64(hi, incHi, c)
	p.hi, p.lo = hi, lo
	hi ^= hi >> 32
	hi *= dxsmMul
	hi ^= hi >> 48
	return hi * (lo | 1)
}
