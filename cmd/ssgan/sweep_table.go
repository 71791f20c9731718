package main

import (
	"io"

	"github.com/ssgan/ssgan/results"
)

// renderSweepTables writes, after the results table, one table per sweep among recs: its points
// by their swept values (nothing when no record belongs to a sweep, or for csv).
func renderSweepTables(w io.Writer, recs []results.Record, format string) error {
	tables, err := results.BuildSweepTables(recs)
	if err != nil {
		return err
	}
	return results.RenderSweeps(w, tables, format)
}
