package kernels

import "sync"

// minPart is the fewest values worth a goroutine of their own.
const minPart = 4096

// inParts runs run over [0, n) split into up to parts near-equal blocks whose bounds are
// multiples of 4 (one Philox block each), the first on the calling goroutine and each other on
// a goroutine of its own.
func inParts(n, parts int, run func(lo, hi int)) {
	parts = min(parts, n/minPart)
	if parts < 2 {
		run(0, n)
		return
	}
	var wg sync.WaitGroup
	bound := func(p int) int { return min(n, (p*n/parts+3)&^3) }
	for p := 1; p < parts; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(bound(p), bound(p+1))
		}()
	}
	run(0, bound(1))
	wg.Wait()
}
