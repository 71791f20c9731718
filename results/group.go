package results

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
)

// group is the records of one row of the table: one experiment with one number of labels on
// one data set, trained for one number of epochs.
type group struct {
	dataset, experiment, method, engine string
	labels                              int
	// epochs is the length of the finished runs (-1 for a group of unfinished runs only).
	epochs            int
	finished          []Record // sorted by (DataSeed, ModelSeed)
	diverged, running int
}

// errorPcts returns the final test error in % of each finished run, in the order of g.finished.
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

// experimentKey names an experiment on a data set with a number of labels, trained by one
// engine (runs of two engines make two rows).
type experimentKey struct {
	dataset, experiment, engine string
	labels                      int
}

// groupRecords validates recs and groups them into rows: the finished runs by (data set,
// experiment, labels, epochs), so that runs of one experiment at two lengths (two published
// folders) make two rows. A diverged or running run counts in the row of its experiment with the
// fewest epochs at or above its own (the length it was heading for at least), else in the one
// with the most, else in a row of unfinished runs of its own. The same finished run found twice
// (a run directory copied into two folders: same configuration, seeds, length and result) counts
// once; two different finished runs with the same seeds in one row are an error.
func groupRecords(recs []Record) ([]*group, error) {
	type rowKey struct {
		experimentKey
		epochs int
	}
	rows := map[rowKey]*group{}
	method := map[experimentKey]string{}
	seen := map[rowKey]map[seedPair]Record{}
	var pending []Record // diverged and running runs, placed once every finished row is known
	for _, r := range recs {
		if r.Experiment == "" {
			return nil, fmt.Errorf("results: record with seeds (%d, %d) has no experiment name", r.ModelSeed, r.DataSeed)
		}
		ek := experimentKey{r.DatasetName(), r.Experiment, r.EngineName(), r.Labels}
		if m, ok := method[ek]; ok && m != r.Method {
			return nil, fmt.Errorf("results: %s with %d labels mixes methods %q and %q", r.Experiment, r.Labels, m, r.Method)
		}
		method[ek] = r.Method
		switch r.Status {
		case StatusFinished:
			if err := checkFinished(r); err != nil {
				return nil, err
			}
			k := rowKey{ek, r.Epochs}
			g := rows[k]
			if g == nil {
				g = &group{dataset: ek.dataset, experiment: r.Experiment, method: r.Method, engine: ek.engine, labels: r.Labels, epochs: r.Epochs}
				rows[k], seen[k] = g, map[seedPair]Record{}
			}
			p := seedPair{r.ModelSeed, r.DataSeed}
			if old, dup := seen[k][p]; dup {
				if sameRun(old, r) {
					continue
				}
				return nil, fmt.Errorf("results: %s with %d labels has two finished runs with seeds (%d, %d)", r.Experiment, r.Labels, r.ModelSeed, r.DataSeed)
			}
			seen[k][p] = r
			g.finished = append(g.finished, r)
		case StatusDiverged, StatusRunning:
			pending = append(pending, r)
		default:
			return nil, fmt.Errorf("results: %s with seeds (%d, %d) has unknown status %q (want %q, %q or %q)", r.Experiment, r.ModelSeed, r.DataSeed, r.Status, StatusFinished, StatusDiverged, StatusRunning)
		}
	}
	for _, r := range pending {
		ek := experimentKey{r.DatasetName(), r.Experiment, r.EngineName(), r.Labels}
		var lengths []int
		for k := range rows {
			if k.experimentKey == ek && k.epochs >= 0 {
				lengths = append(lengths, k.epochs)
			}
		}
		slices.Sort(lengths)
		epochs := -1
		if n := len(lengths); n > 0 {
			epochs = lengths[n-1]
			if i, _ := slices.BinarySearch(lengths, r.Epochs); i < n {
				epochs = lengths[i]
			}
		}
		k := rowKey{ek, epochs}
		g := rows[k]
		if g == nil {
			g = &group{dataset: ek.dataset, experiment: r.Experiment, method: r.Method, engine: ek.engine, labels: r.Labels, epochs: -1}
			rows[k] = g
		}
		if r.Status == StatusDiverged {
			g.diverged++
		} else {
			g.running++
		}
	}
	groups := slices.Collect(maps.Values(rows))
	for _, g := range groups {
		slices.SortFunc(g.finished, func(a, b Record) int {
			return cmp.Or(cmp.Compare(a.DataSeed, b.DataSeed), cmp.Compare(a.ModelSeed, b.ModelSeed))
		})
	}
	slices.SortFunc(groups, func(a, b *group) int {
		return cmp.Or(cmp.Compare(a.dataset, b.dataset), cmp.Compare(a.labels, b.labels), cmp.Compare(a.method, b.method),
			cmp.Compare(a.experiment, b.experiment), cmp.Compare(a.epochs, b.epochs), cmp.Compare(a.engine, b.engine))
	})
	return groups, nil
}

// sameRun reports whether two finished records are the same run found twice: the same
// configuration, data, seeds, length and result, and the same training (its wall time, commit and
// weights), so that two different runs that happen to end at the same error count are not
// merged into one.
func sameRun(a, b Record) bool {
	return a.ConfigHash == b.ConfigHash && a.Iterations == b.Iterations && a.FinalTestErrors == b.FinalTestErrors &&
		a.TestSize == b.TestSize && maps.Equal(a.DatasetSHA256, b.DatasetSHA256) &&
		a.Seconds == b.Seconds && a.Commit == b.Commit && a.WeightsSHA256 == b.WeightsSHA256
}
