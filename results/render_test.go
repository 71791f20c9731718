package results

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
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
	}
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
