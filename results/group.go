package results

import (
	"cmp"
	"fmt"
	"slices"
)

// group is the records of one (experiment, labels) pair.
type group struct {
	experiment, method string
	labels             int
	finished           []Record // sorted by (DataSeed, ModelSeed)
	diverged, running  int
}

// errorPcts returns the final test error in % of each finished run, in the
// order of g.finished.
func (g *group) errorPcts() []float64 {
	out := make([]float64, len(g.finished))
	for i, r := range g.finished {
		out[i] = errorPct(r)
	}
	return out
}

// errorPct returns the final test error of r in % of its test set.
func errorPct(r Record) float64 {
	return 100 * float64(r.FinalTestErrors) / float64(r.TestSize)
}

// seedPair identifies one run within an experiment.
type seedPair struct{ model, data uint64 }

// groupRecords validates recs and groups them by (Experiment, Labels),
// sorted by labels then experiment.
func groupRecords(recs []Record) ([]*group, error) {
	type key struct {
		experiment string
		labels     int
	}
	byKey := map[key]*group{}
	seen := map[key]map[seedPair]bool{}
	var groups []*group
	for _, r := range recs {
		if r.Experiment == "" {
			return nil, fmt.Errorf("results: record with seeds (%d, %d) has no experiment name", r.ModelSeed, r.DataSeed)
		}
		k := key{r.Experiment, r.Labels}
		g := byKey[k]
		if g == nil {
			g = &group{experiment: r.Experiment, method: r.Method, labels: r.Labels}
			byKey[k] = g
			seen[k] = map[seedPair]bool{}
			groups = append(groups, g)
		}
		if r.Method != g.method {
			return nil, fmt.Errorf("results: %s with %d labels mixes methods %q and %q", r.Experiment, r.Labels, g.method, r.Method)
		}
		switch r.Status {
		case StatusFinished:
			if err := checkFinished(r); err != nil {
				return nil, err
			}
			p := seedPair{r.ModelSeed, r.DataSeed}
			if seen[k][p] {
				return nil, fmt.Errorf("results: %s with %d labels has two finished runs with seeds (%d, %d)", r.Experiment, r.Labels, r.ModelSeed, r.DataSeed)
			}
			seen[k][p] = true
			g.finished = append(g.finished, r)
		case StatusDiverged:
			g.diverged++
		case StatusRunning:
			g.running++
		default:
			return nil, fmt.Errorf("results: %s with seeds (%d, %d) has unknown status %q (want %q, %q or %q)", r.Experiment, r.ModelSeed, r.DataSeed, r.Status, StatusFinished, StatusDiverged, StatusRunning)
		}
	}
	for _, g := range groups {
		slices.SortFunc(g.finished, func(a, b Record) int {
			return cmp.Or(cmp.Compare(a.DataSeed, b.DataSeed), cmp.Compare(a.ModelSeed, b.ModelSeed))
		})
	}
	slices.SortFunc(groups, func(a, b *group) int {
		return cmp.Or(cmp.Compare(a.labels, b.labels), cmp.Compare(a.experiment, b.experiment))
	})
	return groups, nil
}
