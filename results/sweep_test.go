package results

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sweepRecords returns made-up records of a sweep over model.lr and labels_per_class (two
// seeds per point, labels 20 and 100) beside the synthetic records, whose supervised runs on
// 100 labels give the Δ of the 100-label points.
func sweepRecords() []Record {
	rec := func(lr, perClass string, labels int, seed uint64, errs int) Record {
		return Record{
			Experiment: "synthetic-sweep+labels_per_class-" + perClass + "+lr-" + lr, Method: "ssgan", Labels: labels,
			ModelSeed: seed, DataSeed: seed, Status: StatusFinished, Epochs: 16, Iterations: 800, TestSize: 10000,
			FinalTestErrors: errs, FinalAccuracy: 1 - float64(errs)/10000, ConfigHash: "synthetic",
			Sweep: &Sweep{Name: "synthetic-sweep", Values: []string{"labels_per_class=" + perClass, "model.lr=" + lr}},
		}
	}
	return append(syntheticRecords(),
		rec("0.003", "10", 100, 1, 120), rec("0.003", "10", 100, 2, 140),
		rec("0.001", "10", 100, 1, 200), rec("0.001", "10", 100, 2, 180),
		rec("0.003", "2", 20, 1, 1500), rec("0.003", "2", 20, 2, 1700),
		rec("0.001", "2", 20, 1, 1900), rec("0.001", "2", 20, 2, 2100),
	)
}

// TestBuildSweepTables checks the grouping: one table for the sweep, its fields in the sweep's
// order, its points sorted by value numerically (2 before 10), each with its results row.
func TestBuildSweepTables(t *testing.T) {
	tables, err := BuildSweepTables(sweepRecords())
	require.NoError(t, err)
	require.Len(t, tables, 1)
	tb := tables[0]
	assert.Equal(t, "synthetic-sweep", tb.Name)
	assert.Equal(t, []string{"labels_per_class", "model.lr"}, tb.Fields)
	var values [][]string
	for _, r := range tb.Rows {
		values = append(values, r.Values)
		assert.Equal(t, 2, r.Finished, r.Experiment)
	}
	assert.Equal(t, [][]string{{"2", "0.001"}, {"2", "0.003"}, {"10", "0.001"}, {"10", "0.003"}}, values)
	assert.InDelta(t, 1.3, tb.Rows[3].ErrorPct.Mean, 1e-12, "(120 + 140) / 2 errors of 10,000")
	require.NotNil(t, tb.Rows[3].Delta, "compared with synthetic-supervised-100")
	assert.Equal(t, "synthetic-supervised-100", tb.Rows[3].Delta.Baseline)
	assert.Nil(t, tb.Rows[0].Delta, "no supervised run on 20 labels")

	none, err := BuildSweepTables(syntheticRecords())
	require.NoError(t, err)
	assert.Empty(t, none, "no sweep, no table")
}

// TestBuildSweepTablesErrors checks the one-line errors of inconsistent sweep records.
func TestBuildSweepTablesErrors(t *testing.T) {
	base := Record{Experiment: "s+lr-1", Method: "ssgan", Labels: 100, ModelSeed: 1, DataSeed: 1, Status: StatusFinished, TestSize: 10000}
	with := func(seed uint64, sw *Sweep) Record {
		r := base
		r.ModelSeed, r.DataSeed, r.Sweep = seed, seed, sw
		return r
	}
	tests := []struct {
		name string
		recs []Record
		want string
	}{
		{"two points under one name", []Record{with(1, &Sweep{Name: "s", Values: []string{"lr=1"}}), with(2, &Sweep{Name: "s", Values: []string{"lr=2"}})},
			"results: s+lr-1: records name two sweep points (s [lr=1] and s [lr=2])"},
		{"two sweeps under one name", []Record{with(1, &Sweep{Name: "s", Values: []string{"lr=1"}}), with(2, &Sweep{Name: "t", Values: []string{"lr=1"}})},
			"results: s+lr-1: records name two sweep points (s [lr=1] and t [lr=1])"},
		{"value without a field", []Record{with(1, &Sweep{Name: "s", Values: []string{"1"}})},
			`results: s+lr-1: sweep s: value "1": want field=value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := BuildSweepTables(tt.recs)
			require.EqualError(t, err, tt.want)
		})
	}
}

// TestRenderSweepsGolden renders the sweep table in each format; csv writes nothing (its results
// table names every point).
func TestRenderSweepsGolden(t *testing.T) {
	// Written with -update from sweepRecords, then checked by hand against TestBuildSweepTables.
	tables, err := BuildSweepTables(sweepRecords())
	require.NoError(t, err)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, RenderSweeps(&buf, tables, format))
			if format == FormatCSV {
				assert.Empty(t, buf.String())
				return
			}
			checkGolden(t, "sweep."+format+".golden", buf.Bytes())
		})
	}
	require.Error(t, RenderSweeps(&bytes.Buffer{}, tables, "html"))
}
