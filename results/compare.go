package results

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ssgan/ssgan/metrics"
)

// Comparison is the methods-comparison table that BuildComparison makes: one row per
// experiment, length and engine on the baseline's data set and labels, sorted by mean final
// error, each tested against the baseline and the reference experiment.
type Comparison struct {
	Dataset string // data set of the baseline, and so of every row
	Labels  int    // labels of the baseline, and so of every row
	// Baseline and Reference are the experiments the rows are compared with (Reference "" for
	// none).
	Baseline, Reference string
	// Rows are the measured rows, sorted by mean final test errors (rows without a finished run
	// last), then by experiment, epochs and engine.
	Rows []ComparisonRow
	// Published are the published results on the data set and labels (References and
	// ComparisonReferences), sorted by their number; they are never tested. Clear it to leave
	// them out of the rendering.
	Published []Reference
	// LeftOut are the experiments of the records on another data set or number of labels,
	// sorted, each once.
	LeftOut []string
}

// ComparisonRow is one measured row of a Comparison.
type ComparisonRow struct {
	Experiment string
	Method     string
	// Engine is the training engine of the row's runs (Record.EngineName).
	Engine string
	// Epochs is the length of the finished runs, -1 for a row of unfinished runs only.
	Epochs int
	// Finished runs are the only ones summarized; Diverged and Running runs are only counted.
	Finished, Diverged, Running int
	// Errors summarizes the final test errors of the finished runs, scaled to a test set of
	// 10,000 images.
	Errors metrics.Summary
	// Best summarizes the best test errors during training (chosen on the test set, for
	// information only) of the finished runs that recorded one, scaled to 10,000 images.
	Best metrics.Summary
	// VsBaseline and VsReference compare the row with the baseline and the reference.
	VsBaseline, VsReference PairedDelta
}

// PairedDelta is a row's comparison with the baseline or the reference experiment: a paired
// t-test of the final test errors (out of 10,000) over the runs with the same (model seed, data
// seed) in both.
type PairedDelta struct {
	// Against is the experiment compared with, and AgainstEpochs the length of its row that was
	// used (that of the row when there is one, else the longest).
	Against       string
	AgainstEpochs int
	// Pairs is the number of seed pairs found in both rows.
	Pairs int
	// Test is the paired t-test of the row's errors minus Against's, nil when none could be
	// made (Note says why).
	Test *metrics.TTest
	// HolmP is Test's p-value after Holm's correction over the tests of the same column (NaN
	// without a test).
	HolmP float64
	// Note says why there is no test ("" with one); Own is set on the rows of Against itself,
	// which are not compared with themselves.
	Note string
	Own  bool
}

// ExperimentError is BuildComparison's error about its baseline or reference experiment.
type ExperimentError struct {
	Role    string   // "baseline" or "reference"
	Name    string   // the experiment asked for
	Problem string   // what is wrong, a clause: "has no finished run"
	Known   []string // the experiments with finished runs, when it names none of them
	// NoRun is set when the experiment has no finished run among the records.
	NoRun bool
}

// Error implements error.
func (e *ExperimentError) Error() string {
	s := fmt.Sprintf("results: compare: %s %q %s", e.Role, e.Name, e.Problem)
	if len(e.Known) > 0 {
		s += " (experiments with finished runs: " + strings.Join(e.Known, ", ") + ")"
	}
	return s
}

// Roles of the experiments of a Comparison, as ExperimentError names them.
const (
	RoleBaseline  = "baseline"
	RoleReference = "reference"
)

