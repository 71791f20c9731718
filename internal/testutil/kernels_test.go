package testutil

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRunUnderKernelsDecides: the test stays in this process under its own kernels, and says why
// it cannot switch for another BLAS or a kernel set it does not attempt (no child is started).
func TestRunUnderKernelsDecides(t *testing.T) {
	tests := []struct {
		name, kernels, reason string
	}{
		{"this process's kernels", Kernels(), ""},
		{"another BLAS", "otherblas/Zen", "recorded under otherblas/Zen, this build has " + Kernels()},
		{"no kernel set named", "openblas", "recorded under openblas, this build has " + Kernels()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ran, reason := RunUnderKernels(t, tc.kernels)
			assert.False(t, ran)
			assert.Equal(t, tc.reason, reason)
		})
	}
}

func TestRunsHaswellKernels(t *testing.T) {
	assert.False(t, runsHaswellKernels("SkylakeX"), "only the Haswell-class sets are attempted")
	assert.False(t, runsHaswellKernels(""))
}
