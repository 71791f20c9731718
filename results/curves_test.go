package results

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeMetrics writes content as dir/rel/metrics.jsonl, creating the directories.
func writeMetrics(t *testing.T, dir, rel, content string) string {
	t.Helper()
	sub := filepath.Join(dir, filepath.FromSlash(rel))
	require.NoError(t, os.MkdirAll(sub, 0o755))
	path := filepath.Join(sub, MetricsLogFile)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

// Made-up metrics.jsonl contents; none of the numbers come from a real run.
const (
	// Three epochs; the extra fields are those of a real classifier line.
	curveSeed1 = `{"epoch":1,"iter":600,"lr":0.003,"test_errors":1633,"test_size":10000,"seconds":10.5,"train":{"loss":0.9}}
{"epoch":2,"iter":1200,"lr":0.003,"test_errors":812,"test_size":10000,"seconds":21,"train":{"loss":0.5}}
{"epoch":3,"iter":1800,"lr":0.003,"test_errors":405,"test_size":10000,"seconds":31.5,"train":{"loss":0.3}}
`
	// Two epochs, then a line torn by a crash (no newline either).
	curveSeed2 = `{"epoch":1,"iter":600,"lr":0.003,"test_errors":1501,"test_size":10000,"seconds":10,"train":{"loss":0.8}}
{"epoch":2,"iter":1200,"lr":0.003,"test_errors":1004,"test_size":10000,"seconds":20,"train":{"loss":0.6}}
{"epoch":3,"iter":1800,"lr":0.0`
	// A GAN run: losses only, no test error.
	curveGAN = `{"iter":100,"d_loss":0.7,"g_loss":1.2,"seconds":5}
{"iter":200,"d_loss":0.6,"g_loss":1.4,"seconds":10}
`
)

// syntheticCurves writes two classifier runs of "synthetic-ssgan-100" (seed2 shorter, with a
// torn last line) and a GAN run under a new directory and returns it; only seed1 has a
// result.json (seed2 is still running).
func syntheticCurves(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeMetrics(t, dir, "synthetic-ssgan-100/seed2", curveSeed2)
	writeMetrics(t, dir, "synthetic-ssgan-100/seed1", curveSeed1)
	writeMetrics(t, dir, "synthetic-gan/seed1", curveGAN)
	rec := Record{Experiment: "synthetic-ssgan-100", Method: "ssgan", Labels: 100, ModelSeed: 1, DataSeed: 1,
		Status: StatusFinished, Epochs: 3, TestSize: 10000, FinalTestErrors: 405}
	require.NoError(t, WriteRecord(filepath.Join(dir, "synthetic-ssgan-100", "seed1", RecordFile), &rec))
	return dir
}

// wantCurves are the curves of syntheticCurves, by hand.
var wantCurves = []Curve{
	{Run: "synthetic-ssgan-100/seed1", Epochs: []int{1, 2, 3}, TestErrors: []int{1633, 812, 405}, TestSize: 10000},
	{Run: "synthetic-ssgan-100/seed2", Epochs: []int{1, 2}, TestErrors: []int{1501, 1004}, TestSize: 10000},
}

func TestCollectCurves(t *testing.T) {
	dir := syntheticCurves(t)
	single := t.TempDir()
	writeMetrics(t, single, ".", curveSeed1)
	ganOnly := t.TempDir()
	writeMetrics(t, ganOnly, "synthetic-gan/seed1", curveGAN)
	tests := []struct {
		name string
		dir  string
		want []Curve
	}{
		{"two runs and a GAN run", dir, wantCurves},
		{"one experiment", filepath.Join(dir, "synthetic-ssgan-100"), []Curve{
			{Run: "seed1", Epochs: wantCurves[0].Epochs, TestErrors: wantCurves[0].TestErrors, TestSize: 10000},
			{Run: "seed2", Epochs: wantCurves[1].Epochs, TestErrors: wantCurves[1].TestErrors, TestSize: 10000},
		}},
		{"the run directory itself", single, []Curve{
			{Run: filepath.Base(single), Epochs: wantCurves[0].Epochs, TestErrors: wantCurves[0].TestErrors, TestSize: 10000},
		}},
		{"GAN runs only", ganOnly, nil},
		{"empty", t.TempDir(), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CollectCurves(tc.dir)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestCollectCurvesErrors(t *testing.T) {
	line := func(epoch, errs, size int) string {
		return fmt.Sprintf(`{"epoch":%d,"iter":1,"test_errors":%d,"test_size":%d}`+"\n", epoch, errs, size)
	}
	tests := []struct {
		name    string
		content string
		wantErr string // after "results: PATH "
	}{
		{"corrupt middle line", line(1, 10, 100) + "{\"epoch\":2,\"te\n" + line(3, 5, 100), "line 2: "},
		{"blank middle line", line(1, 10, 100) + "\n" + line(2, 5, 100), "line 2: "},
		{"zero test size", line(1, 0, 0), "line 1: test size 0"},
		{"test size changes", line(1, 10, 100) + line(2, 10, 200), "line 2: test size 200, earlier lines 100"},
		{"too many errors", line(1, 101, 100), "line 1: 101 test errors out of 100"},
		{"epoch repeats", line(1, 10, 100) + line(2, 9, 100) + line(2, 8, 100), "line 3: epoch 2 after epoch 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writeMetrics(t, dir, "run/seed1", tc.content)
			_, err := CollectCurves(dir)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "results: "+path+" "+tc.wantErr)
			assert.NotContains(t, err.Error(), "\n")
		})
	}
	_, err := CollectCurves(filepath.Join(t.TempDir(), "absent"))
	require.ErrorContains(t, err, "results: collect ")
}

func TestRenderCurvesGolden(t *testing.T) {
	// The golden files were written by this code with -update from wantCurves, then checked by
	// hand: epoch 1 16.33 % and 15.01 %, mean 15.67; epoch 2 8.12 % and 10.04 %, mean 9.08 (the
	// error counts are chosen so that no mean falls half-way between two 2-decimal values);
	// epoch 3 has seed1 only, so its seed2 and mean cells are empty.
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, RenderCurves(&buf, wantCurves, format))
			checkGolden(t, "curves."+format+".golden", buf.Bytes())
		})
	}
}

