package nn

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/internal/engine"
)

// TestStreamThreadIndependent checks that a stream's fills are the same bits at 1 to 4 threads.
func TestStreamThreadIndependent(t *testing.T) {
	saved := engine.Workers()
	defer engine.SetThreads(saved)
	fill := func() ([]float32, []float32) {
		s := NewStream(5, 6)
		z, u := make([]float32, 300*1000+3), make([]float32, 100*100)
		s.FillNormal(z, 0.5)
		s.FillUniform(u)
		return z, u
	}
	engine.SetThreads(1)
	z1, u1 := fill()
	for _, n := range []int{2, 3, 4} {
		engine.SetThreads(n)
		z, u := fill()
		assert.Equal(t, z1, z, "normal draws at %d threads", n)
		assert.Equal(t, u1, u, "uniform draws at %d threads", n)
	}
}

// TestStreamState checks that a stream restored from its binary form continues with the same
// fills, and that foreign states are refused with an error naming what they are.
func TestStreamState(t *testing.T) {
	s := NewStream(11, 2)
	buf := make([]float32, 1000)
	s.FillNormal(buf, 1)
	state, err := s.MarshalBinary()
	require.NoError(t, err)
	want := make([]float32, 1000)
	s.FillNormal(want, 1)
	assert.Equal(t, uint64(2), s.Fills())

	r := NewStream(0, 0)
	require.NoError(t, r.UnmarshalBinary(state))
	got := make([]float32, 1000)
	r.FillNormal(got, 1)
	assert.Equal(t, want, got)

	tests := []struct {
		name, state, err string
	}{
		{"old engine", "pcg:0123456789abcdef", "sequential PCG stream"},
		{"truncated", string(state[:10]), "not a"},
		{"empty", "", "not a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorContains(t, NewStream(0, 0).UnmarshalBinary([]byte(tt.state)), tt.err)
		})
	}
}
