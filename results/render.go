package results

import (
	"fmt"
	"io"
	"math"
	"slices"
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

// DefaultWidth is the widest a text table may be by default: a 120-column terminal.
const DefaultWidth = 120

// RenderOptions change how Render lays out the results table.
type RenderOptions struct {
	// Wide shows every column. By default the columns that carry nothing (every cell n/a or 0,
	// such as Diverged and Running when no run diverged or is running) are left out, and a text
	// table wider than Width is narrowed by fitSteps while it is too wide; a footnote names what
	// was left out.
	Wide bool
	// Width is the widest a default text table may be, in columns (0: DefaultWidth).
	Width int
}

// Render writes t to w as Render with default options: a text table that fits DefaultWidth.
func Render(w io.Writer, t *Table, format string) error {
	return RenderWith(w, t, format, RenderOptions{})
}

// RenderWith writes t to w as an aligned text table ("text"), a GitHub markdown table
// ("markdown"), a LaTeX booktabs tabular ("latex") or CSV with raw numbers and every column
// ("csv"), with the columns opt chooses. Any other format is an error.
func RenderWith(w io.Writer, t *Table, format string, opt RenderOptions) error {
	if t == nil {
		return fmt.Errorf("results: render: nil table")
	}
	if opt.Width <= 0 {
		opt.Width = DefaultWidth
	}
	return renderAs(format, "",
		func(s style) error {
			text := format == FormatText
			cols, left := chooseColumns(t.Rows, opt, text)
			header, rows := layout(t.Rows, cols, text)
			notes := tableNotes(t.Rows, cols, left, opt.Width)
			var err error
			if text {
				err = writeCompact(w, header, rows, wrapNotes(notes, opt.Width))
			} else {
				err = writeTable(w, s, header, rows, notes)
			}
			if err != nil {
				return fmt.Errorf("results: render: %w", err)
			}
			return nil
		},
		func() error { return renderCSV(w, t) })
}

// column is one column of the results table.
type column struct {
	// short is the text table's header; long that of the markdown and LaTeX tables.
	short, long string
	cell        func(Row) string
	// blank reports a cell that carries nothing; a column whose every cell is blank is left out
	// by default (nil: never).
	blank func(Row) bool
	// breakAt is where a cell may break into two lines: its space becomes the line break ("":
	// never); wrapped says the cells do break there (a text table too wide).
	breakAt string
	wrapped bool
}

// text returns the column's cell of r, broken into two lines when the column is wrapped.
func (c column) text(r Row) string {
	s := c.cell(r)
	i, sp := strings.Index(s, c.breakAt), strings.IndexByte(c.breakAt, ' ')
	if !c.wrapped || c.breakAt == "" || i < 0 || sp < 0 {
		return s
	}
	return s[:i+sp] + "\n" + s[i+sp+1:]
}

// fitStep is one way to narrow a text table too wide, tried in order while it is too wide: leave
// a column out (when it holds one value on every row only, if constant), or wrap its cells.
type fitStep struct {
	column         string // the column's short header
	constant, wrap bool
}

// fitSteps narrow a text table: Source (the reference rows' names say it; a footnote cites
// them), Errors / 10,000 (error % × 100) and Method (the experiments' names say it) go, then the
// Dataset column when one data set is every row's (a footnote names it), then the Δ and CI cells
// break into two lines.
var fitSteps = []fitStep{
	{column: "Source"}, {column: "Errors / 10,000"}, {column: "Method"}, {column: "Dataset", constant: true},
	{column: "Δ vs supervised", wrap: true}, {column: "95% CI", wrap: true},
}

// tableColumns are the columns of the results table, in order.
var tableColumns = []column{
	{short: "Dataset", long: "Dataset", cell: func(r Row) string { return r.Dataset }},
	{short: "Experiment", long: "Experiment", cell: func(r Row) string { return r.Experiment }},
	{short: "Method", long: "Method", cell: func(r Row) string { return r.Method }},
	{short: "Labels", long: "Labels", cell: func(r Row) string { return strconv.Itoa(r.Labels) }},
	{short: "Epochs", long: "Epochs", cell: func(r Row) string { return cmpOr(r.Epochs, notAvailable) },
		blank: func(r Row) bool { return r.Epochs == "" }},
	{short: "Seeds", long: "Seeds", cell: func(r Row) string { return count(r, r.Finished) },
		blank: func(r Row) bool { return r.Published }},
	{short: "Diverged", long: "Diverged", cell: func(r Row) string { return count(r, r.Diverged) },
		blank: func(r Row) bool { return r.Published || r.Diverged == 0 }},
	{short: "Running", long: "Running", cell: func(r Row) string { return count(r, r.Running) },
		blank: func(r Row) bool { return r.Published || r.Running == 0 }},
	{short: "Error %", long: "Test error % (mean ± std)", cell: func(r Row) string { return meanStd(r.ErrorPct.Mean, r.ErrorPct.Std, 2) }},
	{short: "Errors / 10,000", long: "Errors / 10,000 (mean ± std)", cell: func(r Row) string { return meanStd(r.Errors.Mean, r.Errors.Std, 1) }},
	{short: "95% CI", long: "95% CI of error %", cell: func(r Row) string { return interval(r.ErrorPct.CILow, r.ErrorPct.CIHigh) },
		blank: func(r Row) bool { return !r.ErrorPct.HasCI() }, breakAt: ", "},
	{short: "Δ vs supervised", long: "Δ error % vs supervised", cell: func(r Row) string { return deltaCell(r.Delta) },
		blank: func(r Row) bool { return r.Delta == nil }, breakAt: " ("},
	{short: "Source", long: "Source", cell: func(r Row) string { return r.Source }},
}

// count formats a run count, n/a for a published row.
func count(r Row, n int) string {
	if r.Published {
		return notAvailable
	}
	return strconv.Itoa(n)
}

// chooseColumns returns the columns to show and, for a text table, the notes on what fitSteps
// left out.
func chooseColumns(rows []Row, opt RenderOptions, text bool) (cols []column, left []string) {
	if opt.Wide {
		return tableColumns, nil
	}
	for _, c := range tableColumns {
		if c.blank == nil || !allBlank(rows, c.blank) {
			cols = append(cols, c)
		}
	}
	if !text {
		return cols, nil
	}
	var dropped []string
	for _, step := range fitSteps {
		if tableWidth(rows, cols) <= opt.Width {
			break
		}
		i := indexFunc(cols, func(c column) bool { return c.short == step.column })
		switch {
		case i < 0:
		case step.wrap:
			cols[i].wrapped = true
		case step.constant:
			if v, one := constant(rows, cols[i]); one {
				left = append(left, fmt.Sprintf("every row's %s is %s", cols[i].short, v))
				cols = append(cols[:i:i], cols[i+1:]...)
			}
		default:
			dropped = append(dropped, cols[i].short)
			cols = append(cols[:i:i], cols[i+1:]...)
		}
	}
	if len(dropped) > 0 {
		left = append([]string{strings.Join(dropped, ", ")}, left...)
	}
	return cols, left // a table still too wide has nothing more it may leave out
}

// constant returns the column's value when every row has the same one.
func constant(rows []Row, c column) (string, bool) {
	if len(rows) == 0 {
		return "", false
	}
	v := c.cell(rows[0])
	for _, r := range rows[1:] {
		if c.cell(r) != v {
			return "", false
		}
	}
	return v, true
}

// allBlank reports whether blank holds for every row.
func allBlank(rows []Row, blank func(Row) bool) bool {
	for _, r := range rows {
		if !blank(r) {
			return false
		}
	}
	return true
}

// indexFunc returns the index of the first column f holds for, -1 if none.
func indexFunc(cols []column, f func(column) bool) int {
	for i, c := range cols {
		if f(c) {
			return i
		}
	}
	return -1
}

// layout returns the header and the cells of the rows for the columns.
func layout(rows []Row, cols []column, text bool) (header []string, cells [][]string) {
	for _, c := range cols {
		if text {
			header = append(header, c.short)
		} else {
			header = append(header, c.long)
		}
	}
	for _, r := range rows {
		line := make([]string, len(cols))
		for j, c := range cols {
			line[j] = c.text(r)
		}
		cells = append(cells, line)
	}
	return header, cells
}

// compactGap is the space between two columns of a text table.
const compactGap = 2

// tableWidth is the width of the text table of the rows in the columns: each column as wide as
// its widest cell or header, with compactGap between columns.
func tableWidth(rows []Row, cols []column) int {
	header, cells := layout(rows, cols, true)
	width := compactGap * max(len(cols)-1, 0)
	for j := range cols {
		w := displayWidth(header[j])
		for _, line := range cells {
			for _, l := range strings.Split(line[j], "\n") {
				w = max(w, displayWidth(l))
			}
		}
		width += w
	}
	return width
}

// displayWidth is the width of s on a terminal: one column per character (the table holds no
// double-width ones).
func displayWidth(s string) int { return len([]rune(s)) }

// tableNotes are the footnotes of the table: those of its columns, and what was left out.
func tableNotes(rows []Row, cols []column, left []string, width int) []string {
	has := map[string]bool{}
	for _, c := range cols {
		has[c.short] = true
	}
	var notes []string
	if has["Seeds"] {
		notes = append(notes, "Seeds: finished runs, the only ones averaged; diverged and running runs are counted, never averaged.")
	}
	notes = append(notes, "Errors are those of the model at the end of training, never the best epoch; a run of an experiment at another length is another row.")
	if marked(rows) {
		notes = append(notes, EarlierMark+" trained by the earlier engine ("+EngineEarlier+": a sequential PCG noise stream, float64-exact kernels; the runs published up to 0c49581); the other rows by the current one ("+EngineCounter+"). Runs of two engines are never averaged together.")
	}
	if has["Δ vs supervised"] {
		notes = append(notes, "Δ: error % minus that of the supervised experiment with the same data set and labels (of the same length, else the longest); paired t-test by data seed when the seed pairs match, else Welch; two-sided p.")
	}
	if !has["Source"] {
		if cites := citations(rows); cites != "" {
			notes = append(notes, "Published numbers, not measured here: "+cites+".")
		}
	}
	if len(left) > 0 {
		notes = append(notes, fmt.Sprintf("Left out to fit %d columns: %s (--wide shows every column).", width, strings.Join(left, "; ")))
	}
	return notes
}

// citations lists the sources of the table's published rows, each once with its rows' names,
// in order: "salimans2016-ssgan: Salimans et al. 2016; rasmus2015-ladder, ...: Rasmus et al. 2015".
func citations(rows []Row) string {
	var sources []string
	names := map[string][]string{}
	for _, r := range rows {
		if !r.Published {
			continue
		}
		src := strings.TrimPrefix(r.Source, "published: ")
		if _, ok := names[src]; !ok {
			sources = append(sources, src)
		}
		if !slices.Contains(names[src], r.Experiment) {
			names[src] = append(names[src], r.Experiment)
		}
	}
	out := make([]string, len(sources))
	for i, src := range sources {
		out[i] = strings.Join(names[src], ", ") + ": " + src
	}
	return strings.Join(out, "; ")
}

// wrapNotes turns each note into lines of at most width columns: "- " and the first words, then
// the next words indented by two spaces (a word longer than a line stays whole).
func wrapNotes(notes []string, width int) []string {
	var out []string
	for _, n := range notes {
		line := "-"
		for _, word := range strings.Fields(n) {
			if line != "-" && line != " " && displayWidth(line)+1+displayWidth(word) > width {
				out = append(out, line)
				line = " "
			}
			line += " " + word
		}
		out = append(out, line)
	}
	return out
}

// writeCompact writes a text table without borders: columns separated by compactGap spaces, the
// header underlined, then the note lines (already prefixed) after a blank line. Lines carry no
// trailing spaces.
func writeCompact(w io.Writer, header []string, rows [][]string, notes []string) error {
	var b strings.Builder
	tbl := tablewriter.NewTable(&b,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithPadding(tw.Padding{Right: strings.Repeat(" ", compactGap), Overwrite: true}),
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleLight),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenColumns: tw.Off, BetweenRows: tw.Off},
				Lines:      tw.Lines{ShowHeaderLine: tw.On},
			},
		})))
	tbl.Header(header)
	if err := tbl.Bulk(rows); err != nil {
		return err
	}
	if err := tbl.Render(); err != nil {
		return err
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	width := 0
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
		if strings.Trim(lines[i], "─") != "" {
			width = max(width, displayWidth(lines[i]))
		}
	}
	for i, l := range lines {
		if l != "" && strings.Trim(l, "─") == "" {
			lines[i] = strings.Repeat("─", width) // the header rule, as wide as the table
		}
	}
	if _, err := io.WriteString(w, strings.Join(lines, "\n")+"\n"); err != nil {
		return err
	}
	return writeNotes(w, "", notes)
}

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
	return writeNotes(w, s.note, notes)
}

// writeNotes writes the notes, each on a line of its own with the prefix, after a blank line.
func writeNotes(w io.Writer, prefix string, notes []string) error {
	if len(notes) == 0 {
		return nil
	}
	if _, err := fmt.Fprintln(w); err != nil {
		return err
	}
	for _, n := range notes {
		if _, err := fmt.Fprintf(w, "%s%s\n", prefix, n); err != nil {
			return err
		}
	}
	return nil
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
