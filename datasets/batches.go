package datasets

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
)

// Shuffler yields batches of indices from successive random permutations of
// 0..n-1: each pass (epoch) visits every index exactly once, and a batch that
// crosses the end of a pass is completed from a fresh permutation. The order
// depends only on the seed (PCG source seeded (seed, 0xba7c4)), and its state
// can be checkpointed with State and Restore.
//
// The labeled iterator of semi-supervised training is a Shuffler over the
// split's indices: the small labeled set is tiled, reshuffled each pass, so a
// run of many unlabeled epochs cycles through it many times:
//
//	lab := NewShuffler(split.Len(), seed)
//	lab.Next(pos)
//	for i, p := range pos {
//		idx[i] = split.Indices[p]
//	}
type Shuffler struct {
	src   *rand.PCG
	perm  []int
	pos   int // next position in perm
	epoch int // completed passes
}

// NewShuffler returns a Shuffler over 0..n-1 seeded with seed. With n <= 0 the
// Shuffler is empty and Next leaves dst unchanged.
func NewShuffler(n int, seed uint64) *Shuffler {
	s := &Shuffler{src: rand.NewPCG(seed, shuffleStream), perm: make([]int, max(n, 0))}
	for i := range s.perm {
		s.perm[i] = i
	}
	shuffle(s.src, s.perm)
	return s
}

// Len returns n, the number of indices in one pass.
func (s *Shuffler) Len() int { return len(s.perm) }

// Epoch returns the number of completed passes over the indices.
func (s *Shuffler) Epoch() int { return s.epoch }

// Next fills dst with the next len(dst) indices, reshuffling whenever a pass
// ends. dst may be longer than n (it then spans several passes).
func (s *Shuffler) Next(dst []int) {
	n := len(s.perm)
	if n == 0 {
		return
	}
	for k := 0; k < len(dst); {
		if s.pos == n {
			shuffle(s.src, s.perm)
			s.pos = 0
			s.epoch++
		}
		c := copy(dst[k:], s.perm[s.pos:])
		s.pos += c
		k += c
	}
}

// State returns the Shuffler's complete state (RNG, permutation, position and
// epoch) for a checkpoint.
func (s *Shuffler) State() ([]byte, error) {
	rng, err := s.src.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("datasets: shuffler state: %w", err)
	}
	b := []byte(shufflerStateMagic)
	b = binary.AppendUvarint(b, uint64(len(rng)))
	b = append(b, rng...)
	b = binary.AppendUvarint(b, uint64(len(s.perm)))
	b = binary.AppendUvarint(b, uint64(s.pos))
	b = binary.AppendUvarint(b, uint64(s.epoch))
	for _, p := range s.perm {
		b = binary.AppendUvarint(b, uint64(p))
	}
	return b, nil
}

const shufflerStateMagic = "shuf1"

var errBadState = errors.New("corrupt shuffler state")

// Restore replaces the Shuffler's state with one returned by State. The state
// must be for the same n; on error the Shuffler is unchanged.
func (s *Shuffler) Restore(state []byte) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("datasets: shuffler state: %s: %w", fmt.Sprintf(format, args...), errBadState)
	}
	b, ok := cutPrefix(state, shufflerStateMagic)
	if !ok {
		return fail("bad header")
	}
	next := func() (uint64, bool) {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			return 0, false
		}
		b = b[k:]
		return v, true
	}
	rl, ok := next()
	if !ok || rl > uint64(len(b)) {
		return fail("truncated RNG state")
	}
	src := &rand.PCG{}
	if err := src.UnmarshalBinary(b[:rl]); err != nil {
		return fail("RNG: %v", err)
	}
	b = b[rl:]
	n, ok1 := next()
	pos, ok2 := next()
	epoch, ok3 := next()
	if !ok1 || !ok2 || !ok3 {
		return fail("truncated")
	}
	if n != uint64(len(s.perm)) {
		return fail("state is for n=%d, this shuffler has n=%d", n, len(s.perm))
	}
	if pos > n || epoch > 1<<62 {
		return fail("position %d out of range [0, %d]", pos, n)
	}
	perm := make([]int, n)
	seen := make([]bool, n)
	for i := range perm {
		v, ok := next()
		if !ok {
			return fail("truncated permutation")
		}
		if v >= n || seen[v] {
			return fail("not a permutation of 0..%d", n-1)
		}
		seen[v] = true
		perm[i] = int(v)
	}
	if len(b) != 0 {
		return fail("%d trailing bytes", len(b))
	}
	s.src, s.perm, s.pos, s.epoch = src, perm, int(pos), int(epoch)
	return nil
}

func cutPrefix(b []byte, prefix string) ([]byte, bool) {
	if len(b) < len(prefix) || string(b[:len(prefix)]) != prefix {
		return nil, false
	}
	return b[len(prefix):], true
}

// Gather copies, for each k, row idx[k] of pixels (rows of dim values) into
// row k of dst. It returns an error, copying nothing, if dst is too short or an
// index is out of range.
func Gather(dst []float32, pixels []float32, idx []int, dim int) error {
	if dim <= 0 {
		return fmt.Errorf("datasets: gather: row size %d must be positive", dim)
	}
	if len(dst) < len(idx)*dim {
		return fmt.Errorf("datasets: gather: dst holds %d values, want %d (%d rows of %d)", len(dst), len(idx)*dim, len(idx), dim)
	}
	rows := len(pixels) / dim
	for k, i := range idx {
		if i < 0 || i >= rows {
			return fmt.Errorf("datasets: gather: index %d (entry %d) out of range [0, %d)", i, k, rows)
		}
	}
	for k, i := range idx {
		copy(dst[k*dim:(k+1)*dim], pixels[i*dim:(i+1)*dim])
	}
	return nil
}
