package core

import (
	"encoding/gob"
	"fmt"
	"io"

	"github.com/ssgan/ssgan/core/nn"
)

// Checkpoint is everything needed to resume a run exactly: named tensors (parameters, buffers,
// moving averages), optimiser moments, random-number-generator states, the trainer state and a
// hash of the configuration it belongs to. It goes to and from bytes with Encode and
// DecodeCheckpoint; core touches no files.
type Checkpoint struct {
	ConfigHash string
	Iter       int
	Tensors    map[string][]float32
	Adam       map[string]AdamState
	RNG        map[string][]byte
	Counters   map[string]int
	Vars       map[string]float64
	// Extra carries whatever else the caller needs (an evaluation history, for instance).
	Extra map[string][]byte
}

// AdamState is the saved state of one Adam optimiser.
type AdamState struct {
	T    int
	M, V [][]float32
}

// NewCheckpoint returns an empty checkpoint for the given configuration hash and state.
func NewCheckpoint(hash string, s *State) *Checkpoint {
	c := &Checkpoint{ConfigHash: hash, Tensors: map[string][]float32{}, Adam: map[string]AdamState{},
		RNG: map[string][]byte{}, Counters: map[string]int{}, Vars: map[string]float64{}, Extra: map[string][]byte{}}
	if s != nil {
		c.Iter = s.Iter
		for k, v := range s.Counters {
			c.Counters[k] = v
		}
		for k, v := range s.Vars {
			c.Vars[k] = v
		}
	}
	return c
}

// PutParams stores copies of the parameters under prefix + their names.
func (c *Checkpoint) PutParams(prefix string, ps []*nn.Param) {
	for _, p := range ps {
		c.Tensors[prefix+p.Name] = append([]float32(nil), p.Data()...)
	}
}

// GetParams restores parameters saved by PutParams; every one must be present with its size.
func (c *Checkpoint) GetParams(prefix string, ps []*nn.Param) error {
	for _, p := range ps {
		v, ok := c.Tensors[prefix+p.Name]
		if !ok {
			return fmt.Errorf("core: checkpoint has no tensor %s%s", prefix, p.Name)
		}
		if len(v) != p.Size() {
			return fmt.Errorf("core: checkpoint tensor %s%s has %d values, want %d", prefix, p.Name, len(v), p.Size())
		}
		copy(p.Data(), v)
	}
	return nil
}

// PutAdam stores an optimiser's moments and step count.
func (c *Checkpoint) PutAdam(name string, a *nn.Adam) {
	st := AdamState{T: a.T, M: make([][]float32, len(a.M)), V: make([][]float32, len(a.V))}
	for i := range a.M {
		st.M[i] = append([]float32(nil), a.M[i]...)
		st.V[i] = append([]float32(nil), a.V[i]...)
	}
	c.Adam[name] = st
}

// GetAdam restores an optimiser saved by PutAdam.
func (c *Checkpoint) GetAdam(name string, a *nn.Adam) error {
	st, ok := c.Adam[name]
	if !ok || len(st.M) != len(a.M) {
		return fmt.Errorf("core: checkpoint has no optimiser %s for %d parameters", name, len(a.M))
	}
	for i := range a.M {
		if len(st.M[i]) != len(a.M[i]) {
			return fmt.Errorf("core: checkpoint optimiser %s: moment %d has %d values, want %d", name, i, len(st.M[i]), len(a.M[i]))
		}
		copy(a.M[i], st.M[i])
		copy(a.V[i], st.V[i])
	}
	a.T = st.T
	return nil
}

// Restore copies the trainer state out of the checkpoint.
func (c *Checkpoint) Restore(s *State) {
	s.Iter = c.Iter
	for k, v := range c.Counters {
		s.Counters[k] = v
	}
	for k, v := range c.Vars {
		s.Vars[k] = v
	}
}

// Encode writes the checkpoint to w in its byte format (encoding/gob of the Checkpoint), the
// format of every checkpoint.gob written so far. Writing the bytes to a file is the caller's job.
func (c *Checkpoint) Encode(w io.Writer) error {
	if err := gob.NewEncoder(w).Encode(c); err != nil {
		return fmt.Errorf("core: encode checkpoint: %w", err)
	}
	return nil
}

// DecodeCheckpoint reads a checkpoint written by Encode from r.
func DecodeCheckpoint(r io.Reader) (*Checkpoint, error) {
	c := &Checkpoint{}
	if err := gob.NewDecoder(r).Decode(c); err != nil {
		return nil, fmt.Errorf("core: not a readable checkpoint: %w", err)
	}
	return c, nil
}
