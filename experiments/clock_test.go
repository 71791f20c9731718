package experiments

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestActiveClock checks what the clock counts: beats and short delays are running time, a gap
// only a stopped process explains is not (but for one beat), however many there were.
func TestActiveClock(t *testing.T) {
	tests := []struct {
		name  string
		notes []time.Duration // the times of the notes after the start
		at    time.Duration   // when elapsed is read
		want  time.Duration
	}{
		{"no notes", nil, 2 * time.Second, 2 * time.Second},
		{"regular beats", []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, 750 * time.Millisecond}, time.Second, time.Second},
		{"a late beat under load", []time.Duration{250 * time.Millisecond, 2500 * time.Millisecond}, 2750 * time.Millisecond, 2750 * time.Millisecond},
		{"stopped for an hour", []time.Duration{250 * time.Millisecond, time.Hour + 250*time.Millisecond}, time.Hour + 500*time.Millisecond, 750 * time.Millisecond},
		{"stopped twice", []time.Duration{time.Second, time.Minute, time.Minute + 250*time.Millisecond, 2 * time.Minute}, 2*time.Minute + 250*time.Millisecond,
			2*time.Minute + 250*time.Millisecond - (59*time.Second - clockBeat) - (time.Minute - 250*time.Millisecond - clockBeat)},
		{"stopped before the read", []time.Duration{250 * time.Millisecond}, 10 * time.Minute, 500 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t0 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
			now := t0
			c := newClock(func() time.Time { return now })
			for _, n := range tt.notes {
				now = t0.Add(n)
				c.note()
			}
			now = t0.Add(tt.at)
			assert.Equal(t, tt.want, c.elapsed())
		})
	}
}

// TestActiveClockRuns checks the running clock against the wall clock over a second with no stop.
func TestActiveClockRuns(t *testing.T) {
	c := startClock()
	defer c.stop()
	start := time.Now()
	time.Sleep(time.Second)
	got, wall := c.elapsed(), time.Since(start)
	assert.InDelta(t, wall.Seconds(), got.Seconds(), 0.05)
	c.stop()
	c.stop() // twice is harmless
	frozen := c.elapsed()
	time.Sleep(50 * time.Millisecond)
	assert.Equal(t, frozen, c.elapsed(), "a stopped clock stands still")
}
