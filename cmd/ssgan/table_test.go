package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/results"
)

// writeSyntheticRuns writes two made-up finished runs and one diverged run
// of "synthetic-ssgan-100" under a new directory and returns it.
func writeSyntheticRuns(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for i, r := range []results.Record{
		{Experiment: "synthetic-ssgan-100", Method: "ssgan", Labels: 100, ModelSeed: 1, DataSeed: 1, Status: results.StatusFinished, TestSize: 10000, FinalTestErrors: 95},
		{Experiment: "synthetic-ssgan-100", Method: "ssgan", Labels: 100, ModelSeed: 2, DataSeed: 2, Status: results.StatusFinished, TestSize: 10000, FinalTestErrors: 105},
		{Experiment: "synthetic-ssgan-100", Method: "ssgan", Labels: 100, ModelSeed: 3, DataSeed: 3, Status: results.StatusDiverged, TestSize: 10000},
	} {
		sub := filepath.Join(dir, "run", string(rune('a'+i)))
		require.NoError(t, os.MkdirAll(sub, 0o755))
		require.NoError(t, results.WriteRecord(filepath.Join(sub, results.RecordFile), &r))
	}
	return dir
}

func TestTableCmd(t *testing.T) {
	dir := writeSyntheticRuns(t)
	// 95 and 105 errors out of 10,000: mean 1.00 %, and 100.0 ± 7.1 errors
	// (sample std of {95, 105} = 5·√2 ≈ 7.07), computed by hand.
	tests := []struct {
		name        string
		args        []string
		contains    []string
		notContains []string
	}{
		{
			name:        "default text with reference",
			args:        []string{dir},
			contains:    []string{"synthetic-ssgan-100", "1.00 ± 0.07", "[", "Diverged", "Salimans et al. 2016", "Left out to fit 120 columns: Source"},
			notContains: []string{"│", "Running"},
		},
		{
			name:     "wide",
			args:     []string{dir, "--wide"},
			contains: []string{"100.0 ± 7.1", "published: Salimans et al. 2016", "Running", "Source"},
		},
		{
			name:        "markdown without reference",
			args:        []string{dir, "--format", "markdown", "--no-reference"},
			contains:    []string{"| synthetic-ssgan-100", "|:---"},
			notContains: []string{"published"},
		},
		{
			name:     "csv",
			args:     []string{"--format=csv", dir, "--no-reference"},
			contains: []string{"dataset,experiment,method,labels,", "mnist,synthetic-ssgan-100,ssgan,100,0,measured,2,1,0,1,"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runCmd(t, newTableCmd, tc.args...)
			require.NoError(t, err)
			assertOutput(t, out, tc.contains, tc.notContains)
		})
	}
}

// TestTableCmdSeveralFolders reads two folders holding the same experiment at two lengths (and
// the same baseline run copied into both): two rows, the copy counted once, every line within
// 120 columns.
func TestTableCmdSeveralFolders(t *testing.T) {
	root := t.TempDir()
	write := func(folder, exp, method string, epochs int, seed uint64, errs int) {
		r := results.Record{Experiment: exp, Method: method, Labels: 100, ModelSeed: seed, DataSeed: seed,
			Status: results.StatusFinished, Epochs: epochs, Iterations: 600 * epochs, TestSize: 10000, FinalTestErrors: errs, ConfigHash: "h-" + exp}
		sub := filepath.Join(root, folder, "runs", exp, "seed"+string(rune('0'+seed)))
		require.NoError(t, os.MkdirAll(sub, 0o755))
		require.NoError(t, results.WriteRecord(filepath.Join(sub, results.RecordFile), &r))
	}
	for _, folder := range []string{"short", "long"} {
		write(folder, "synthetic-supervised-100", "supervised", 20, 1, 2200)
		write(folder, "synthetic-supervised-100", "supervised", 20, 2, 2100)
	}
	write("short", "synthetic-ssgan-100", "ssgan", 5, 1, 1800)
	write("short", "synthetic-ssgan-100", "ssgan", 5, 2, 1700)
	write("long", "synthetic-ssgan-100", "ssgan", 300, 1, 95)
	write("long", "synthetic-ssgan-100", "ssgan", 300, 2, 105)
	for _, args := range [][]string{{root}, {filepath.Join(root, "short"), filepath.Join(root, "long")}} {
		out, err := runCmd(t, newTableCmd, append(args, "--no-reference")...)
		require.NoError(t, err, out)
		lines := strings.Split(out, "\n")
		var rows []string
		for _, l := range lines {
			assert.LessOrEqual(t, len([]rune(l)), 120, l)
			if strings.HasPrefix(l, "mnist ") {
				rows = append(rows, strings.Join(strings.Fields(l)[:5], " "))
			}
		}
		assert.Equal(t, []string{
			"mnist synthetic-ssgan-100 100 5 2",
			"mnist synthetic-ssgan-100 100 300 2",
			"mnist synthetic-supervised-100 100 20 2",
		}, rows)
	}
}

func TestTableCmdErrors(t *testing.T) {
	dir := writeSyntheticRuns(t)
	bad := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(bad, results.RecordFile), []byte("{"), 0o644))
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{name: "unknown format", args: []string{dir, "--format", "html"}, wantErr: `results: unknown table format "html"`},
		{name: "no directory", args: []string{}, wantErr: "requires at least 1 arg(s), only received 0"},
		{name: "missing directory", args: []string{filepath.Join(dir, "absent")}, wantErr: "results: collect "},
		{name: "bad record", args: []string{bad}, wantErr: "results: decode " + filepath.Join(bad, results.RecordFile)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runCmd(t, newTableCmd, tc.args...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}
