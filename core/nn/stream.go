package nn

import (
	"encoding/binary"
	"fmt"

	"github.com/ssgan/ssgan/internal/engine"
	"github.com/ssgan/ssgan/internal/kernels"
)

// Stream is the training noise of a model: counter-based Philox4x32-10 draws (package kernels)
// keyed by the model seed and addressed by (stream, fill, element). Each fill (one noise layer's
// buffer, or G's input, in one run of a step) takes the next fill number, and its elements are
// computed on all cores with values that depend only on their address, so a run's numbers are the
// same at any thread count. The whole state is the fill count: checkpointing it with
// MarshalBinary and restoring it resumes the draws exactly. A Stream is not safe for concurrent
// fills (the steps fill their feeds one after another).
type Stream struct {
	seed   uint64
	stream uint32
	fills  uint64
}

// NewStream returns the stream of (seed, stream) at its first fill.
func NewStream(seed uint64, stream uint32) *Stream { return &Stream{seed: seed, stream: stream} }

// next returns the address of the next fill and counts it.
func (s *Stream) next() kernels.Address {
	a := kernels.Address{Seed: s.seed, Stream: s.stream, Fill: s.fills}
	s.fills++
	return a
}

// FillNormal sets buf to the next fill's N(0, std²) draws.
func (s *Stream) FillNormal(buf []float32, std float32) {
	kernels.FillNormal(buf, std, s.next(), engine.Workers())
}

// FillUniform sets buf to the next fill's U[0, 1) draws.
func (s *Stream) FillUniform(buf []float32) {
	kernels.FillUniform(buf, s.next(), engine.Workers())
}

// Fills reports how many fills the stream has made.
func (s *Stream) Fills() uint64 { return s.fills }

// streamMagic starts a Stream's binary form ("philox", then seed, stream and fills).
const streamMagic = "philox1:"

// MarshalBinary encodes the stream's seed, stream number and fill count.
func (s *Stream) MarshalBinary() ([]byte, error) {
	b := append([]byte(streamMagic), make([]byte, 20)...)
	binary.BigEndian.PutUint64(b[8:], s.seed)
	binary.BigEndian.PutUint32(b[16:], s.stream)
	binary.BigEndian.PutUint64(b[20:], s.fills)
	return b, nil
}

// UnmarshalBinary restores a state written by MarshalBinary. A state of the earlier sequential
// (PCG) noise engine is refused: its runs continue only with the commit that trained them.
func (s *Stream) UnmarshalBinary(b []byte) error {
	if len(b) >= 4 && string(b[:4]) == "pcg:" {
		return fmt.Errorf("nn: noise state is the sequential PCG stream of the engine before the counter-based one; resume this run with the commit that trained it")
	}
	if len(b) != len(streamMagic)+20 || string(b[:len(streamMagic)]) != streamMagic {
		return fmt.Errorf("nn: noise state: %d bytes, not a %q state", len(b), streamMagic)
	}
	s.seed = binary.BigEndian.Uint64(b[8:])
	s.stream = binary.BigEndian.Uint32(b[16:])
	s.fills = binary.BigEndian.Uint64(b[20:])
	return nil
}
