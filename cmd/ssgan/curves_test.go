package main

import (
	"encoding/xml"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/results"
)

// writeCurveRuns writes the metrics.jsonl of two made-up classifier runs of "synthetic-ssgan-100"
// (seed2 one epoch shorter) and of a GAN run under a new directory and returns it.
func writeCurveRuns(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for rel, content := range map[string]string{
		"synthetic-ssgan-100/seed1": `{"epoch":1,"iter":600,"test_errors":1633,"test_size":10000}
{"epoch":2,"iter":1200,"test_errors":812,"test_size":10000}
`,
		"synthetic-ssgan-100/seed2": `{"epoch":1,"iter":600,"test_errors":1500,"test_size":10000}
`,
		"synthetic-gan/seed1": `{"iter":100,"d_loss":0.7,"g_loss":1.2}
`,
	} {
		sub := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(sub, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(sub, results.MetricsLogFile), []byte(content), 0o644))
	}
	return dir
}

func TestCurvesCmd(t *testing.T) {
	dir := writeCurveRuns(t)
	// Error % by hand: seed1 16.33, 8.12; seed2 15.00; mean at epoch 1 (16.33 + 15.00) / 2.
	tests := []struct {
		name        string
		args        []string
		contains    []string
		notContains []string
	}{
		{
			name:        "default text",
			args:        []string{dir},
			contains:    []string{"Test error % per epoch", "synthetic-ssgan-100/seed1", "synthetic-ssgan-100/seed2", "mean", "16.33", "15.00", "8.12", "│"},
			notContains: []string{"synthetic-gan"},
		},
		{
			name:     "markdown",
			args:     []string{dir, "--format", "markdown"},
			contains: []string{"### Test error % per epoch", "| Epoch", "|:---"},
		},
		{
			name:     "csv",
			args:     []string{"--format=csv", dir},
			contains: []string{"epoch,synthetic-ssgan-100/seed1,synthetic-ssgan-100/seed2,mean\n1,16.33,15,15.665\n2,8.12,,\n"},
		},
		{
			name:     "one experiment, one run",
			args:     []string{filepath.Join(dir, "synthetic-ssgan-100", "seed2"), "--format=csv"},
			contains: []string{"epoch,seed2\n1,15\n"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := runCmd(t, newCurvesCmd, tc.args...)
			require.NoError(t, err)
			assertOutput(t, out, tc.contains, tc.notContains)
		})
	}
}

func TestCurvesCmdPNG(t *testing.T) {
	dir := writeCurveRuns(t)
	path := filepath.Join(t.TempDir(), "curves.png")
	out, err := runCmd(t, newCurvesCmd, dir, "--png", path)
	require.NoError(t, err)
	svg := filepath.Join(filepath.Dir(path), "curves.svg")
	assert.Contains(t, out, path+", "+svg+": learning curves of 2 runs")
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	assert.Equal(t, results.CurvesPlotWidth, img.Bounds().Dx())
	assert.Equal(t, results.CurvesPlotHeight, img.Bounds().Dy())
	b, err := os.ReadFile(svg)
	require.NoError(t, err)
	var root struct{ XMLName xml.Name }
	require.NoError(t, xml.Unmarshal(b, &root))
	assert.Equal(t, "svg", root.XMLName.Local)
	assert.Contains(t, string(b), "synthetic-ssgan-100 (mean ± std, 2 seeds)")
}

// TestCurvesCmdPlotDefault draws into DIR by default, and nothing with --no-plot.
func TestCurvesCmdPlotDefault(t *testing.T) {
	dir := writeCurveRuns(t)
	_, err := runCmd(t, newCurvesCmd, dir, "--no-plot")
	require.NoError(t, err)
	assert.NoFileExists(t, filepath.Join(dir, "curves.png"))
	_, err = runCmd(t, newCurvesCmd, dir)
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(dir, "curves.png"))
	assert.FileExists(t, filepath.Join(dir, "curves.svg"))
	_, err = runCmd(t, newCurvesCmd, dir, "--no-plot", "--png", filepath.Join(dir, "x.png"))
	require.ErrorContains(t, err, "none of the others can be")
}

func TestCurvesCmdErrors(t *testing.T) {
	dir := writeCurveRuns(t)
	ganOnly := filepath.Join(dir, "synthetic-gan")
	bad := t.TempDir()
	badLog := filepath.Join(bad, results.MetricsLogFile)
	require.NoError(t, os.WriteFile(badLog, []byte("{\n"+`{"epoch":1,"test_errors":1,"test_size":10}`+"\n"), 0o644))
	png := filepath.Join(t.TempDir(), "never.png")
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{name: "no classifier runs", args: []string{ganOnly}, wantErr: "no classifier runs with metrics.jsonl under " + ganOnly},
		{name: "empty directory", args: []string{t.TempDir()}, wantErr: "no classifier runs with metrics.jsonl under "},
		{name: "unknown format", args: []string{dir, "--format", "html", "--png", png}, wantErr: `results: unknown table format "html"`},
		{name: "no directory", args: []string{}, wantErr: "accepts 1 arg(s), received 0"},
		{name: "missing directory", args: []string{filepath.Join(dir, "absent")}, wantErr: "results: collect "},
		{name: "corrupt line", args: []string{bad}, wantErr: "results: " + badLog + " line 1: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runCmd(t, newCurvesCmd, tc.args...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			assert.NotContains(t, err.Error(), "\n")
		})
	}
	assert.NoFileExists(t, png, "a bad --format writes no PNG")
}
