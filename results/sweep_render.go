package results

import (
	"fmt"
	"io"
	"strconv"
)

// sweepNotes explain the columns of a sweep table.
var sweepNotes = []string{
	"One row per point of the sweep: the swept fields' values, then the point's row of the results table (its experiment is the sweep's name followed by +field-value for each field).",
}

// RenderSweeps writes each sweep table to w after a blank line, titled "Sweep NAME", in the text,
// markdown or latex format; the csv format writes nothing (its results table already names each
// point's experiment, which carries the values). Any other format is an error.
func RenderSweeps(w io.Writer, tables []SweepTable, format string) error {
	for _, t := range tables {
		header := append(append([]string{}, t.Fields...), "Labels", "Epochs", "Seeds", "Diverged", "Running",
			"Test error % (mean ± std)", "Errors / 10,000 (mean ± std)", "95% CI of error %", "Δ error % vs supervised")
		rows := make([][]string, len(t.Rows))
		for i, r := range t.Rows {
			rows[i] = append(append([]string{}, r.Values...),
				strconv.Itoa(r.Labels), cmpOr(r.Epochs, notAvailable),
				strconv.Itoa(r.Finished), strconv.Itoa(r.Diverged), strconv.Itoa(r.Running),
				meanStd(r.ErrorPct.Mean, r.ErrorPct.Std, 2), meanStd(r.Errors.Mean, r.Errors.Std, 1),
				interval(r.ErrorPct.CILow, r.ErrorPct.CIHigh), deltaCell(r.Delta))
		}
		err := renderAs(format, "Sweep "+t.Name,
			func(s style) error {
				if _, err := fmt.Fprintln(w); err != nil {
					return err
				}
				return writeTable(w, s, header, rows, sweepNotes)
			},
			func() error { return nil })
		if err != nil {
			return fmt.Errorf("results: render sweep %s: %w", t.Name, err)
		}
	}
	return nil
}
