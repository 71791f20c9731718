package results

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestRenderGolden(t *testing.T) {
	// The golden files were written by this code with -update from the
	// synthetic records (fixture_test.go) plus the published references,
	// then read and checked by hand against the numbers in table_test.go.
	tbl, err := BuildTable(syntheticRecords(), true)
	require.NoError(t, err)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, Render(&buf, tbl, format))
			checkGolden(t, "table."+format+".golden", buf.Bytes())
		})
		if format == FormatCSV {
			continue // CSV always has every column
		}
		t.Run(format+" wide", func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, RenderWith(&buf, tbl, format, RenderOptions{Wide: true}))
			checkGolden(t, "table-wide."+format+".golden", buf.Bytes())
		})
	}
}

// TestRenderColumns checks which columns a table shows: those that carry nothing are left out
// by default, a text table too wide leaves out Source, then Errors / 10,000, then Method, and
// --wide shows them all.
func TestRenderColumns(t *testing.T) {
	all := []string{"Dataset", "Experiment", "Method", "Labels", "Epochs", "Seeds", "Diverged", "Running",
		"Error %", "Errors / 10,000", "95% CI", "Δ vs supervised", "Source"}
	finished := syntheticRecords()[:3] // synthetic-ssgan-100, three finished runs
	longName := append([]Record{}, finished...)
	for i := range longName {
		longName[i].Experiment = strings.Repeat("x", 40)
	}
	tests := []struct {
		name  string
		recs  []Record
		refs  bool
		opt   RenderOptions
		want  []string
		notes []string
	}{
		{name: "every column carries something", recs: syntheticRecords(), opt: RenderOptions{Width: 1000}, want: all},
		{name: "no run diverged or running, no baseline", recs: finished, opt: RenderOptions{Width: 1000},
			want: []string{"Dataset", "Experiment", "Method", "Labels", "Epochs", "Seeds", "Error %", "Errors / 10,000", "95% CI", "Source"}},
		{name: "published rows only", refs: true, opt: RenderOptions{Width: 1000},
			want: []string{"Dataset", "Experiment", "Method", "Labels", "Epochs", "Error %", "Errors / 10,000", "Source"}},
		{name: "too wide: Source goes first", recs: finished, opt: RenderOptions{Width: 105},
			want:  []string{"Dataset", "Experiment", "Method", "Labels", "Epochs", "Seeds", "Error %", "Errors / 10,000", "95% CI"},
			notes: []string{"Left out to fit 105 columns: Source (--wide shows every column)."}},
		{name: "far too wide: Source, Errors, Method, then the one data set", recs: longName, opt: RenderOptions{Width: 60},
			want:  []string{"Experiment", "Labels", "Epochs", "Seeds", "Error %", "95% CI"},
			notes: []string{"Left out to fit 60 columns: Source, Errors / 10,000, Method; every row's Dataset is mnist (--wide shows every column)."}},
		{name: "wide", recs: finished, opt: RenderOptions{Wide: true, Width: 60}, want: all},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tbl, err := BuildTable(tc.recs, tc.refs)
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, RenderWith(&buf, tbl, FormatText, tc.opt))
			header := regexp.MustCompile(`\S+( \S+)*`).FindAllString(strings.SplitN(buf.String(), "\n", 2)[0], -1)
			assert.Equal(t, tc.want, header)
			out := strings.Join(strings.Fields(buf.String()), " ")
			for _, n := range tc.notes {
				assert.Contains(t, out, n)
			}
		})
	}
}

// TestPublishedTablesFit renders the table of each published folder, and of all of them
// together, in the default text format: every line fits 120 columns, every measured experiment
// has its row, and every row of these records made before data sets were named is MNIST's.
func TestPublishedTablesFit(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("published", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range append(dirs, "published") {
		t.Run(dir, func(t *testing.T) {
			recs, err := Collect(dir)
			require.NoError(t, err)
			recs, _ = SplitRecords(recs)
			tbl, err := BuildTable(recs, true)
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, Render(&buf, tbl, FormatText))
			for i, line := range strings.Split(buf.String(), "\n") {
				assert.LessOrEqual(t, displayWidth(line), DefaultWidth, "line %d: %q", i+1, line)
			}
			for _, r := range recs {
				assert.Contains(t, buf.String(), r.Experiment)
			}
			for _, r := range tbl.Rows {
				if r.Dataset != "mnist" {
					assert.NotEmpty(t, recordOf(recs, r.Experiment).Dataset, "%s: only a record naming its data set may be of another", r.Experiment)
				}
			}
		})
	}
}

// TestPublishedHeadlineGolden renders the published 300-epoch headline folder: these records
// were made before data sets were named, and render as MNIST's.
func TestPublishedHeadlineGolden(t *testing.T) {
	recs, err := Collect(filepath.Join("published", "headline-300-epochs"))
	require.NoError(t, err)
	tbl, err := BuildTable(recs, true)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, Render(&buf, tbl, FormatText))
	checkGolden(t, "published-headline-300-epochs.text.golden", buf.Bytes())
}

// recordOf returns the first record of the experiment.
func recordOf(recs []Record, exp string) Record {
	for _, r := range recs {
		if r.Experiment == exp {
			return r
		}
	}
	return Record{}
}

func TestRenderCSVParses(t *testing.T) {
	tbl, err := BuildTable(syntheticRecords(), true)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, Render(&buf, tbl, FormatCSV))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, len(tbl.Rows)+1)
	for _, r := range rows {
		assert.Len(t, r, len(csvHeader))
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name    string
		tbl     *Table
		format  string
		wantErr string
	}{
		{name: "unknown format", tbl: &Table{}, format: "html", wantErr: `results: unknown table format "html" (want one of text, markdown, latex, csv)`},
		{name: "nil table", tbl: nil, format: FormatText, wantErr: "results: render: nil table"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.EqualError(t, Render(&bytes.Buffer{}, tc.tbl, tc.format), tc.wantErr)
		})
	}
}

// checkGolden compares got with testdata/name, rewriting the file first under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(golden, got, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./results -update to create it")
	assert.Equal(t, string(want), string(got))
}
