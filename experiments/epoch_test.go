package experiments

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEpochLineLosses checks that the epoch line shows the losses the method has: an SSGAN's
// labeled, unlabeled and generator losses, a supervised run's labeled loss only.
func TestEpochLineLosses(t *testing.T) {
	tests := []struct {
		method      string
		contains    []string
		notContains []string
	}{
		{"ssgan", []string{"test err", "loss_lab", "loss_unl", "loss_gen"}, nil},
		{"supervised", []string{"test err", "loss_lab"}, []string{"loss_unl", "loss_gen"}},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			var log bytes.Buffer
			opt := quiet(t.TempDir())
			opt.Log = &log
			task := tinyTask(t, func(s *Spec) { s.Model.Method = tt.method })
			_, err := RunTask(context.Background(), task, loadMNIST(t), opt)
			require.NoError(t, err)
			var epochLine string
			for _, line := range bytes.Split(log.Bytes(), []byte("\n")) {
				if bytes.Contains(line, []byte("  test err ")) { // the epoch line, not the final summary
					epochLine = string(line)
				}
			}
			require.NotEmpty(t, epochLine, "no epoch line in the log:\n%s", log.String())
			for _, s := range tt.contains {
				assert.Contains(t, epochLine, s)
			}
			for _, s := range tt.notContains {
				assert.NotContains(t, epochLine, s)
			}
		})
	}
}
