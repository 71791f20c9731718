package results

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/ll"
	"github.com/olekukonko/tablewriter/tw"
)

// latexRenderer is a tablewriter renderer that writes a booktabs tabular (\toprule, \midrule,
// \bottomrule; the document needs \usepackage{booktabs}), every cell escaped for LaTeX.
type latexRenderer struct {
	w       io.Writer
	started bool
	err     error
}

func (l *latexRenderer) Start(w io.Writer) error { l.w = w; return nil }

// Header opens the tabular with one left-aligned column per header cell.
func (l *latexRenderer) Header(headers [][]string, _ tw.Formatting) {
	if len(headers) == 0 {
		return
	}
	l.printf("\\begin{tabular}{%s}\n\\toprule\n", strings.Repeat("l", len(headers[0])))
	l.started = true
	l.line(joinLines(headers))
	l.printf("\\midrule\n")
}

// Row writes one row (the tabular is opened here when there was no header).
func (l *latexRenderer) Row(row []string, _ tw.Formatting) {
	if !l.started {
		l.printf("\\begin{tabular}{%s}\n\\toprule\n", strings.Repeat("l", len(row)))
		l.started = true
	}
	l.line(row)
}

func (l *latexRenderer) Footer([][]string, tw.Formatting) {}
func (l *latexRenderer) Line(tw.Formatting)               {}
func (l *latexRenderer) Config() tw.Rendition             { return tw.Rendition{} }
func (l *latexRenderer) Logger(*ll.Logger)                {}

// Close ends the tabular and reports the first write error.
func (l *latexRenderer) Close() error {
	if l.started {
		l.printf("\\bottomrule\n\\end{tabular}\n")
	}
	return l.err
}

func (l *latexRenderer) line(cells []string) {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = latexEscape(strings.TrimSpace(c))
	}
	l.printf("%s \\\\\n", strings.Join(out, " & "))
}

func (l *latexRenderer) printf(format string, args ...any) {
	if l.err == nil {
		_, l.err = fmt.Fprintf(l.w, format, args...)
	}
}

// joinLines joins the lines of multi-line header cells with spaces, column by column.
func joinLines(lines [][]string) []string {
	out := make([]string, len(lines[0]))
	for _, line := range lines {
		for i, c := range line {
			if i < len(out) && strings.TrimSpace(c) != "" {
				out[i] = strings.TrimSpace(out[i] + " " + strings.TrimSpace(c))
			}
		}
	}
	return out
}

// latexReplacer escapes LaTeX's special characters and writes the symbols the tables use in
// math mode.
var latexReplacer = strings.NewReplacer(
	`\`, `\textbackslash{}`, `&`, `\&`, `%`, `\%`, `$`, `\$`, `#`, `\#`, `_`, `\_`,
	`{`, `\{`, `}`, `\}`, `~`, `\textasciitilde{}`, `^`, `\textasciicircum{}`,
	`±`, `$\pm$`, `Δ`, `$\Delta$`, `‖`, `$\|$`, `<`, `$<$`, `>`, `$>$`, `≤`, `$\le$`, `≥`, `$\ge$`,
)

// latexEscape makes s safe as the text of a LaTeX table cell.
func latexEscape(s string) string { return latexReplacer.Replace(s) }
