package results

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ssgan/ssgan/metrics"
)

// MethodSupervised is the Method of the baseline experiments that the Δ
// column compares against.
const MethodSupervised = "supervised"

// Table is the summary table: one row per (data set, experiment, labels, epochs) group of
// measured records, plus optionally the published reference rows, sorted by data set, labels,
// method, experiment and epochs.
type Table struct {
	Rows []Row
}

// Row is one line of the summary table.
type Row struct {
	// Dataset is the data set of the row's runs ("mnist" for records that name none).
	Dataset string
	// Engine is the training engine of the row's runs (Record.EngineName); "" for a published
	// row. When a table holds runs of both engines, the Experiment of each row of the earlier
	// engine ends in EarlierMark.
	Engine     string
	Experiment string
	Method     string
	Labels     int
	Source     string // "measured" or "published: <authors year>"
	Published  bool   // a Reference row: seeds, CI and Δ are unknown
	// Epochs is the training length of the finished runs ("5", or "5-60" when they differ; a
	// published row's from its source, "" when unknown).
	Epochs   string
	Finished int // finished runs, the only ones averaged
	Diverged int // diverged runs, counted but never averaged
	Running  int // running or partial runs, counted but never averaged
	// ErrorPct summarizes the final test error in % of the test set over the
	// finished runs. For a published row only Mean and Std are set (N is 0
	// and the CI is NaN).
	ErrorPct metrics.Summary
	// Errors is ErrorPct expressed as errors out of 10,000 test images.
	Errors metrics.Summary
	// Delta compares ErrorPct with the supervised experiment on the same
	// labels; nil when it cannot be computed, with the reason in DeltaNote.
	Delta     *Delta
	DeltaNote string
}

// Delta is the difference in final test error % between a row's experiment
// and the supervised experiment with the same number of labels (negative:
// the experiment makes fewer errors).
type Delta struct {
	Baseline string // experiment name of the supervised baseline
	Test     string // "paired" (by data seed) or "welch"
	metrics.TTest
}

// Names of the tests in Delta.Test.
const (
	TestPaired = "paired"
	TestWelch  = "welch"
)

// Measured is the Source of rows built from records.
const Measured = "measured"

// BuildTable groups recs by (data set, experiment, labels, epochs) (see groupRecords) and
// summarizes each group's finished runs; diverged and running runs are only counted. With
// includeReference the published References of the data sets in the table (of all data sets
// when there are no records) are added as rows. It fails on a record with no experiment name, an
// unknown status, a finished record with an impossible test size or error count, an experiment
// mixing methods, or two different finished records of a row with the same seed pair.
func BuildTable(recs []Record, includeReference bool) (*Table, error) {
	groups, err := groupRecords(recs)
	if err != nil {
		return nil, err
	}
	t := &Table{}
	present := map[string]bool{}
	for _, g := range groups {
		present[g.dataset] = true
		row := Row{
			Dataset:    g.dataset,
			Engine:     g.engine,
			Experiment: g.experiment,
			Method:     g.method,
			Labels:     g.labels,
			Source:     Measured,
			Finished:   len(g.finished),
			Diverged:   g.diverged,
			Running:    g.running,
			Epochs:     epochRange(g.finished),
			ErrorPct:   metrics.Summarize(g.errorPcts()),
			Errors:     metrics.Summarize(scale(g.errorPcts(), 100)),
		}
		row.Delta, row.DeltaNote = compareSupervised(g, groups)
		t.Rows = append(t.Rows, row)
	}
	markEngines(t.Rows)
	if includeReference {
		for _, r := range References() {
			if len(present) == 0 || present[r.Dataset] {
				t.Rows = append(t.Rows, referenceRow(r))
			}
		}
	}
	slices.SortStableFunc(t.Rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(a.Dataset, b.Dataset), cmp.Compare(a.Labels, b.Labels), cmp.Compare(a.Method, b.Method),
			cmp.Compare(a.Experiment, b.Experiment), cmp.Compare(epochsNum(a.Epochs), epochsNum(b.Epochs)), cmp.Compare(a.Source, b.Source))
	})
	return t, nil
}

// EarlierMark ends the experiment name of a row trained by the earlier engine in a table that
// also holds runs of the current one (a footnote says so).
const EarlierMark = "*"

// markEngines marks the rows of the earlier engine when the rows come from both, so that rows
// of the same experiment, labels and length trained by the two engines are told apart.
func markEngines(rows []Row) {
	engines := map[string]bool{}
	for _, r := range rows {
		engines[r.Engine] = true
	}
	if len(engines) < 2 {
		return
	}
	for i := range rows {
		if rows[i].Engine == EngineEarlier {
			rows[i].Experiment += EarlierMark
		}
	}
}

// marked reports whether markEngines marked a row.
func marked(rows []Row) bool {
	for _, r := range rows {
		if r.Engine == EngineEarlier && strings.HasSuffix(r.Experiment, EarlierMark) {
			return true
		}
	}
	return false
}

// epochsNum is the number of a row's epochs for sorting: its first number ("5" of "5-60"), -1
// when unknown.
func epochsNum(s string) int {
	lo, _, _ := strings.Cut(s, "-")
	n, err := strconv.Atoi(lo)
	if err != nil {
		return -1
	}
	return n
}

// referenceRow turns a published result into a table row.
func referenceRow(r Reference) Row {
	nan := math.NaN()
	return Row{
		Dataset:    r.Dataset,
		Experiment: r.Experiment,
		Method:     r.Method,
		Labels:     r.Labels,
		Source:     r.Source,
		Published:  true,
		Epochs:     epochsOf(r.Epochs),
		ErrorPct:   metrics.Summary{Mean: r.ErrorPct, Std: r.StdPct, CILow: nan, CIHigh: nan},
		Errors:     metrics.Summary{Mean: r.Errors(), Std: r.StdErrors(), CILow: nan, CIHigh: nan},
		DeltaNote:  "published",
	}
}

// scale returns xs multiplied by k, in a new slice.
func scale(xs []float64, k float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = x * k
	}
	return out
}

// checkFinished fails when a finished record's test size or error count is
// impossible.
func checkFinished(r Record) error {
	if r.TestSize <= 0 {
		return fmt.Errorf("results: %s: finished run with seeds (%d, %d) has test size %d", r.Experiment, r.ModelSeed, r.DataSeed, r.TestSize)
	}
	if r.FinalTestErrors < 0 || r.FinalTestErrors > r.TestSize {
		return fmt.Errorf("results: %s: finished run with seeds (%d, %d) has %d final test errors out of %d", r.Experiment, r.ModelSeed, r.DataSeed, r.FinalTestErrors, r.TestSize)
	}
	return nil
}

// epochRange is the range of the runs' epoch counts: "5", or "5-60" when they differ.
func epochRange(rs []Record) string {
	if len(rs) == 0 {
		return ""
	}
	lo, hi := rs[0].Epochs, rs[0].Epochs
	for _, r := range rs {
		lo, hi = min(lo, r.Epochs), max(hi, r.Epochs)
	}
	if lo == hi {
		return strconv.Itoa(lo)
	}
	return fmt.Sprintf("%d-%d", lo, hi)
}

// epochsOf formats a published epoch count ("" when unknown).
func epochsOf(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
