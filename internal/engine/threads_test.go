package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSetThreads checks that the thread count is what was asked for, that non-positive counts
// leave it alone, and that a BLAS unsafe for concurrent calls reports one thread.
func TestSetThreads(t *testing.T) {
	saved := threads.Load()
	defer threads.Store(saved)
	tests := []struct {
		name string
		set  []int
		want int
	}{
		{"one", []int{1}, 1},
		{"two", []int{2}, 2},
		{"zero keeps the last count", []int{3, 0}, 3},
		{"negative keeps the last count", []int{2, -4}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, n := range tt.set {
				SetThreads(n)
			}
			want := tt.want
			if !concurrentBLAS() {
				want = 1
			}
			assert.Equal(t, want, Threads())
		})
	}
}
