package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/results"
)

// writeCompareRuns writes made-up finished runs (errors out of 10,000, none from a real run) of
// five experiments with 100 labels under a new directory, one folder per run, and returns it:
// seeds (1, 1), (2, 2), (3, 3) of synthetic-supervised-100 (2210, 2050, 2302 errors),
// synthetic-ssgan-100 (95, 88, 101, and a diverged run with seeds 4), synthetic-entmin-100
// (1500, 1420, 1610), synthetic-vat-100 (140, 131, 152) and synthetic-pseudolabel-100 (1900,
// 1750, its third seed missing).
func writeCompareRuns(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	runs := []struct {
		exp, method string
		errs        []int
	}{
		{"synthetic-supervised-100", "supervised", []int{2210, 2050, 2302}},
		{"synthetic-ssgan-100", "ssgan", []int{95, 88, 101}},
		{"synthetic-entmin-100", "entmin", []int{1500, 1420, 1610}},
		{"synthetic-vat-100", "vat", []int{140, 131, 152}},
		{"synthetic-pseudolabel-100", "pseudolabel", []int{1900, 1750}},
	}
	write := func(r results.Record) {
		sub := filepath.Join(dir, "runs", r.Experiment, fmt.Sprintf("seed%d", r.ModelSeed))
		require.NoError(t, os.MkdirAll(sub, 0o755))
		require.NoError(t, results.WriteRecord(filepath.Join(sub, results.RecordFile), &r))
	}
	for _, run := range runs {
		for i, errs := range run.errs {
			seed := uint64(i + 1)
			write(results.Record{Experiment: run.exp, Method: run.method, Labels: 100, ModelSeed: seed, DataSeed: seed,
				Status: results.StatusFinished, Epochs: 300, Iterations: 180000, TestSize: 10000,
				FinalTestErrors: errs, BestTestErrors: errs - 5, BestEpoch: 250, ConfigHash: "synthetic-" + run.exp})
		}
	}
	write(results.Record{Experiment: "synthetic-ssgan-100", Method: "ssgan", Labels: 100, ModelSeed: 4, DataSeed: 4,
		Status: results.StatusDiverged, Epochs: 12, TestSize: 10000})
	return dir
}

// compareFlags name the fixture's baseline and reference.
var compareFlags = []string{"--baseline", "synthetic-supervised-100", "--reference", "synthetic-ssgan-100"}

func TestCompareCmd(t *testing.T) {
	dir := writeCompareRuns(t)
	// Hand-computed (Python's statistics module; p from Student's t with 2 and 1 degrees of
	// freedom in closed form): ssgan - supervised = -2092.7 errors, t = -29.94, p = 0.0011; Holm
	// over the 4 tests of the column: vat's p 0.0010936 · 4 = 0.0044 for the three smallest.
	tests := []struct {
		name        string
		args        []string
		contains    []string
		notContains []string
	}{
		{
			name: "text",
			args: append([]string{dir}, compareFlags...),
			contains: []string{
				"Methods on mnist with 100 labels",
				"synthetic-ssgan-100        ssgan        300     3 (+1 diverged)  94.7 ± 6.5      89.7",
				"-2092.7 (n=3)", "(p=0.0011, Holm p=0.0044)", "(reference)", "(baseline)",
				"synthetic-pseudolabel-100  pseudolabel  300     2                1825.0 ± 106.1", "-305.0 (n=2)",
				"- Final-epoch test errors out of 10,000", "(4 with synthetic-supervised-100, 4 with",
			},
			notContains: []string{"published", "│"},
		},
		{
			name: "markdown with published rows",
			args: append([]string{dir, "--format", "markdown", "--published"}, compareFlags...),
			contains: []string{
				"### Methods on mnist with 100 labels",
				"| synthetic-vat-100 ", "-2046.3 (p=0.0011, Holm p=0.0044, n=3)", "+46.3 (p=0.0027, Holm p=0.0054, n=3)",
				"| dai2017-badgan ", "published: Dai et al. 2017 (best epoch)", "| miyato2018-vat ", "| springenberg2016-catgan ",
				"| rasmus2015-ladder ", "| salimans2016-ssgan ", "dai2017-badgan's 79.5 ± 9.8",
			},
		},
		{
			name:        "no reference",
			args:        []string{dir, "--baseline", "synthetic-supervised-100", "--reference", ""},
			contains:    []string{"Δ vs synthetic-supervised-100", "(4 with synthetic-supervised-100)"},
			notContains: []string{"Δ vs synthetic-ssgan-100", "(reference)"},
		},
		{
			name:     "another baseline",
			args:     []string{dir, "--baseline", "synthetic-entmin-100", "--reference", "synthetic-vat-100"},
			contains: []string{"Δ vs synthetic-entmin-100", "Δ vs synthetic-vat-100", "+677.3 (n=3)"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, line := execRoot(t, nil, append([]string{"compare"}, tc.args...)...)
			require.Empty(t, line, out)
			assertOutput(t, out, tc.contains, tc.notContains)
		})
	}
}

