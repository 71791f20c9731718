package experiments

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core"
)

// TestProvenance follows the commit list (and the BLAS list, kept the same way under its own
// key) through checkpoints written and resumed by binaries of different revisions.
func TestProvenance(t *testing.T) {
	tests := []struct {
		name      string
		stored    []byte // the checkpoint's list; nil: a checkpoint from before lists were kept
		commit    string // this session's revision
		trained   bool   // whether this session ran iterations
		wantSaved []string
		wantMixed []string
	}{
		{"same binary throughout", []byte(`["aaa"]`), "aaa", true, []string{"aaa"}, nil},
		{"resumed by another build", []byte(`["aaa"]`), "bbb", true, []string{"aaa", "bbb"}, []string{"aaa", "bbb"}},
		{"another build that only finished the record", []byte(`["aaa"]`), "bbb", false, []string{"aaa"}, nil},
		{"back to the first build", []byte(`["aaa","bbb"]`), "aaa", true, []string{"aaa", "bbb", "aaa"}, []string{"aaa", "bbb", "aaa"}},
		{"old checkpoint", nil, "bbb", true, []string{unrecorded, "bbb"}, []string{unrecorded, "bbb"}},
		{"unstamped binary", []byte(`["aaa"]`), "", true, []string{"aaa", unrecorded}, []string{"aaa", unrecorded}},
	}
	for _, key := range []string{commitsKey, blasesKey} {
		for _, tt := range tests {
			t.Run(key+"/"+tt.name, func(t *testing.T) {
				ck := core.NewCheckpoint("h", core.NewState(core.Plan{}))
				if tt.stored != nil {
					ck.Extra[key] = tt.stored
				}
				p, err := resumedProvenance(ck, key)
				require.NoError(t, err)
				assert.Equal(t, tt.wantMixed, p.mixed(tt.commit, tt.trained))
				next := core.NewCheckpoint("h", core.NewState(core.Plan{}))
				require.NoError(t, p.save(next, key, tt.commit, tt.trained))
				assert.Len(t, next.Extra, 1, "only its own key")
				saved, err := resumedProvenance(next, key)
				require.NoError(t, err)
				assert.Equal(t, provenance(tt.wantSaved), saved)
			})
		}
		ck := core.NewCheckpoint("h", core.NewState(core.Plan{}))
		ck.Extra[key] = []byte(`{"not": "a list"}`)
		_, err := resumedProvenance(ck, key)
		assert.ErrorContains(t, err, key)
	}
}

// TestFreshRunHasOneCommit checks a run trained by one binary records no commit list (its
// Commit field says it all), even one stopped before its first iteration.
func TestFreshRunHasOneCommit(t *testing.T) {
	assert.Nil(t, provenance(nil).mixed("aaa", true))
	assert.Equal(t, provenance{"aaa"}, provenance(nil).session("aaa", false))
}