// BuildComparison groups recs as BuildTable does (one row per experiment, engine and length;
// diverged and running runs only counted), keeps the rows on the data set and labels of the
// baseline experiment and compares each with the baseline and with the reference experiment
// ("" for none): a paired t-test of the final test errors by data seed, over the (model seed,
// data seed) pairs found in both rows, against the row of the same engine and length, else the
// longest of that engine. The p-values of each column are corrected together by Holm's
// step-down method. A row of the baseline (the reference) is not compared with the baseline
// (the reference). It fails on records BuildTable refuses, and with an *ExperimentError when the
// baseline or the reference has no finished run, spans two data sets or numbers of labels, or
// the reference is not on the baseline's, or is the baseline.
func BuildComparison(recs []Record, baseline, reference string) (*Comparison, error) {
	groups, err := groupRecords(recs)
	if err != nil {
		return nil, err
	}
	base, err := experimentGroups(groups, RoleBaseline, baseline)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Dataset: base[0].dataset, Labels: base[0].labels, Baseline: baseline, Reference: reference}
	var ref []*group
	if reference != "" {
		if reference == baseline {
			return nil, &ExperimentError{Role: RoleReference, Name: reference, Problem: "is the baseline"}
		}
		if ref, err = experimentGroups(groups, RoleReference, reference); err != nil {
			return nil, err
		}
		if ref[0].dataset != c.Dataset || ref[0].labels != c.Labels {
			return nil, &ExperimentError{Role: RoleReference, Name: reference,
				Problem: fmt.Sprintf("is on %s with %d labels, the baseline %q on %s with %d", ref[0].dataset, ref[0].labels, baseline, c.Dataset, c.Labels)}
		}
	}
	for _, g := range groups {
		if g.dataset != c.Dataset || g.labels != c.Labels {
			if !slices.Contains(c.LeftOut, g.experiment) {
				c.LeftOut = append(c.LeftOut, g.experiment)
			}
			continue
		}
		row := ComparisonRow{
			Experiment: g.experiment, Method: g.method, Engine: g.engine, Epochs: g.epochs,
			Finished: len(g.finished), Diverged: g.diverged, Running: g.running,
			Errors: metrics.Summarize(scale(g.errorPcts(), 100)),
			Best:   metrics.Summarize(bestErrors(g.finished)),
		}
		row.VsBaseline = pairedDelta(g, baseline, base)
		if reference != "" {
			row.VsReference = pairedDelta(g, reference, ref)
		}
		c.Rows = append(c.Rows, row)
	}
	slices.Sort(c.LeftOut)
	holmColumn(c.Rows, func(r *ComparisonRow) *PairedDelta { return &r.VsBaseline })
	holmColumn(c.Rows, func(r *ComparisonRow) *PairedDelta { return &r.VsReference })
	slices.SortStableFunc(c.Rows, func(a, b ComparisonRow) int {
		return cmp.Or(compareMeans(a.Errors.Mean, b.Errors.Mean), cmp.Compare(a.Experiment, b.Experiment),
			cmp.Compare(a.Epochs, b.Epochs), cmp.Compare(a.Engine, b.Engine))
	})
	for _, r := range append(References(), ComparisonReferences()...) {
		if r.Dataset == c.Dataset && r.Labels == c.Labels {
			c.Published = append(c.Published, r)
		}
	}
	slices.SortStableFunc(c.Published, func(a, b Reference) int {
		return cmp.Or(cmp.Compare(a.ErrorPct, b.ErrorPct), cmp.Compare(a.Experiment, b.Experiment))
	})
	return c, nil
}

// IsBestEpoch reports whether the published number is the best test error during training
// rather than the final one: its Source ends with BestEpochMark.
func (r Reference) IsBestEpoch() bool { return strings.HasSuffix(r.Source, BestEpochMark) }

// experimentGroups returns the groups of the experiment with a finished run, in the order of
// groups, or an *ExperimentError when there is none or they are on two data sets or numbers of
// labels.
func experimentGroups(groups []*group, role, name string) ([]*group, error) {
	var out []*group
	var known []string
	for _, g := range groups {
		if len(g.finished) == 0 {
			continue
		}
		if !slices.Contains(known, g.experiment) {
			known = append(known, g.experiment)
		}
		if g.experiment == name {
			out = append(out, g)
		}
	}
	if len(out) == 0 {
		slices.Sort(known)
		return nil, &ExperimentError{Role: role, Name: name, Problem: "has no finished run", Known: known, NoRun: true}
	}
	for _, g := range out[1:] {
		if g.dataset != out[0].dataset || g.labels != out[0].labels {
			return nil, &ExperimentError{Role: role, Name: name, Problem: fmt.Sprintf(
				"has runs on two data sets or numbers of labels (%s with %d, %s with %d)", out[0].dataset, out[0].labels, g.dataset, g.labels)}
		}
	}
	return out, nil
}

