package experiments

import (
	"sync"
	"time"
)

// clockBeat is how often a running clock notes the time, and clockGap the gap between two notes
// taken for a stopped process (SIGSTOP or SIGTSTP, then SIGCONT): a ticker's goroutine is late by
// milliseconds on a loaded core (Go preempts every 10 ms); a gap twelve beats long means the
// process did not run at all, or the machine was too starved (swapping, CPU steal) to train,
// and is not counted either way.
const (
	clockBeat = 250 * time.Millisecond
	clockGap  = 3 * time.Second
)

// activeClock measures the wall time a run trains for, leaving out the spans its process was
// stopped: a training paused with SIGSTOP for a benchmark or another job, and continued hours
// later, records the seconds it trained, not the hours it waited. (Go's monotonic clock runs on
// while a process is stopped.) It is exact to about clockBeat per stop.
type activeClock struct {
	mu      sync.Mutex
	start   time.Time
	last    time.Time     // the latest note
	stopped time.Duration // the gaps beyond a beat between notes
	done    chan struct{}
	once    sync.Once
	halted  bool // after stop: no more notes
	now     func() time.Time
}

// startClock starts a clock at now that notes the time every clockBeat until stop.
func startClock() *activeClock {
	c := newClock(time.Now)
	ticker := time.NewTicker(clockBeat)
	go func() {
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				c.note()
			case <-c.done:
				return
			}
		}
	}()
	return c
}

// newClock returns a clock reading now, which notes the time only when told to (tests).
func newClock(now func() time.Time) *activeClock {
	t := now()
	return &activeClock{start: t, last: t, done: make(chan struct{}), now: now}
}

// note records the time, counting a gap longer than clockGap since the last note as stopped
// time (all of it but one beat).
func (c *activeClock) note() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.halted {
		return
	}
	t := c.now()
	if gap := t.Sub(c.last); gap > clockGap {
		c.stopped += gap - clockBeat
	}
	c.last = t
}

// elapsed returns the running time since the start, less the stopped spans noted so far.
func (c *activeClock) elapsed() time.Duration {
	c.note()
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last.Sub(c.start) - c.stopped
}

// stop takes a last note and freezes the clock: elapsed answers the time until then.
func (c *activeClock) stop() {
	c.once.Do(func() {
		c.note()
		c.mu.Lock()
		c.halted = true
		c.mu.Unlock()
		close(c.done)
	})
}