func TestCompareCmdSeveralFolders(t *testing.T) {
	// The same finished runs read from two folders count once: the table is that of one folder.
	// (The copy leaves out the diverged run: unfinished runs are counted wherever they are found.)
	dir := writeCompareRuns(t)
	copyDir := filepath.Join(t.TempDir(), "copy")
	require.NoError(t, os.CopyFS(copyDir, os.DirFS(dir)))
	require.NoError(t, os.RemoveAll(filepath.Join(copyDir, "runs", "synthetic-ssgan-100", "seed4")))
	one, line := execRoot(t, nil, append([]string{"compare", dir}, compareFlags...)...)
	require.Empty(t, line)
	two, line := execRoot(t, nil, append([]string{"compare", dir, copyDir}, compareFlags...)...)
	require.Empty(t, line)
	assert.Equal(t, one, two)
}

func TestCompareCmdErrors(t *testing.T) {
	dir := writeCompareRuns(t)
	empty := t.TempDir()
	gans := t.TempDir()
	require.NoError(t, results.WriteRecord(filepath.Join(gans, results.RecordFile),
		&results.Record{Experiment: "mnist-gan", Method: results.MethodGAN, Status: results.StatusFinished}))
	bad := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(bad, results.RecordFile), []byte("{"), 0o644))
	known := "(experiments with finished runs: synthetic-entmin-100, synthetic-pseudolabel-100, synthetic-ssgan-100, synthetic-supervised-100, synthetic-vat-100)"
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"default baseline absent", []string{dir},
			[]string{"ssgan: --baseline mnist-supervised-100 has no finished run under " + dir + " " + known}},
		{"unknown baseline", []string{dir, "--baseline", "nope"}, []string{"--baseline nope has no finished run under " + dir, known}},
		{"unknown reference", []string{dir, "--baseline", "synthetic-supervised-100", "--reference", "nope"},
			[]string{"--reference nope has no finished run under " + dir}},
		{"reference is the baseline", []string{dir, "--baseline", "synthetic-vat-100", "--reference", "synthetic-vat-100"},
			[]string{"ssgan: --reference synthetic-vat-100 is the baseline"}},
		{"empty baseline", []string{dir, "--baseline", ""}, []string{"--baseline: an experiment name is needed"}},
		{"no runs", []string{empty}, []string{"no result.json under " + empty}},
		{"no runs in two folders", []string{empty, empty}, []string{"no result.json under " + empty + ", " + empty}},
		{"only GAN runs", []string{gans}, []string{"no classifier runs under " + gans + ", only GAN runs (1; see `ssgan quality`)"}},
		{"missing directory", []string{filepath.Join(dir, "absent")}, []string{"results: collect " + filepath.Join(dir, "absent")}},
		{"bad record", []string{bad}, []string{"results: decode " + filepath.Join(bad, results.RecordFile)}},
		{"latex", append([]string{dir, "--format", "latex"}, compareFlags...), []string{`--format "latex": want one of text, markdown`}},
		{"no directory", nil, []string{"requires at least 1 arg(s), only received 0"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, line := execRoot(t, nil, append([]string{"compare"}, tc.args...)...)
			requireOneLineError(t, out, line, tc.want)
			assert.False(t, strings.Contains(out, "Methods on"), "no table on bad input")
		})
	}
}

// TestCompareCmdEngines compares the fixture's runs (the earlier engine: their records name
// none) with the same seeds of synthetic-ssgan-100 under the current engine in another folder.
func TestCompareCmdEngines(t *testing.T) {
	early := writeCompareRuns(t)
	now := t.TempDir()
	for i, errs := range []int{120, 110, 131} {
		seed := uint64(i + 1)
		sub := filepath.Join(now, "synthetic-ssgan-100", fmt.Sprintf("seed%d", seed))
		require.NoError(t, os.MkdirAll(sub, 0o755))
		require.NoError(t, results.WriteRecord(filepath.Join(sub, results.RecordFile), &results.Record{
			Experiment: "synthetic-ssgan-100", Method: "ssgan", Labels: 100, ModelSeed: seed, DataSeed: seed,
			Status: results.StatusFinished, Epochs: 300, Iterations: 180000, TestSize: 10000, Engine: results.EngineCounter,
			FinalTestErrors: errs, BestTestErrors: errs - 5, BestEpoch: 250, ConfigHash: "synthetic-synthetic-ssgan-100"}))
	}
	out, line := execRoot(t, nil, "compare", early, now, "--engines", "--format", "markdown")
	require.Empty(t, line, out)
	// Earlier 95, 88, 101 (94.7 ± 6.5); current 120, 110, 131 (120.3 ± 10.5); paired
	// differences 25, 22, 30.
	assertOutput(t, out, []string{"The same experiments on the two engines (mnist)", "| synthetic-ssgan-100 | 100",
		"94.7 ± 6.5 (n=3)", "120.3 ± 10.5 (n=3)", "+25.7", "t=", "n=3,"}, []string{"synthetic-vat-100", "Methods on"})

	out, line = execRoot(t, nil, "compare", early, "--engines")
	requireOneLineError(t, out, line, []string{"ssgan: --engines: results: no experiment has finished runs of both engines", "(under " + early + ")"})
	for _, flag := range [][]string{{"--published"}, {"--baseline", "x"}, {"--reference", ""}} {
		out, line = execRoot(t, nil, append([]string{"compare", early, now, "--engines"}, flag...)...)
		requireOneLineError(t, out, line, []string{"ssgan: --engines compares engines, not methods: it takes no --baseline, --reference or --published"})
	}
}
