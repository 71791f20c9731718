package datasets

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPathRef checks that a cleaned path reference is still a path, so the name a run records
// for a data set given as a relative path opens it again.
func TestPathRef(t *testing.T) {
	tests := []struct{ ref, want string }{
		{"./kmn", "./kmn"},
		{"kmn/", "./kmn"},
		{"./a/../kmn", "./kmn"},
		{"data/kmn", "data/kmn"},
		{"/abs/kmn/", "/abs/kmn"},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			got := pathRef(tt.ref)
			assert.Equal(t, tt.want, got)
			assert.NoError(t, CheckRef(got), "the recorded name is a reference again")
		})
	}
}
