package results

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"

	"gonum.org/v1/gonum/stat"

	"github.com/ssgan/ssgan/metrics"
)

// EngineRow compares one experiment at one length (same data set and labels) as trained by the
// earlier engine (EngineEarlier) and the current one (EngineCounter): what an engine change did
// to its numbers.
type EngineRow struct {
	Dataset, Experiment string
	Labels, Epochs      int
	// Earlier and Current are the final test errors of the finished runs of each engine, ordered
	// by (data seed, model seed); TestSize is their test set's size.
	Earlier, Current []float64
	TestSize         int
	// Welch tests Current against Earlier (mean difference: current minus earlier, in errors).
	Welch *metrics.TTest
	// Paired tests the same difference paired by (model seed, data seed), over the Pairs seed
	// pairs both engines ran, when there are at least two; PairedNote says why not otherwise.
	Paired     *metrics.TTest
	Pairs      int
	PairedNote string
	// Note says why there is no Welch test (fewer than two runs on one side, or no spread).
	Note string
	// EarlierCollapses and CurrentCollapses are each engine's finished runs collapsed onto a
	// class pair (Record.Collapsed); Fisher is the two-sided p of Fisher's exact test of the two
	// counts, nil when some run has no confusion matrix (CollapseNote says how many).
	EarlierCollapses, CurrentCollapses Collapses
	Fisher                             *float64
	CollapseNote                       string
}

// BuildEngineComparison groups recs as BuildTable does and returns a row for every (data set,
// experiment, labels, epochs) with finished runs of both engines, sorted by data set, labels,
// experiment and epochs. It fails when recs mix up runs (see BuildTable) or hold no experiment
// trained by both engines.
func BuildEngineComparison(recs []Record) ([]EngineRow, error) {
	groups, err := groupRecords(recs)
	if err != nil {
		return nil, err
	}
	type key struct {
		dataset, experiment string
		labels, epochs      int
	}
	byEngine := map[key]map[string]*group{}
	for _, g := range groups {
		if len(g.finished) == 0 {
			continue
		}
		k := key{g.dataset, g.experiment, g.labels, g.epochs}
		if byEngine[k] == nil {
			byEngine[k] = map[string]*group{}
		}
		byEngine[k][g.engine] = g
	}
	var rows []EngineRow
	for _, e := range byEngine {
		if early, now := e[EngineEarlier], e[EngineCounter]; early != nil && now != nil {
			rows = append(rows, engineRow(early, now))
		}
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("results: no experiment has finished runs of both engines (%s and %s) at the same length", EngineEarlier, EngineCounter)
	}
	slices.SortFunc(rows, func(a, b EngineRow) int {
		return cmp.Or(cmp.Compare(a.Dataset, b.Dataset), cmp.Compare(a.Labels, b.Labels),
			cmp.Compare(a.Experiment, b.Experiment), cmp.Compare(a.Epochs, b.Epochs))
	})
	return rows, nil
}

// engineRow tests now's final errors against early's.
func engineRow(early, now *group) EngineRow {
	r := EngineRow{Dataset: now.dataset, Experiment: now.experiment, Labels: now.labels, Epochs: now.epochs,
		Earlier: finalErrors(early.finished), Current: finalErrors(now.finished), TestSize: now.finished[0].TestSize}
	if len(r.Current) < 2 || len(r.Earlier) < 2 {
		r.Note = "n < 2"
	} else if t, err := metrics.WelchTTest(r.Current, r.Earlier); err == nil {
		r.Welch = &t
	} else {
		r.Note = "no spread" // the only other failure with finite errors: zero variance
	}
	byPair := map[seedPair]Record{}
	for _, x := range early.finished {
		byPair[seedPair{x.ModelSeed, x.DataSeed}] = x
	}
	var a, b []float64
	for _, x := range now.finished {
		if m, ok := byPair[seedPair{x.ModelSeed, x.DataSeed}]; ok {
			a, b = append(a, float64(x.FinalTestErrors)), append(b, float64(m.FinalTestErrors))
		}
	}
	r.Pairs = len(a)
	if t, err := metrics.PairedTTest(a, b); err == nil {
		r.Paired = &t
	} else if r.Pairs < 2 {
		r.PairedNote = fmt.Sprintf("%d seed pair(s)", r.Pairs)
	} else {
		r.PairedNote = "no spread" // all differences equal
	}
	r.setCollapses(early.finished, now.finished)
	return r
}

