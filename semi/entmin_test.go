package semi

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestEntMinGradients(t *testing.T) {
	checkLearnerGradients(t, NewEntMin, EntMinParams, nil)
}

// TestEntMinLearns: 300 iterations on 100 labels. Chance is 9,000 errors; the supervised
// baseline is at about 2,300 after 1,200 iterations (ssgan's learn test).
func TestEntMinLearns(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for 300 iterations")
	}
	errs := shortRun(t, NewEntMin, EntMinParams, 300)
	t.Logf("entmin: %d test errors after 300 iterations", errs)
	require.Less(t, errs, 4000)
}
