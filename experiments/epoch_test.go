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

// TestProgressOutput checks the two forms of the within-epoch progress: on a terminal
// (Options.Progress) a bar with the count, the rate and the time left, and the epoch lines in
// the log without plain progress lines; elsewhere plain lines every LogEvery iterations, in the
// format logs have always had.
func TestProgressOutput(t *testing.T) {
	data := tinyMNIST(200, 100)
	t.Run("terminal: a bar", func(t *testing.T) {
		saved := barThrottle
		barThrottle = 0 // draw every update, however fast the run
		defer func() { barThrottle = saved }()
		var log, bar bytes.Buffer
		opt := quiet(t.TempDir())
		opt.Log, opt.Progress, opt.LogEvery = &log, &bar, 2
		_, err := RunTask(context.Background(), tinyTask(t, nil), data, opt)
		require.NoError(t, err)
		assert.Contains(t, bar.String(), "tiny-ssgan seed1 epoch 1/2  loss_lab ")
		assert.Regexp(t, `\(9/10, \d+ iter/(s|min|hr)\) \[\d+s:\d+s\]`, bar.String(), "count, rate, elapsed and time left")
		assert.Contains(t, log.String(), "tiny-ssgan seed1 epoch 2/2  test err ")
		assert.NotContains(t, log.String(), "ms/iter", "no plain progress line beside the bar")
	})
	t.Run("not a terminal: plain lines", func(t *testing.T) {
		var log bytes.Buffer
		opt := quiet(t.TempDir())
		opt.Log, opt.LogEvery = &log, 2
		_, err := RunTask(context.Background(), tinyTask(t, nil), data, opt)
		require.NoError(t, err)
		assert.Regexp(t, `(?m)^tiny-ssgan seed1 epoch 1/2  iter 2/5  loss_lab \d+\.\d{4}  \d+ ms/iter$`, log.String())
		assert.Regexp(t, `(?m)^tiny-ssgan seed1 epoch 1/2  test err [\d.]+ % \(\d+\)  loss_lab `, log.String())
		assert.NotContains(t, log.String(), "\r")
	})
}
