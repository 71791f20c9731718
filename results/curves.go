package results

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
)

// MetricsLogFile is the name of a run's JSON-lines log, one line per classifier epoch (the
// experiments package writes it, as experiments.MetricsFile).
const MetricsLogFile = "metrics.jsonl"

// CurvesTitle is the heading printed above the text and markdown learning-curve tables.
const CurvesTitle = "Test error % per epoch"

// Size in pixels of the PNG that SaveCurvesPlot writes.
const (
	CurvesPlotWidth  = 800
	CurvesPlotHeight = 450
)

// Curve is the learning curve of one classifier run: its test errors after each logged epoch.
type Curve struct {
	// Run is the run's directory relative to the collected directory, with forward slashes
	// (e.g. "mnist-ssgan-100/seed1").
	Run string
	// Epochs are the logged epochs, strictly increasing.
	Epochs []int
	// TestErrors[i] is the number of misclassified test images after Epochs[i].
	TestErrors []int
	// TestSize is the number of test images of every epoch.
	TestSize int
}

// ErrorPct returns the test error in % after Epochs[i].
func (c Curve) ErrorPct(i int) float64 {
	return 100 * float64(c.TestErrors[i]) / float64(c.TestSize)
}

// epochLine is the part of a metrics.jsonl line that CollectCurves reads; TestErrors is nil on
// the lines of GAN runs, which have no test error.
type epochLine struct {
	Epoch      int  `json:"epoch"`
	TestErrors *int `json:"test_errors"`
	TestSize   int  `json:"test_size"`
}

// CollectCurves walks dir recursively and reads the learning curve of every run directory with a
// metrics.jsonl, sorted by Run. Runs in progress (without result.json) are included. Lines
// without a test error are skipped, and so are the runs with none (GAN runs). A torn last line
// (from a crash or a write in progress) is skipped silently; any other malformed line, a test
// size that changes or is not positive, an impossible error count, or an epoch that does not
// increase is an error naming the file and line. A directory with no classifier runs gives an
// empty result, not an error.
func CollectCurves(dir string) ([]Curve, error) {
	all, err := collectFiles(dir, MetricsLogFile, func(path string) (Curve, error) {
		c, err := readCurve(path)
		if err != nil {
			return Curve{}, err
		}
		c.Run, err = runLabel(dir, filepath.Dir(path))
		return c, err
	})
	if err != nil {
		return nil, err
	}
	curves := slices.DeleteFunc(all, func(c Curve) bool { return len(c.Epochs) == 0 })
	if len(curves) == 0 {
		return nil, nil
	}
	slices.SortFunc(curves, func(a, b Curve) int { return cmp.Compare(a.Run, b.Run) })
	return curves, nil
}

// runLabel names the run directory runDir by its path relative to dir, or by its own base name
// when it is dir itself.
func runLabel(dir, runDir string) (string, error) {
	rel, err := filepath.Rel(dir, runDir)
	if err != nil {
		return "", fmt.Errorf("results: collect %s: %w", dir, err)
	}
	if rel == "." {
		abs, err := filepath.Abs(runDir)
		if err != nil {
			return "", fmt.Errorf("results: collect %s: %w", dir, err)
		}
		return filepath.Base(abs), nil
	}
	return filepath.ToSlash(rel), nil
}

// readCurve reads the epochs with a test error from the metrics.jsonl at path (Run is left empty).
func readCurve(path string) (Curve, error) {
	f, err := os.Open(path)
	if err != nil {
		return Curve{}, fmt.Errorf("results: read %s: %w", path, err)
	}
	defer f.Close()
	var c Curve
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	var bad error // a malformed line: an error unless it is the last one
	for n := 1; sc.Scan(); n++ {
		if bad != nil {
			return Curve{}, bad
		}
		var l epochLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			bad = fmt.Errorf("results: %s line %d: %w", path, n, err)
			continue
		}
		if l.TestErrors == nil {
			continue
		}
		switch {
		case l.TestSize <= 0:
			return Curve{}, fmt.Errorf("results: %s line %d: test size %d", path, n, l.TestSize)
		case c.TestSize != 0 && l.TestSize != c.TestSize:
			return Curve{}, fmt.Errorf("results: %s line %d: test size %d, earlier lines %d", path, n, l.TestSize, c.TestSize)
		case *l.TestErrors < 0 || *l.TestErrors > l.TestSize:
			return Curve{}, fmt.Errorf("results: %s line %d: %d test errors out of %d", path, n, *l.TestErrors, l.TestSize)
		case len(c.Epochs) > 0 && l.Epoch <= c.Epochs[len(c.Epochs)-1]:
			return Curve{}, fmt.Errorf("results: %s line %d: epoch %d after epoch %d", path, n, l.Epoch, c.Epochs[len(c.Epochs)-1])
		}
		c.TestSize = l.TestSize
		c.Epochs = append(c.Epochs, l.Epoch)
		c.TestErrors = append(c.TestErrors, *l.TestErrors)
	}
	if err := sc.Err(); err != nil {
		return Curve{}, fmt.Errorf("results: read %s: %w", path, err)
	}
	return c, nil
}

// curveGrid is the table of learning curves: the union of the runs' epochs, ascending, and
// cell[i][j], the error % of run j after epochs[i] (ok false where the run lacks that epoch).
type curveGrid struct {
	epochs []int
	pct    [][]float64
	ok     [][]bool
}

