package results

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Output formats accepted by Render.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatCSV      = "csv"
)

// Formats lists the formats accepted by Render.
var Formats = []string{FormatText, FormatMarkdown, FormatCSV}

// notAvailable marks a cell that cannot be computed.
const notAvailable = "n/a"

// footnotes explain the columns below the text and markdown tables.
var footnotes = []string{
	"Seeds: finished runs, the only ones averaged; diverged and running runs are counted, never averaged.",
	"Errors are those of the model at the end of training, never the best epoch.",
	"Δ: error % minus that of the supervised experiment with the same labels; paired t-test by data seed when the seed pairs match, else Welch; two-sided p.",
}

// Render writes t to w as an aligned text table ("text"), a GitHub markdown
// table ("markdown") or CSV with raw numbers ("csv"). Any other format is
// an error.
func Render(w io.Writer, t *Table, format string) error {
	if t == nil {
		return fmt.Errorf("results: render: nil table")
	}
	return renderAs(format, "",
		func(_ string, opts ...tablewriter.Option) error { return renderTable(w, t, opts...) },
		func() error { return renderCSV(w, t) })
}

// renderAs dispatches on format: table with a heading made of title ("" for none) and, for
// markdown, the markdown renderer; csv for CSV; an error naming the formats otherwise.
func renderAs(format, title string, table func(heading string, opts ...tablewriter.Option) error, csv func() error) error {
	switch format {
	case FormatText:
		if title != "" {
			title += "\n\n"
		}
		return table(title)
	case FormatMarkdown:
		if title != "" {
			title = "### " + title + "\n\n"
		}
		return table(title, tablewriter.WithRenderer(renderer.NewMarkdown()))
	case FormatCSV:
		return csv()
	default:
		return fmt.Errorf("results: unknown table format %q (want %q, %q or %q)", format, FormatText, FormatMarkdown, FormatCSV)
	}
}

// renderTable writes t with tablewriter, then the footnotes as a list.
func renderTable(w io.Writer, t *Table, opts ...tablewriter.Option) error {
	opts = append([]tablewriter.Option{tablewriter.WithHeaderAutoFormat(tw.Off)}, opts...)
	tbl := tablewriter.NewTable(w, opts...)
	tbl.Header("Experiment", "Method", "Labels", "Epochs", "Seeds", "Diverged", "Running",
		"Test error % (mean ± std)", "Errors / 10,000 (mean ± std)", "95% CI of error %",
		"Δ error % vs supervised", "Source")
	for _, r := range t.Rows {
		if err := tbl.Append(textCells(r)); err != nil {
			return fmt.Errorf("results: render: %w", err)
		}
	}
	if err := tbl.Render(); err != nil {
		return fmt.Errorf("results: render: %w", err)
	}
	if _, err := fmt.Fprintln(w); err != nil {
		return fmt.Errorf("results: render: %w", err)
	}
	for _, f := range footnotes {
		if _, err := fmt.Fprintf(w, "- %s\n", f); err != nil {
			return fmt.Errorf("results: render: %w", err)
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
