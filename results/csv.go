package results

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
)

// csvHeader names the columns of the CSV format. Numbers are raw (8
// significant digits); an empty cell is a value that is unknown or cannot be
// computed.
var csvHeader = []string{
	"dataset", "experiment", "method", "labels", "epochs", "source", "seeds", "diverged", "running",
	"error_pct_mean", "error_pct_std", "errors_per_10000_mean", "errors_per_10000_std",
	"error_pct_ci95_low", "error_pct_ci95_high",
	"delta_baseline", "delta_test", "delta_error_pct", "delta_t", "delta_df", "delta_p",
	"delta_ci95_low", "delta_ci95_high", "delta_note",
}

// renderCSV writes t as CSV, one column per number.
func renderCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("results: render csv: %w", err)
	}
	for _, r := range t.Rows {
		if err := cw.Write(csvCells(r)); err != nil {
			return fmt.Errorf("results: render csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("results: render csv: %w", err)
	}
	return nil
}

// csvCells returns the CSV record of r, in the order of csvHeader.
func csvCells(r Row) []string {
	count := func(n int) string {
		if r.Published {
			return ""
		}
		return strconv.Itoa(n)
	}
	cells := []string{
		r.Dataset, r.Experiment, r.Method, strconv.Itoa(r.Labels), r.Epochs, r.Source,
		count(r.Finished), count(r.Diverged), count(r.Running),
		num(r.ErrorPct.Mean), num(r.ErrorPct.Std), num(r.Errors.Mean), num(r.Errors.Std),
		num(r.ErrorPct.CILow), num(r.ErrorPct.CIHigh),
	}
	if d := r.Delta; d != nil {
		return append(cells, d.Baseline, d.Test, num(d.MeanDiff), num(d.T), num(d.DF), num(d.P), num(d.CILow), num(d.CIHigh), "")
	}
	return append(cells, "", "", "", "", "", "", "", "", r.DeltaNote)
}

// num formats x with 8 significant digits, or "" when x is NaN or infinite.
func num(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', 8, 64)
}