// pairedDelta compares g with the experiment name, whose groups with a finished run are against:
// with its group of g's engine and length, else the longest of g's engine, by a paired t-test of
// the final test errors (out of 10,000) over the seed pairs found in both.
func pairedDelta(g *group, name string, against []*group) PairedDelta {
	d := PairedDelta{Against: name, HolmP: math.NaN()}
	if g.experiment == name {
		d.Own, d.Note = true, "itself"
		return d
	}
	var other *group
	for _, o := range against {
		if o.engine != g.engine {
			continue
		}
		if o.epochs == g.epochs {
			other = o
			break
		}
		if other == nil || o.epochs > other.epochs {
			other = o
		}
	}
	if other == nil {
		d.Note = fmt.Sprintf("no run of engine %s", g.engine)
		return d
	}
	d.AgainstEpochs = other.epochs
	if len(g.finished) == 0 {
		d.Note = "no finished run"
		return d
	}
	theirs := map[seedPair]Record{}
	for _, r := range other.finished {
		theirs[seedPair{r.ModelSeed, r.DataSeed}] = r
	}
	var a, b []float64
	for _, r := range g.finished { // sorted by data seed
		if m, ok := theirs[seedPair{r.ModelSeed, r.DataSeed}]; ok {
			a, b = append(a, 100*errorPct(r)), append(b, 100*errorPct(m))
		}
	}
	d.Pairs = len(a)
	if d.Pairs < 2 {
		d.Note = fmt.Sprintf("%d seed pairs in common, a test needs 2", d.Pairs)
		if d.Pairs == 1 {
			d.Note = "1 seed pair in common, a test needs 2"
		}
		return d
	}
	t, err := metrics.PairedTTest(a, b)
	if err != nil {
		d.Note = strings.TrimPrefix(err.Error(), "metrics: ")
		return d
	}
	d.Test = &t
	return d
}

// holmColumn sets the HolmP of the tests that col picks from the rows: Holm's correction of
// their p-values, together.
func holmColumn(rows []ComparisonRow, col func(*ComparisonRow) *PairedDelta) {
	var tested []*PairedDelta
	var ps []float64
	for i := range rows {
		if d := col(&rows[i]); d.Test != nil {
			tested = append(tested, d)
			ps = append(ps, d.Test.P)
		}
	}
	for i, p := range holm(ps) {
		tested[i].HolmP = p
	}
}

// holm returns Holm's step-down adjusted p-values of the m p-values p, in p's order (R's
// p.adjust(p, "holm")): sorted ascending, the i-th smallest (from 1) is multiplied by m-i+1,
// capped at 1, and raised to the largest adjusted value before it, so that the adjusted values
// keep the order of p. Rejecting the hypotheses whose adjusted p is at most α controls the
// family-wise error rate at α. p must hold no NaN.
func holm(p []float64) []float64 {
	m := len(p)
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(p[i], p[j]) })
	out := make([]float64, m)
	running := 0.0
	for rank, i := range order {
		running = max(running, min(1, float64(m-rank)*p[i]))
		out[i] = running
	}
	return out
}

// bestErrors returns the best test errors during training of the runs that recorded one
// (BestTestErrors ≥ 0), scaled to 10,000 test images.
func bestErrors(rs []Record) []float64 {
	var out []float64
	for _, r := range rs {
		if r.BestTestErrors >= 0 {
			out = append(out, 10000*float64(r.BestTestErrors)/float64(r.TestSize))
		}
	}
	return out
}

