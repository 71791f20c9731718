package experiments

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRecentSecondsPerEpoch checks the logged speed: the mean of the last epochs of a cumulative
// history, not of the whole run.
func TestRecentSecondsPerEpoch(t *testing.T) {
	h := func(secs ...float64) []EpochLog {
		var l []EpochLog
		for i, s := range secs {
			l = append(l, EpochLog{Epoch: i + 1, Seconds: s})
		}
		return l
	}
	tests := []struct {
		name    string
		history []EpochLog
		window  int
		want    float64
	}{
		{"empty", nil, 5, 0},
		{"one epoch", h(90), 5, 90},
		{"fewer than the window", h(100, 160, 220), 5, 60},
		{"a slow past does not count", h(100, 200, 300, 360, 420, 480, 540, 600), 5, 60},
		{"window of one", h(100, 200, 260), 1, 60},
		{"resumed run starting past epoch 1", []EpochLog{{Epoch: 75, Seconds: 7500}, {Epoch: 76, Seconds: 7562}}, 5, 62},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, recentSecondsPerEpoch(tc.history, tc.window), 1e-9)
		})
	}
}
