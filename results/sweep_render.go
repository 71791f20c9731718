package results

import (
	"fmt"
	"io"
	"slices"
)

// sweepColumns are the columns of the results table a sweep table shows after the swept fields'
// values, by their short headers: the experiment's name is left out (its values say it), and so
// are Method, Errors / 10,000 and Source, as a fitted results table leaves them out.
var sweepColumns = []string{"Dataset", "Labels", "Epochs", "Seeds", "Diverged", "Running", "Error %", "95% CI", "Δ vs supervised"}

// RenderSweeps writes each sweep table to w after a blank line, titled "Sweep NAME", in the text
// (without borders, as the results table), markdown or latex format: a column per swept field,
// then those of sweepColumns that carry something (Dataset only when the points are on more
// than one data set), a row per point. The csv format writes nothing: its results table already
// names each point's experiment, which carries the values. Any other format is an error.
func RenderSweeps(w io.Writer, tables []SweepTable, format string) error {
	for _, t := range tables {
		rows := make([]Row, len(t.Rows))
		for i, r := range t.Rows {
			rows[i] = r.Row
		}
		cols := sweepTableColumns(rows)
		err := renderAs(format, "Sweep "+t.Name,
			func(s style) error {
				text := format == FormatText
				var header []string
				header = append(header, t.Fields...)
				for _, c := range cols {
					if text {
						header = append(header, c.short)
					} else {
						header = append(header, c.long)
					}
				}
				cells := make([][]string, len(t.Rows))
				for i, r := range t.Rows {
					cells[i] = slices.Clone(r.Values)
					for _, c := range cols {
						cells[i] = append(cells[i], c.cell(r.Row))
					}
				}
				notes := []string{fmt.Sprintf("One row per point of sweep %s, named %s+field-value for each swept field; the other columns as in the table above.", t.Name, t.Name)}
				if _, err := fmt.Fprintln(w); err != nil {
					return err
				}
				if !text {
					return writeTable(w, s, header, cells, notes)
				}
				if _, err := io.WriteString(w, s.heading); err != nil {
					return err
				}
				return writeCompact(w, header, cells, wrapNotes(notes, DefaultWidth))
			},
			func() error { return nil })
		if err != nil {
			return fmt.Errorf("results: render sweep %s: %w", t.Name, err)
		}
	}
	return nil
}

// sweepTableColumns returns the columns of sweepColumns to show for the rows: those that carry
// something, and Dataset only when the rows are on more than one data set.
func sweepTableColumns(rows []Row) []column {
	var cols []column
	for _, name := range sweepColumns {
		i := indexFunc(tableColumns, func(c column) bool { return c.short == name })
		if i < 0 {
			continue
		}
		c := tableColumns[i]
		if c.blank != nil && allBlank(rows, c.blank) {
			continue
		}
		if _, one := constant(rows, c); name == "Dataset" && one {
			continue
		}
		cols = append(cols, c)
	}
	return cols
}