// compareMeans orders means ascending with NaN (no finished run) last.
func compareMeans(a, b float64) int {
	switch an, bn := math.IsNaN(a), math.IsNaN(b); {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	return cmp.Compare(a, b)
}

// ComparisonFormats lists the formats RenderComparison accepts.
var ComparisonFormats = []string{FormatText, FormatMarkdown}

// RenderComparison writes c to w under a heading, as a text table without borders ("text") or
// a GitHub markdown table ("markdown"): the measured rows, then the published ones marked by
// their Source, then the footnotes. In the text table the Δ cells and headers take two lines.
// Any other format is an error.
func RenderComparison(w io.Writer, c *Comparison, format string) error {
	if c == nil {
		return fmt.Errorf("results: render comparison: nil comparison")
	}
	if err := checkComparisonFormat(format); err != nil {
		return err
	}
	header, rows := comparisonCells(c, format == FormatText)
	title := fmt.Sprintf("Methods on %s with %d labels", c.Dataset, c.Labels)
	return renderNotedTable(w, format, title, header, rows, comparisonNotes(c), "comparison")
}

// checkComparisonFormat refuses a format that is not one of ComparisonFormats.
func checkComparisonFormat(format string) error {
	if !slices.Contains(ComparisonFormats, format) {
		return fmt.Errorf("results: unknown comparison format %q (want one of %s)", format, strings.Join(ComparisonFormats, ", "))
	}
	return nil
}

// renderNotedTable writes a table of cells under a heading made of title with its footnotes, as
// text without borders (two-line cells kept, notes wrapped to DefaultWidth) or as markdown; what
// names the table in an error.
func renderNotedTable(w io.Writer, format, title string, header []string, cells [][]string, notes []string, what string) error {
	return renderAs(format, title, func(s style) error {
		var err error
		if format == FormatText {
			if _, err = io.WriteString(w, s.heading); err == nil {
				err = writeCompact(w, header, cells, wrapNotes(notes, DefaultWidth))
			}
		} else {
			err = writeTable(w, s, header, cells, notes)
		}
		if err != nil {
			return fmt.Errorf("results: render %s: %w", what, err)
		}
		return nil
	}, nil)
}

// comparisonCells returns the header and the cells of c: the measured rows, then the published
// ones. For a text table (text) headers and Δ cells take two lines and a published row's Source
// is "published" (a footnote cites it); for markdown each cell is one line and Source the
// Reference's.
func comparisonCells(c *Comparison, text bool) (header []string, cells [][]string) {
	sep := " "
	if text {
		sep = "\n"
	}
	header = []string{"Experiment", "Method", "Epochs", "Seeds", "Errors" + sep + "(mean ± std)", "Best during" + sep + "training (mean)",
		"Δ vs " + c.Baseline + sep + "(errors, p, Holm p)"}
	if c.Reference != "" {
		header = append(header, "Δ vs "+c.Reference+sep+"(errors, p, Holm p)")
	}
	header = append(header, "Source")
	mark := bothEngines(c.Rows)
	for _, r := range c.Rows {
		name := r.Experiment
		if mark && r.Engine == EngineEarlier {
			name += EarlierMark
		}
		epochs := notAvailable
		if r.Epochs >= 0 {
			epochs = strconv.Itoa(r.Epochs)
		}
		line := []string{name, r.Method, epochs, seedsCell(r), meanStd(r.Errors.Mean, r.Errors.Std, 1), meanCell(r.Best.Mean),
			deltaText(r.VsBaseline, RoleBaseline, r.Epochs, sep)}
		if c.Reference != "" {
			line = append(line, deltaText(r.VsReference, RoleReference, r.Epochs, sep))
		}
		cells = append(cells, append(line, Measured))
	}
	for _, r := range c.Published {
		final, best := meanStd(r.Errors(), r.StdErrors(), 1), notAvailable
		source := r.Source
		if text {
			source = "published"
		}
		if r.IsBestEpoch() {
			final, best = notAvailable, meanCell(r.Errors())
			if text {
				source += " " + BestEpochMark
			}
		}
		line := []string{r.Experiment, r.Method, cmpOr(epochsOf(r.Epochs), notAvailable), "", final, best, ""}
		if c.Reference != "" {
			line = append(line, "")
		}
		cells = append(cells, append(line, source))
	}
	return header, cells
}

// seedsCell is the finished runs of r, with its diverged and running ones: "3", "2 (+1 diverged)".
func seedsCell(r ComparisonRow) string {
	var more []string
	if r.Diverged > 0 {
		more = append(more, fmt.Sprintf("+%d diverged", r.Diverged))
	}
	if r.Running > 0 {
		more = append(more, fmt.Sprintf("+%d running", r.Running))
	}
	s := strconv.Itoa(r.Finished)
	if len(more) > 0 {
		s += " (" + strings.Join(more, ", ") + ")"
	}
	return s
}

// meanCell formats a mean number of errors with one decimal, n/a when NaN.
func meanCell(mean float64) string { return meanStd(mean, math.NaN(), 1) }

// deltaText formats a PairedDelta of a row of the given length: "-2090.0 (p=0.0011, Holm
// p=0.0033, n=3)" on one line (sep " "), or "-2090.0 (n=3)" and "(p=0.0011, Holm p=0.0033)" on
// two (sep "\n"), with "vs N epochs" after n when it was compared with a row of another length;
// the role in parentheses on the rows of the experiment itself; n/a and the reason without a
// test.
func deltaText(d PairedDelta, role string, epochs int, sep string) string {
	switch {
	case d.Own:
		return "(" + role + ")"
	case d.Test == nil:
		return notAvailable + sep + "(" + d.Note + ")"
	}
	n := fmt.Sprintf("n=%d", d.Pairs)
	if d.AgainstEpochs != epochs {
		n += fmt.Sprintf(", vs %d epochs", d.AgainstEpochs)
	}
	p := fmt.Sprintf("p%s, Holm p%s", pValue(d.Test.P), pValue(d.HolmP))
	if sep == " " {
		return fmt.Sprintf("%+.1f (%s, %s)", d.Test.MeanDiff, p, n)
	}
	return fmt.Sprintf("%+.1f (%s)%s(%s)", d.Test.MeanDiff, n, sep, p)
}

// pValue formats a p-value with its relation: "=0.0345", "<0.0001".
func pValue(p float64) string {
	if p < 1e-4 {
		return "<0.0001"
	}
	return fmt.Sprintf("=%.4f", p)
}

// bothEngines reports whether the rows come from more than one training engine.
func bothEngines(rows []ComparisonRow) bool {
	for _, r := range rows[min(1, len(rows)):] {
		if r.Engine != rows[0].Engine {
			return true
		}
	}
	return false
}

// comparisonNotes are the footnotes of c's table.
func comparisonNotes(c *Comparison) []string {
	count := func(col func(ComparisonRow) PairedDelta) int {
		n := 0
		for _, r := range c.Rows {
			if col(r).Test != nil {
				n++
			}
		}
		return n
	}
	holmed := fmt.Sprintf("%d with %s", count(func(r ComparisonRow) PairedDelta { return r.VsBaseline }), c.Baseline)
	if c.Reference != "" {
		holmed += fmt.Sprintf(", %d with %s", count(func(r ComparisonRow) PairedDelta { return r.VsReference }), c.Reference)
	}
	notes := []string{
		"Final-epoch test errors out of 10,000 (mean ± std over the finished runs); best during training for information only " +
			"(each run's lowest over its epochs, chosen on the test set); Δ: errors minus those of the experiment compared with, " +
			"by paired t-tests by data seed over the n runs with the same (model seed, data seed) in both, two-sided p; Holm p: " +
			"Holm's step-down correction over the k comparisons of its column (" + holmed + ").",
		"Δ is against the row of the same length, else the longest, of the same engine; a run of an experiment at another " +
			"length is another row. Seeds: finished runs, the only ones averaged; diverged and running runs are counted, never averaged.",
	}
	if bothEngines(c.Rows) {
		notes = append(notes, EarlierMark+" trained by the earlier engine ("+EngineEarlier+"); the other rows by the current one ("+
			EngineCounter+"). Runs of two engines are never averaged together or paired.")
	}
	if len(c.Published) > 0 {
		var cites, best []string
		names := map[string][]string{}
		for _, r := range c.Published {
			if _, ok := names[r.Citation]; !ok {
				cites = append(cites, r.Citation)
			}
			names[r.Citation] = append(names[r.Citation], r.Experiment)
			if r.IsBestEpoch() {
				best = append(best, fmt.Sprintf("%s's %s", r.Experiment, meanStd(r.Errors(), r.StdErrors(), 1)))
			}
		}
		for i, cite := range cites {
			cites[i] = strings.Join(names[cite], ", ") + ": " + cite
		}
		note := "Published: the papers' numbers, not measured here and never tested: " + strings.Join(cites, "; ") + "."
		if len(best) > 0 {
			note += " The best test error during training, not a final one, so in the Best column: " + strings.Join(best, ", ") + "."
		}
		notes = append(notes, note)
	}
	if len(c.LeftOut) > 0 {
		notes = append(notes, fmt.Sprintf("Left out, on another data set or number of labels than %s (%s, %d labels): %s.",
			c.Baseline, c.Dataset, c.Labels, strings.Join(c.LeftOut, ", ")))
	}
	return notes
}
