package core

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"

	"github.com/ssgan/ssgan/internal/fsutil"
)

// Checkpoint is everything needed to resume a run exactly: named tensors (parameters, buffers,
// moving averages), optimiser moments, random-number-generator states, the trainer state and a
// hash of the configuration it belongs to.
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
func (c *Checkpoint) PutParams(prefix string, ps []*Param) {
	for _, p := range ps {
		c.Tensors[prefix+p.Name] = append([]float32(nil), p.Data()...)
	}
}

// GetParams restores parameters saved by PutParams; every one must be present with its size.
func (c *Checkpoint) GetParams(prefix string, ps []*Param) error {
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
func (c *Checkpoint) PutAdam(name string, a *Adam) {
	st := AdamState{T: a.T, M: make([][]float32, len(a.M)), V: make([][]float32, len(a.V))}
	for i := range a.M {
		st.M[i] = append([]float32(nil), a.M[i]...)
		st.V[i] = append([]float32(nil), a.V[i]...)
	}
	c.Adam[name] = st
}

// GetAdam restores an optimiser saved by PutAdam.
func (c *Checkpoint) GetAdam(name string, a *Adam) error {
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

// Save writes the checkpoint atomically: to a temporary file in the same directory, synced, then
// renamed over path, so a crash at any moment leaves either the old or the new checkpoint.
func (c *Checkpoint) Save(path string) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(c); err != nil {
		return fmt.Errorf("core: encode checkpoint: %w", err)
	}
	return WriteFileAtomic(path, buf.Bytes())
}

// LoadCheckpoint reads a checkpoint written by Save.
func LoadCheckpoint(path string) (*Checkpoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("core: %w", err)
	}
	defer f.Close()
	c := &Checkpoint{}
	if err := gob.NewDecoder(f).Decode(c); err != nil {
		return nil, fmt.Errorf("core: %s: not a readable checkpoint: %w", path, err)
	}
	return c, nil
}

// WriteFileAtomic writes data to a temporary file beside path (mode 0644), syncs it and renames it
// to path, so a crash leaves either the old or the new file.
func WriteFileAtomic(path string, data []byte) error {
	if err := fsutil.WriteFile(path, data); err != nil {
		return fmt.Errorf("core: write %s: %w", path, err)
	}
	return nil
}