// buildCurveGrid lines the curves up by epoch.
func buildCurveGrid(curves []Curve) curveGrid {
	var g curveGrid
	for _, c := range curves {
		g.epochs = append(g.epochs, c.Epochs...)
	}
	slices.Sort(g.epochs)
	g.epochs = slices.Compact(g.epochs)
	for _, e := range g.epochs {
		pct, ok := make([]float64, len(curves)), make([]bool, len(curves))
		for j, c := range curves {
			if i, found := slices.BinarySearch(c.Epochs, e); found {
				pct[j], ok[j] = c.ErrorPct(i), true
			}
		}
		g.pct, g.ok = append(g.pct, pct), append(g.ok, ok)
	}
	return g
}

// meanColumn is a mean column of the table: the runs of one experiment (the runs sharing the
// folder above their seed folder), when it has two runs or more.
type meanColumn struct {
	name string
	runs []int
}

// meanColumns groups the runs by experiment. The column is "mean" when all runs belong to one
// experiment, else "mean <experiment>": a mean over different experiments would mean nothing.
func meanColumns(curves []Curve) []meanColumn {
	var cols []meanColumn
	at := map[string]int{}
	for j, c := range curves {
		exp := path.Dir(c.Run) // "." for the seed folders of DIR itself: one experiment
		k, seen := at[exp]
		if !seen {
			k = len(cols)
			at[exp] = k
			cols = append(cols, meanColumn{name: exp})
		}
		cols[k].runs = append(cols[k].runs, j)
	}
	out := cols[:0]
	for _, col := range cols {
		if len(col.runs) >= 2 {
			out = append(out, col)
		}
	}
	if len(out) == 0 {
		return nil
	}
	if len(out) == 1 && len(cols) == 1 {
		out[0].name = "mean"
	} else {
		for i := range out {
			out[i].name = "mean " + out[i].name
		}
	}
	return out
}

// mean is the mean error % over the given runs at row i, ok false unless each of them has that
// epoch.
func (g curveGrid) mean(i int, runs []int) (float64, bool) {
	sum := 0.0
	for _, j := range runs {
		if !g.ok[i][j] {
			return 0, false
		}
		sum += g.pct[i][j]
	}
	return sum / float64(len(runs)), true
}

// RenderCurves writes the learning curves to w with one row per epoch and one column per run
// giving its test error %, plus a mean column per experiment with two runs or more: an aligned text
// table ("text") or a GitHub markdown table ("markdown"), each under the CurvesTitle heading and
// followed by a footnote, or CSV with raw numbers ("csv"). A run without the epoch has an empty
// cell, and so has a mean unless each of its runs has it. Any other format is an error.
func RenderCurves(w io.Writer, curves []Curve, format string) error {
	return renderAs(format, CurvesTitle,
		func(s style) error { return renderCurvesTable(w, curves, s) },
		func() error { return renderCurvesCSV(w, curves) })
}

// curveRecords lays the curves out as records: a header (first, the runs, the mean columns) and
// one record per epoch whose cells cell formats from an error % (ok false where missing).
func curveRecords(curves []Curve, first string, cell func(pct float64, ok bool) string) (header []string, rows [][]string) {
	g, means := buildCurveGrid(curves), meanColumns(curves)
	header = []string{first}
	for _, c := range curves {
		header = append(header, c.Run)
	}
	for _, m := range means {
		header = append(header, m.name)
	}
	for i, e := range g.epochs {
		row := []string{strconv.Itoa(e)}
		for j := range curves {
			row = append(row, cell(g.pct[i][j], g.ok[i][j]))
		}
		for _, m := range means {
			row = append(row, cell(g.mean(i, m.runs)))
		}
		rows = append(rows, row)
	}
	return header, rows
}

// renderCurvesTable writes the heading, the table with tablewriter, then the footnote.
func renderCurvesTable(w io.Writer, curves []Curve, s style) error {
	header, rows := curveRecords(curves, "Epoch", pctCell)
	note := "Test error % of each run's model after the epoch; an empty cell: the run has not logged that epoch. A curve's lowest value is picked on the test set: it is not a result (the result is the last epoch's)."
	if len(meanColumns(curves)) > 0 {
		note += " Means over the seeds of one experiment, only at the epochs each of them has logged."
	}
	if err := writeTable(w, s, header, rows, []string{note}); err != nil {
		return fmt.Errorf("results: render curves: %w", err)
	}
	return nil
}

// pctCell formats an error % with 2 decimals, "" when !ok.
func pctCell(pct float64, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.FormatFloat(pct, 'f', 2, 64)
}

// renderCurvesCSV writes the table as CSV: a header "epoch", the runs and the mean columns, then one record per epoch with raw error % (8 significant digits; empty where
// missing).
func renderCurvesCSV(w io.Writer, curves []Curve) error {
	header, rows := curveRecords(curves, "epoch", func(pct float64, ok bool) string {
		if !ok {
			return ""
		}
		return num(pct)
	})
	rows = append([][]string{header}, rows...)
	if err := csv.NewWriter(w).WriteAll(rows); err != nil {
		return fmt.Errorf("results: render curves csv: %w", err)
	}
	return nil
}