func TestRenderCurves(t *testing.T) {
	tests := []struct {
		name     string
		curves   []Curve
		format   string
		wantRows [][]string // CSV records
	}{
		{"two runs", wantCurves, FormatCSV, [][]string{
			{"epoch", "synthetic-ssgan-100/seed1", "synthetic-ssgan-100/seed2", "mean"},
			{"1", "16.33", "15.01", "15.67"},
			{"2", "8.12", "10.04", "9.08"},
			{"3", "4.05", "", ""},
		}},
		{"one run: no mean", wantCurves[1:], FormatCSV, [][]string{
			{"epoch", "synthetic-ssgan-100/seed2"},
			{"1", "15.01"},
			{"2", "10.04"},
		}},
		{"no runs", nil, FormatCSV, [][]string{{"epoch"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, RenderCurves(&buf, tc.curves, tc.format))
			rows, err := csv.NewReader(&buf).ReadAll()
			require.NoError(t, err)
			assert.Equal(t, tc.wantRows, rows)
		})
	}
	var buf bytes.Buffer
	require.NoError(t, RenderCurves(&buf, wantCurves[1:], FormatText))
	assert.NotContains(t, buf.String(), "mean")
	require.EqualError(t, RenderCurves(&buf, wantCurves, "html"), `results: unknown table format "html" (want one of text, markdown, latex, csv)`)
}

func TestSaveCurvesPlot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "curves.png")
	curves := append(append([]Curve{}, wantCurves...), Curve{Run: "other/seed1", Epochs: []int{1, 2}, TestErrors: []int{2000, 1500}, TestSize: 10000})
	require.NoError(t, SaveCurvesPlot(path, curves))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	assert.Equal(t, CurvesPlotWidth, img.Bounds().Dx())
	assert.Equal(t, CurvesPlotHeight, img.Bounds().Dy())
	// Each experiment is drawn in its own palette colour.
	for k := range 2 {
		c := curvePalette[k]
		n, _, _ := countColor(t, path, [3]uint32{uint32(c.R), uint32(c.G), uint32(c.B)})
		assert.Positive(t, n, "experiment %d", k)
	}
	name, w, h := svgSize(t, SvgPath(path))
	assert.Equal(t, "svg", name)
	assert.InDelta(t, CurvesPlotWidth*72.0/96, w, 1e-9)
	assert.InDelta(t, CurvesPlotHeight*72.0/96, h, 1e-9)
	svg, err := os.ReadFile(SvgPath(path))
	require.NoError(t, err)
	assert.Contains(t, string(svg), "synthetic-ssgan-100 (mean ± std, 2 seeds)")
	require.ErrorContains(t, SaveCurvesPlot(path, nil), "no curves")
}

