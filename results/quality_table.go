package results

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/ssgan/ssgan/metrics"
)

// MethodGAN is the Method of the article's GAN runs, which have no test error and are
// summarized by the sample-quality table instead of the classification table.
const MethodGAN = "gan"

// SplitRecords separates the records of classifier runs, which the summary table (BuildTable)
// takes, from those of GAN runs (method "gan"), keeping their order.
func SplitRecords(recs []Record) (classifiers, gans []Record) {
	for _, r := range recs {
		if r.Method == MethodGAN {
			gans = append(gans, r)
		} else {
			classifiers = append(classifiers, r)
		}
	}
	return classifiers, gans
}

// QualityTable is the sample-quality table: one row per experiment summarizing its runs'
// quality.json over seeds, sorted by experiment, then the real-data ceiling.
type QualityTable struct {
	Rows []QualityRow
	// Classifier is the classifier behind every score in the table.
	Classifier QualityClassifier
	// Real is the real-data ceiling (of the first record; the same classifier gives the same).
	Real RealQuality
}

// QualityRow is one line of the sample-quality table.
type QualityRow struct {
	Experiment string
	// Ceiling marks the real-data row: the test set's Inception Score and the distance between
	// training and test images.
	Ceiling bool
	// Seeds is the number of runs summarized (0 for the ceiling).
	Seeds int
	// MinIter and MaxIter bound the training iterations of the runs (0 for the ceiling).
	MinIter, MaxIter int
	// Samples is the number of images scored per run.
	Samples int
	// InceptionScore and FrechetDistance summarize the runs' scores; the ceiling has N = 1.
	InceptionScore, FrechetDistance metrics.Summary
}

// CeilingName is the Experiment of the ceiling row.
const CeilingName = "real test set"

// BuildQualityTable groups quality records by experiment and summarizes their scores. It fails
// on a record with no experiment name, two records of an experiment with the same seed pair, or
// records scored by different classifiers (their numbers are not comparable). No records give
// nil.
func BuildQualityTable(recs []QualityRecord) (*QualityTable, error) {
	if len(recs) == 0 {
		return nil, nil
	}
	t := &QualityTable{Classifier: recs[0].Classifier, Real: recs[0].Real}
	byExp := map[string][]QualityRecord{}
	seen := map[string]map[seedPair]bool{}
	for _, q := range recs {
		switch {
		case q.Experiment == "":
			return nil, fmt.Errorf("results: quality record with seeds (%d, %d) has no experiment name", q.ModelSeed, q.DataSeed)
		case q.Classifier.Hash != t.Classifier.Hash:
			return nil, fmt.Errorf("results: quality records scored by different classifiers (%s: %s, %s: %s); compare runs scored by one classifier",
				recs[0].Experiment, t.Classifier.Hash, q.Experiment, q.Classifier.Hash)
		}
		p := seedPair{q.ModelSeed, q.DataSeed}
		if seen[q.Experiment] == nil {
			seen[q.Experiment] = map[seedPair]bool{}
		}
		if seen[q.Experiment][p] {
			return nil, fmt.Errorf("results: %s has two quality records with seeds (%d, %d)", q.Experiment, q.ModelSeed, q.DataSeed)
		}
		seen[q.Experiment][p] = true
		byExp[q.Experiment] = append(byExp[q.Experiment], q)
	}
	for exp, qs := range byExp {
		row := QualityRow{Experiment: exp, Seeds: len(qs), MinIter: qs[0].Iterations, MaxIter: qs[0].Iterations, Samples: qs[0].Samples}
		var is, fd []float64
		for _, q := range qs {
			row.MinIter, row.MaxIter = min(row.MinIter, q.Iterations), max(row.MaxIter, q.Iterations)
			row.Samples = min(row.Samples, q.Samples)
			is, fd = append(is, q.InceptionScore), append(fd, q.FrechetDistance)
		}
		row.InceptionScore, row.FrechetDistance = metrics.Summarize(is), metrics.Summarize(fd)
		t.Rows = append(t.Rows, row)
	}
	slices.SortFunc(t.Rows, func(a, b QualityRow) int { return cmp.Compare(a.Experiment, b.Experiment) })
	real := t.Real
	t.Rows = append(t.Rows, QualityRow{Experiment: CeilingName, Ceiling: true, Samples: real.TestImages,
		InceptionScore:  metrics.Summarize([]float64{real.TestInceptionScore}),
		FrechetDistance: metrics.Summarize([]float64{real.TrainTestFrechetDistance})})
	return t, nil
}
