package results

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Output formats accepted by Render.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatLaTeX    = "latex"
	FormatCSV      = "csv"
)

// Formats lists the formats accepted by Render.
var Formats = []string{FormatText, FormatMarkdown, FormatLaTeX, FormatCSV}

// notAvailable marks a cell that cannot be computed.
const notAvailable = "n/a"

// footnotes explain the columns below the text and markdown tables.
var footnotes = []string{
	"Seeds: finished runs, the only ones averaged; diverged and running runs are counted, never averaged.",
	"Errors are those of the model at the end of training, never the best epoch.",
	"Δ: error % minus that of the supervised experiment with the same labels; paired t-test by data seed when the seed pairs match, else Welch; two-sided p.",
}

// Render writes t to w as an aligned text table ("text"), a GitHub markdown table ("markdown"),
// a LaTeX booktabs tabular ("latex") or CSV with raw numbers ("csv"). Any other format is an
// error.
func Render(w io.Writer, t *Table, format string) error {
	if t == nil {
		return fmt.Errorf("results: render: nil table")
	}
	return renderAs(format, "",
		func(s style) error {
			rows := make([][]string, len(t.Rows))
			for i, r := range t.Rows {
				rows[i] = textCells(r)
			}
			if err := writeTable(w, s, tableHeader, rows, footnotes); err != nil {
				return fmt.Errorf("results: render: %w", err)
			}
			return nil
		},
		func() error { return renderCSV(w, t) })
}

// tableHeader names the columns of the results table.
var tableHeader = []string{"Experiment", "Method", "Labels", "Epochs", "Seeds", "Diverged", "Running",
	"Test error % (mean ± std)", "Errors / 10,000 (mean ± std)", "95% CI of error %",
	"Δ error % vs supervised", "Source"}

// style is how a table format lays a table out: the heading before it, the tablewriter renderer,
// and the prefix of each footnote line after it.
type style struct {
	heading string
	opts    []tablewriter.Option
	note    string
}

// renderAs dispatches on format: table in the style of the format, with a heading made of title
// ("" for none); csv for CSV; an error naming the formats otherwise.
func renderAs(format, title string, table func(style) error, csv func() error) error {
	heading := func(prefix, suffix string) string {
		if title == "" {
			return ""
		}
		return prefix + title + suffix
	}
	switch format {
	case FormatText:
		return table(style{heading: heading("", "\n\n"), note: "- "})
	case FormatMarkdown:
		return table(style{heading: heading("### ", "\n\n"), note: "- ",
			opts: []tablewriter.Option{tablewriter.WithRenderer(renderer.NewMarkdown())}})
	case FormatLaTeX:
		// The notes become comments: the table's caption is the author's to write.
		return table(style{heading: heading("% ", "\n"), note: "% ",
			opts: []tablewriter.Option{tablewriter.WithRenderer(&latexRenderer{})}})
	case FormatCSV:
		return csv()
	default:
		return fmt.Errorf("results: unknown table format %q (want one of %s)", format, strings.Join(Formats, ", "))
	}
}

// writeTable writes the style's heading, the table of header and rows with tablewriter, then the
// notes, each on a line of its own after a blank line.
func writeTable(w io.Writer, s style, header []string, rows [][]string, notes []string) error {
	if _, err := io.WriteString(w, s.heading); err != nil {
		return err
	}
	tbl := tablewriter.NewTable(w, append([]tablewriter.Option{tablewriter.WithHeaderAutoFormat(tw.Off)}, s.opts...)...)
	tbl.Header(header)
	if err := tbl.Bulk(rows); err != nil {
		return err
	}
	if err := tbl.Render(); err != nil {
		return err
	}
	if len(notes) == 0 {
		return nil
	}
	if _, err := fmt.Fprintln(w); err != nil {
		return err
	}
	for _, n := range notes {
		if _, err := fmt.Fprintf(w, "%s%s\n", s.note, n); err != nil {
			return err
		}
	}
	return nil
}

// textCells formats r for the text and markdown tables.
func textCells(r Row) []string {
	count := func(n int) string {
		if r.Published {
			return notAvailable
		}
		return strconv.Itoa(n)
	}
	return []string{
		r.Experiment,
		r.Method,
		strconv.Itoa(r.Labels),
		cmpOr(r.Epochs, notAvailable),
		count(r.Finished),
		count(r.Diverged),
		count(r.Running),
		meanStd(r.ErrorPct.Mean, r.ErrorPct.Std, 2),
		meanStd(r.Errors.Mean, r.Errors.Std, 1),
		interval(r.ErrorPct.CILow, r.ErrorPct.CIHigh),
		deltaCell(r.Delta),
		r.Source,
	}
}

// meanStd formats "mean ± std" with prec decimals, only the mean when std is
// NaN, and n/a when the mean is NaN.
func meanStd(mean, std float64, prec int) string {
	switch {
	case math.IsNaN(mean):
		return notAvailable
	case math.IsNaN(std):
		return strconv.FormatFloat(mean, 'f', prec, 64)
	}
	return fmt.Sprintf("%.*f ± %.*f", prec, mean, prec, std)
}

// interval formats a confidence interval, n/a when undefined.
func interval(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return notAvailable
	}
	return fmt.Sprintf("[%.2f, %.2f]", lo, hi)
}

// deltaCell formats a Delta as "+0.12 (welch, p=0.0345)", n/a when nil.
func deltaCell(d *Delta) string {
	if d == nil {
		return notAvailable
	}
	p := fmt.Sprintf("p=%.4f", d.P)
	if d.P < 1e-4 {
		p = "p<0.0001"
	}
	return fmt.Sprintf("%+.2f (%s, %s)", d.MeanDiff, d.Test, p)
}

// cmpOr returns s, or alt when s is empty.
func cmpOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