// TestCurveBands checks the mean and the sample standard deviation over the seeds of each
// experiment, epoch by epoch, computed by hand.
func TestCurveBands(t *testing.T) {
	curve := func(run string, epochs []int, errs ...int) Curve {
		return Curve{Run: run, Epochs: epochs, TestErrors: errs, TestSize: 10000}
	}
	nan := math.NaN()
	tests := []struct {
		name   string
		curves []Curve
		want   []CurveBand
	}{
		{
			name: "two seeds, one shorter: only the epochs both have",
			curves: []Curve{
				curve("a/seed1", []int{1, 2, 3}, 1633, 812, 405),
				curve("a/seed2", []int{1, 2}, 1501, 1004),
			},
			// Epoch 1: 16.33 and 15.01: mean 15.67, std |16.33−15.01|/√2 = 0.9333809511662...
			// Epoch 2: 8.12 and 10.04: mean 9.08, std 1.92/√2 = 1.3576450198781...
			want: []CurveBand{{Experiment: "a", Runs: []string{"a/seed1", "a/seed2"}, Epochs: []int{1, 2},
				Mean: []float64{15.67, 9.08}, Std: []float64{1.32 / math.Sqrt2, 1.92 / math.Sqrt2}}},
		},
		{
			name: "three seeds",
			curves: []Curve{
				curve("b/seed1", []int{5}, 100), curve("b/seed2", []int{5}, 200), curve("b/seed3", []int{5}, 600),
			},
			// 1, 2 and 6 %: mean 3, sample variance ((−2)² + (−1)² + 3²)/2 = 7.
			want: []CurveBand{{Experiment: "b", Runs: []string{"b/seed1", "b/seed2", "b/seed3"}, Epochs: []int{5},
				Mean: []float64{3}, Std: []float64{math.Sqrt(7)}}},
		},
		{
			name: "two experiments, one with a single seed: no std",
			curves: []Curve{
				curve("a/seed1", []int{1}, 1000), curve("a/seed2", []int{1}, 3000), curve("c/seed1", []int{1, 2}, 500, 400),
			},
			want: []CurveBand{
				{Experiment: "a", Runs: []string{"a/seed1", "a/seed2"}, Epochs: []int{1}, Mean: []float64{20}, Std: []float64{math.Sqrt(200)}},
				{Experiment: "c", Runs: []string{"c/seed1"}, Epochs: []int{1, 2}, Mean: []float64{5, 4}, Std: []float64{nan, nan}},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := CurveBands(tc.curves)
			require.Len(t, got, len(tc.want))
			for k, w := range tc.want {
				g := got[k]
				assert.Equal(t, w.Experiment, g.Experiment)
				assert.Equal(t, w.Runs, g.Runs)
				assert.Equal(t, w.Epochs, g.Epochs)
				assert.InDeltaSlice(t, w.Mean, g.Mean, 1e-12)
				require.Len(t, g.Std, len(w.Std))
				for i := range w.Std {
					if math.IsNaN(w.Std[i]) {
						assert.True(t, math.IsNaN(g.Std[i]), "epoch %d", w.Epochs[i])
					} else {
						assert.InDelta(t, w.Std[i], g.Std[i], 1e-12, "epoch %d", w.Epochs[i])
					}
				}
			}
		})
	}
}

func TestCurveSeries(t *testing.T) {
	curves := append(append([]Curve{}, wantCurves...), Curve{Run: "synthetic-ssgan-20/seed1", Epochs: []int{1}, TestErrors: []int{3000}, TestSize: 10000})
	s := CurveSeries(curves)
	require.Len(t, s, 2)
	assert.Equal(t, "synthetic-ssgan-100 (mean ± std, 2 seeds)", s[0].Name)
	assert.Equal(t, []float64{1, 2}, s[0].X)
	assert.InDeltaSlice(t, []float64{(16.33 + 15.01) / 2, (8.12 + 10.04) / 2}, s[0].Y, 1e-12)
	assert.Len(t, s[0].Band, 2)
	assert.Equal(t, "synthetic-ssgan-20 (seed1)", s[1].Name)
	assert.Nil(t, s[1].Band)
	assert.NotEqual(t, s[0].Color, s[1].Color)
	tests := []struct {
		runs []string
		want []string
	}{
		{[]string{"a/b/seed1", "a/b/seed2"}, []string{"seed1", "seed2"}},
		{[]string{"a/seed1", "b/seed1"}, []string{"a/seed1", "b/seed1"}},
		{[]string{"x/a/s1", "x/b/s1", "x/b/s2"}, []string{"a/s1", "b/s1", "b/s2"}},
		{[]string{"x/s1", "x/s1/sub"}, []string{"s1", "s1/sub"}},
		{[]string{"only/one"}, []string{"only/one"}},
	}
	for _, tc := range tests {
		curves := make([]Curve, len(tc.runs))
		for i, r := range tc.runs {
			curves[i].Run = r
		}
		assert.Equal(t, tc.want, legendNames(curves), "%v", tc.runs)
	}
}

// TestMeanColumns checks that means are taken per experiment, never across experiments.
func TestMeanColumns(t *testing.T) {
	runs := func(names ...string) []Curve {
		cs := make([]Curve, len(names))
		for i, n := range names {
			cs[i].Run = n
		}
		return cs
	}
	tests := []struct {
		name string
		runs []Curve
		want []meanColumn
	}{
		{"one run", runs("a/seed1"), nil},
		{"one experiment", runs("a/seed1", "a/seed2"), []meanColumn{{"mean", []int{0, 1}}}},
		{"two experiments", runs("a/seed1", "a/seed2", "b/seed1", "b/seed2", "b/seed3"),
			[]meanColumn{{"mean a", []int{0, 1}}, {"mean b", []int{2, 3, 4}}}},
		{"a single-seed experiment beside another", runs("a/seed1", "a/seed2", "b/seed1"),
			[]meanColumn{{"mean a", []int{0, 1}}}},
		{"the seed folders of one experiment's directory", runs("seed1", "seed2"), []meanColumn{{"mean", []int{0, 1}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, meanColumns(tt.runs))
		})
	}
}