// finalErrors returns the final test errors of rs, in their order.
func finalErrors(rs []Record) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = float64(r.FinalTestErrors)
	}
	return out
}

// RenderEngineComparison writes rows to w as text tables without borders ("text") or GitHub
// markdown tables ("markdown"), with footnotes saying what is tested: the final errors, then the
// class-pair collapses (renderCollapses). Any other format is an error.
func RenderEngineComparison(w io.Writer, rows []EngineRow, format string) error {
	if err := checkComparisonFormat(format); err != nil {
		return err
	}
	sep := " "
	if format == FormatText {
		sep = "\n"
	}
	header := []string{"Experiment", "Labels", "Epochs", EngineEarlier + sep + "(errors)",
		EngineCounter + sep + "(errors)", "Δ", "Welch" + sep + "(t, df, p)", "Paired by seed" + sep + "(t, n, p)"}
	var cells [][]string
	for _, r := range rows {
		welch, paired, delta := notAvailable+sep+"("+r.Note+")", notAvailable+sep+"("+r.PairedNote+")", notAvailable
		if r.Welch != nil {
			welch = fmt.Sprintf("t=%.2f, df=%.1f,%sp%s", r.Welch.T, r.Welch.DF, sep, pValue(r.Welch.P))
			delta = fmt.Sprintf("%+.1f", r.Welch.MeanDiff)
		}
		if r.Paired != nil {
			paired = fmt.Sprintf("t=%.2f, n=%d,%sp%s", r.Paired.T, r.Pairs, sep, pValue(r.Paired.P))
		}
		cells = append(cells, []string{r.Experiment, strconv.Itoa(r.Labels), strconv.Itoa(r.Epochs),
			errorsCell(r.Earlier, sep), errorsCell(r.Current, sep), delta, welch, paired})
	}
	title := "The same experiments on the two engines"
	if datasets := distinct(rows, func(r EngineRow) string { return r.Dataset }); len(datasets) == 1 {
		title += " (" + datasets[0] + ")"
	} else { // a data set column
		header = append([]string{"Data set"}, header...)
		for i, r := range rows {
			cells[i] = append([]string{r.Dataset}, cells[i]...)
		}
	}
	of := "of its test set"
	if sizes := distinct(rows, func(r EngineRow) int { return r.TestSize }); len(sizes) == 1 {
		of = "out of " + strconv.Itoa(sizes[0])
	}
	notes := []string{
		"Final test errors " + of + " of the finished runs of each engine (" + EngineEarlier +
			": the engine of the runs published up to 0c49581; " + EngineCounter + ": the one since 3248b9f). Δ: the mean of " +
			EngineCounter + " minus that of " + EngineEarlier + "; " +
			"Welch: two-sided Welch t-test of the two samples; paired: two-sided paired t-test over the (model seed, data seed) pairs both engines ran " +
			"(the same seeds draw the same labeled split under both engines; the noise and rounding differ).",
	}
	if err := renderNotedTable(w, format, title, header, cells, notes, "engine comparison"); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("results: render engine comparison: %w", err)
	}
	return renderCollapses(w, rows, format, sep)
}

// errorsCell formats errors as "127.7 ± 11.6 (n=3)", or the one value and (n=1), with sep
// before the count.
func errorsCell(errs []float64, sep string) string {
	if len(errs) < 2 {
		return fmt.Sprintf("%s%s(n=%d)", meanCell(stat.Mean(errs, nil)), sep, len(errs))
	}
	mean, std := stat.MeanStdDev(errs, nil)
	return fmt.Sprintf("%s%s(n=%d)", meanStd(mean, std, 1), sep, len(errs))
}

// distinct returns the distinct values of key over rows, in their order.
func distinct[T comparable](rows []EngineRow, key func(EngineRow) T) []T {
	var out []T
	for _, r := range rows {
		if k := key(r); !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}
