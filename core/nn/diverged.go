package nn

import "fmt"

// DivergedError reports a loss or parameter that became NaN or infinite: the one error every
// method and the trainer return for a diverged run, which the run lifecycle records as status
// diverged (keeping the last good checkpoint).
type DivergedError struct {
	// Iter is the iteration (counted from 1) in which it happened; 0 when the method does not
	// know it (the trainer's check, which knows it, runs after the method's).
	Iter int
	// What names the quantity ("D loss", "g_loss", a metric's name).
	What string
	// Value is the non-finite value.
	Value float64
}

func (e *DivergedError) Error() string {
	if e.Iter > 0 {
		return fmt.Sprintf("diverged at iteration %d: %s is %v", e.Iter, e.What, e.Value)
	}
	return fmt.Sprintf("diverged: %s is %v", e.What, e.Value)
}
