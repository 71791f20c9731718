package datasets

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShufflerPasses(t *testing.T) {
	for _, tc := range []struct{ n, batch int }{{10, 3}, {10, 10}, {7, 20}, {100, 32}, {1, 4}} {
		s := NewShuffler(tc.n, 1)
		assert.Equal(t, tc.n, s.Len())
		var stream []int
		buf := make([]int, tc.batch)
		for len(stream) < 5*tc.n {
			s.Next(buf)
			stream = append(stream, buf...)
		}
		ident := make([]int, tc.n)
		for i := range ident {
			ident[i] = i
		}
		for p := 0; p < 5; p++ {
			pass := slices.Clone(stream[p*tc.n : (p+1)*tc.n])
			slices.Sort(pass)
			assert.Equal(t, ident, pass, "n=%d batch=%d pass %d is not a permutation", tc.n, tc.batch, p)
		}
		assert.Equal(t, (len(stream)-1)/tc.n, s.Epoch(), "n=%d batch=%d", tc.n, tc.batch)
	}
}

func TestShufflerEpoch(t *testing.T) {
	s := NewShuffler(10, 1)
	buf := make([]int, 5)
	assert.Equal(t, 0, s.Epoch())
	s.Next(buf)
	s.Next(buf)
	assert.Equal(t, 0, s.Epoch(), "pass complete, not yet restarted")
	s.Next(buf)
	assert.Equal(t, 1, s.Epoch())
}

func TestShufflerDeterminism(t *testing.T) {
	draw := func(seed uint64) []int {
		s := NewShuffler(50, seed)
		out := make([]int, 170)
		s.Next(out)
		return out
	}
	assert.Equal(t, draw(3), draw(3))
	assert.NotEqual(t, draw(3), draw(4))
	// Different passes use different orders.
	a := draw(3)
	assert.NotEqual(t, a[:50], a[50:100])
}

func TestShufflerStateRestore(t *testing.T) {
	a := NewShuffler(37, 9)
	buf := make([]int, 10)
	for range 6 { // into the second pass
		a.Next(buf)
	}
	state, err := a.State()
	require.NoError(t, err)

	b := NewShuffler(37, 12345) // different seed: state must override it
	require.NoError(t, b.Restore(state))
	assert.Equal(t, a.Epoch(), b.Epoch())
	for range 20 {
		x, y := make([]int, 7), make([]int, 7)
		a.Next(x)
		b.Next(y)
		require.Equal(t, x, y)
	}
	assert.Equal(t, a.Epoch(), b.Epoch())
}

func TestShufflerRestoreErrors(t *testing.T) {
	s := NewShuffler(8, 1)
	good, err := s.State()
	require.NoError(t, err)
	other, err := NewShuffler(9, 1).State()
	require.NoError(t, err)
	for name, st := range map[string][]byte{
		"empty":     nil,
		"bad magic": []byte("nope!"),
		"truncated": good[:len(good)-3],
		"trailing":  append(slices.Clone(good), 0),
		"other n":   other,
		"not perm":  append(slices.Clone(good[:len(good)-1]), good[len(good)-2]),
	} {
		t.Run(name, func(t *testing.T) {
			fresh := NewShuffler(8, 2)
			before, _ := fresh.State()
			err := fresh.Restore(st)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "datasets: shuffler state: ")
			after, _ := fresh.State()
			assert.Equal(t, before, after, "unchanged on error")
		})
	}
}

func TestShufflerEmpty(t *testing.T) {
	s := NewShuffler(0, 1)
	dst := []int{-1, -1}
	s.Next(dst)
	assert.Equal(t, []int{-1, -1}, dst)
}

func TestLabeledIterator(t *testing.T) {
	labels := fakeLabels(1000)
	split, err := NewSplit(labels, 3, 10, 5)
	require.NoError(t, err)
	lab := NewShuffler(split.Len(), 5)
	pos := make([]int, 64) // a batch larger than the labeled set tiles it
	lab.Next(pos)
	counts := map[int]int{}
	for _, p := range pos {
		counts[split.Indices[p]]++
	}
	assert.Len(t, counts, 30)
	assert.Equal(t, 2, lab.Epoch())
}

func TestGather(t *testing.T) {
	pixels := []float32{0, 1, 2, 10, 11, 12, 20, 21, 22}
	dst := make([]float32, 6)
	require.NoError(t, Gather(dst, pixels, []int{2, 0}, 3))
	assert.Equal(t, []float32{20, 21, 22, 0, 1, 2}, dst)

	assert.ErrorContains(t, Gather(dst, pixels, []int{3}, 3), "index 3 (entry 0) out of range [0, 3)")
	assert.ErrorContains(t, Gather(dst, pixels, []int{-1}, 3), "out of range")
	assert.ErrorContains(t, Gather(dst[:5], pixels, []int{0, 1}, 3), "dst holds 5 values, want 6")
	assert.ErrorContains(t, Gather(dst, pixels, []int{0}, 0), "row size 0")
}
