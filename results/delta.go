package results

import (
	"fmt"

	"github.com/ssgan/ssgan/metrics"
)

// compareSupervised tests g's final error % against the supervised row of the same data set,
// labels and engine: the one of g's length when there is one, else the longest one (a baseline is
// trained for its own length, often shorter). The test is paired by data seed when every
// finished run of g has a finished supervised run with the same (model seed, data seed) pair,
// each data seed appears once in both, and there are at least two pairs; otherwise it is
// Welch's. It returns nil and the reason when no comparison can be made, among others when two
// supervised experiments qualify.
func compareSupervised(g *group, groups []*group) (*Delta, string) {
	if g.method == MethodSupervised {
		return nil, "supervised baseline"
	}
	var same, all []*group
	for _, o := range groups {
		if o.method != MethodSupervised || o.labels != g.labels || o.dataset != g.dataset || o.engine != g.engine || len(o.finished) == 0 {
			continue
		}
		all = append(all, o)
		if o.epochs == g.epochs {
			same = append(same, o)
		}
	}
	candidates := same
	if len(candidates) == 0 {
		for _, o := range all {
			if len(candidates) > 0 && o.epochs > candidates[0].epochs {
				candidates = candidates[:0]
			}
			if len(candidates) == 0 || o.epochs == candidates[0].epochs {
				candidates = append(candidates, o)
			}
		}
	}
	switch len(candidates) {
	case 0:
		return nil, fmt.Sprintf("no supervised experiment with %d labels", g.labels)
	case 1:
	default:
		return nil, fmt.Sprintf("%d supervised experiments with %d labels", len(candidates), g.labels)
	}
	base := candidates[0]
	if a, b, ok := pairByDataSeed(g, base); ok {
		t, err := metrics.PairedTTest(a, b)
		if err != nil {
			return nil, err.Error()
		}
		return &Delta{Baseline: base.experiment, Test: TestPaired, TTest: t}, ""
	}
	t, err := metrics.WelchTTest(g.errorPcts(), base.errorPcts())
	if err != nil {
		return nil, err.Error()
	}
	return &Delta{Baseline: base.experiment, Test: TestWelch, TTest: t}, ""
}

// pairByDataSeed returns the error % of g's finished runs and of the
// matching base runs, paired by data seed, when the pairing rule of
// compareSupervised holds.
func pairByDataSeed(g, base *group) (a, b []float64, ok bool) {
	if len(g.finished) < 2 || !uniqueDataSeeds(g) || !uniqueDataSeeds(base) {
		return nil, nil, false
	}
	byData := map[uint64]Record{}
	for _, r := range base.finished {
		byData[r.DataSeed] = r
	}
	for _, r := range g.finished {
		m, found := byData[r.DataSeed]
		if !found || m.ModelSeed != r.ModelSeed {
			return nil, nil, false
		}
		a = append(a, errorPct(r))
		b = append(b, errorPct(m))
	}
	return a, b, true
}

// uniqueDataSeeds reports whether no two finished runs of g share a data seed.
func uniqueDataSeeds(g *group) bool {
	seen := map[uint64]bool{}
	for _, r := range g.finished {
		if seen[r.DataSeed] {
			return false
		}
		seen[r.DataSeed] = true
	}
	return true
}
