package results

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Sweep records that an experiment is one point of a sweep: the sweep's name and the values the
// point gave its swept fields. `ssgan sweep` writes it into each expanded spec, and the runner
// copies it into every result.json of the experiment, so that tables can group by the values.
type Sweep struct {
	// Name is the sweep's name: the name of the spec file it was expanded from.
	Name string `yaml:"name" json:"name"`
	// Values are the point's values as field=value, in the order of the sweep's fields, e.g.
	// ["model.lr=0.001", "labels_per_class=2"].
	Values []string `yaml:"values" json:"values"`
}

// Pairs splits the values into field names and values; a value without "=" is an error naming it.
func (s *Sweep) Pairs() (fields, values []string, err error) {
	for _, v := range s.Values {
		f, val, ok := strings.Cut(v, "=")
		if !ok || f == "" {
			return nil, nil, fmt.Errorf("sweep %s: value %q: want field=value", s.Name, v)
		}
		fields, values = append(fields, f), append(values, val)
	}
	return fields, values, nil
}

// SweepTable is the results of one sweep: one row per point, with the values of its fields.
type SweepTable struct {
	// Name is the sweep's name.
	Name string
	// Fields are the swept fields, in the sweep's order.
	Fields []string
	// Rows are the points, sorted by their values (numbers numerically), field by field.
	Rows []SweepRow
}

// SweepRow is one point of a sweep: its values and its row of the results table.
type SweepRow struct {
	// Values holds the point's value of each of the table's Fields ("" where it sets none).
	Values []string
	Row
}

// BuildSweepTables builds one table per sweep found in recs (records with a Sweep), from the rows
// BuildTable makes of all of recs, so that a point's Δ compares it with the supervised
// experiment of its labels whether or not that experiment is part of the sweep. Records without
// a Sweep give no table; an experiment whose records name different sweeps is an error.
func BuildSweepTables(recs []Record) ([]SweepTable, error) {
	sweepOf := map[string]*Sweep{}
	for _, r := range recs {
		if r.Sweep == nil {
			continue
		}
		if old, ok := sweepOf[r.Experiment]; ok && (old.Name != r.Sweep.Name || !slices.Equal(old.Values, r.Sweep.Values)) {
			return nil, fmt.Errorf("results: %s: records name two sweep points (%s %v and %s %v)", r.Experiment, old.Name, old.Values, r.Sweep.Name, r.Sweep.Values)
		}
		sweepOf[r.Experiment] = r.Sweep
	}
	if len(sweepOf) == 0 {
		return nil, nil
	}
	tbl, err := BuildTable(recs, false)
	if err != nil {
		return nil, err
	}
	var tables []SweepTable
	index := map[string]int{}
	for _, row := range tbl.Rows {
		sw := sweepOf[row.Experiment]
		if sw == nil {
			continue
		}
		fields, values, err := sw.Pairs()
		if err != nil {
			return nil, fmt.Errorf("results: %s: %w", row.Experiment, err)
		}
		i, ok := index[sw.Name]
		if !ok {
			i = len(tables)
			index[sw.Name] = i
			tables = append(tables, SweepTable{Name: sw.Name})
		}
		t := &tables[i]
		byField := map[string]string{}
		for k, f := range fields {
			byField[f] = values[k]
			if !slices.Contains(t.Fields, f) {
				t.Fields = append(t.Fields, f)
			}
		}
		t.Rows = append(t.Rows, SweepRow{Values: fieldValues(t.Fields, byField), Row: row})
	}
	for i := range tables {
		t := &tables[i]
		for k := range t.Rows { // fields first seen in a later point
			t.Rows[k].Values = padValues(t.Rows[k].Values, len(t.Fields))
		}
		slices.SortStableFunc(t.Rows, func(a, b SweepRow) int {
			for k := range t.Fields {
				if c := compareValues(a.Values[k], b.Values[k]); c != 0 {
					return c
				}
			}
			return cmp.Compare(a.Labels, b.Labels)
		})
	}
	slices.SortFunc(tables, func(a, b SweepTable) int { return cmp.Compare(a.Name, b.Name) })
	return tables, nil
}

// fieldValues returns the value of each field, "" for those not set.
func fieldValues(fields []string, byField map[string]string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = byField[f]
	}
	return out
}

// padValues extends vs with "" to n values.
func padValues(vs []string, n int) []string {
	for len(vs) < n {
		vs = append(vs, "")
	}
	return vs
}

// compareValues orders two values numerically when both are numbers, else as strings.
func compareValues(a, b string) int {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	if errA == nil && errB == nil {
		return cmp.Compare(x, y)
	}
	return cmp.Compare(a, b)
}
