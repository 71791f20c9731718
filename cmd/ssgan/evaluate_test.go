package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/experiments"
	"github.com/ssgan/ssgan/internal/weights"
	"github.com/ssgan/ssgan/results"
)

// TestEvaluateRun trains a tiny SSGAN for 3 iterations on MNIST with the CLI, then re-evaluates
// the weights file the run wrote: the test errors are exactly the final ones of its result.json.
func TestEvaluateRun(t *testing.T) {
	mnist := mnistDirForRun(t)
	out := t.TempDir()
	_, line := execRoot(t, nil, "run", writeFile(t, "tiny.yaml", tinySpecYAML), "--out", out, "--data-dir", mnist)
	require.Empty(t, line)
	dir := filepath.Join(out, "tiny-cli", "seed1")
	rec, err := results.ReadRecord(filepath.Join(dir, results.RecordFile))
	require.NoError(t, err)
	require.Equal(t, 10000, rec.TestSize)
	counts := fmt.Sprintf("%d / %d", rec.FinalTestErrors, rec.TestSize)

	got, line := execRoot(t, nil, "evaluate", dir, "--data-dir", mnist)
	require.Empty(t, line, got)
	assertOutput(t, got, []string{
		filepath.Join(dir, experiments.WeightsFile) + ": tiny-cli (ssgan, 100 labels, seeds 1/1), 1 epoch (3 iterations), sha256 " + rec.WeightsSHA256,
		"test errors: " + counts + " (", "on the mnist test set",
		"meta.json: final test errors " + counts + ": match",
		"result.json: final test errors " + counts + ": match",
	}, []string{"DIFFER"})

	// The file alone is compared with its own metadata.
	got, line = execRoot(t, nil, "evaluate", filepath.Join(dir, experiments.WeightsFile), "--data-dir", mnist)
	require.Empty(t, line, got)
	assertOutput(t, got, []string{"meta.json: final test errors " + counts + ": match"}, []string{"result.json"})

	// A record that says otherwise fails, naming what differs.
	tamper := func(edit func(*results.Record)) string {
		r := rec
		edit(&r)
		require.NoError(t, results.WriteRecord(filepath.Join(dir, results.RecordFile), &r))
		got, line := execRoot(t, nil, "evaluate", dir, "--data-dir", mnist)
		assert.NotContains(t, line, "\n")
		return got + line
	}
	got = tamper(func(r *results.Record) { r.FinalTestErrors++ })
	assert.Contains(t, got, fmt.Sprintf("result.json: final test errors %d / %d: DIFFER", rec.FinalTestErrors+1, rec.TestSize))
	assert.Contains(t, got, fmt.Sprintf("ssgan: evaluate %s: result.json records %d / %d test errors, the weights make %s (trained with BLAS",
		filepath.Join(dir, experiments.WeightsFile), rec.FinalTestErrors+1, rec.TestSize, counts))
	got = tamper(func(r *results.Record) { r.WeightsSHA256 = "0123" })
	assert.Contains(t, got, `result.json records weights sha256 "0123", the file's is `+rec.WeightsSHA256)
}

// TestEvaluateErrors gives evaluate wrong, truncated or mismatched weight files and data: each
// is a one-line error naming the file and what is wrong.
func TestEvaluateErrors(t *testing.T) {
	m := tinyClassifier(t, "ssgan")
	good := writeWeightsFile(t, m, 0)
	dir := t.TempDir()
	file := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, data, 0o644))
		return path
	}
	whole, err := os.ReadFile(good)
	require.NoError(t, err)
	tensors, _, err := m.Weights()
	require.NoError(t, err)
	f, err := weights.Read(good)
	require.NoError(t, err)
	rewrite := func(name string, edit func(*weights.Meta), tensors []weights.Tensor) string {
		meta := f.Meta
		if edit != nil {
			edit(&meta)
		}
		path := filepath.Join(dir, name)
		_, err := weights.Write(path, meta, tensors)
		require.NoError(t, err)
		return path
	}
	missing := rewrite("missing.npz", nil, tensors[1:])
	reshaped := append([]weights.Tensor{{Name: tensors[0].Name, Shape: []int{28, 28 * 12}, Data: tensors[0].Data}}, tensors[1:]...)
	wrongShape := rewrite("shape.npz", nil, reshaped)
	extra := rewrite("extra.npz", nil, append(tensors, weights.Tensor{Name: "D/layer9/V", Shape: []int{1}, Data: []float32{0}}))
	gan := rewrite("gan.npz", func(w *weights.Meta) { w.Kind = "gan" }, tensors)
	otherModel := rewrite("model.npz", func(w *weights.Meta) {
		var c map[string]any
		require.NoError(t, json.Unmarshal(w.Model, &c))
		c["d_hidden"] = []int{12, 12}
		w.Model, err = json.Marshal(c)
		require.NoError(t, err)
	}, tensors)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"not an npz", []string{file("notes.txt", []byte("weights"))}, []string{"notes.txt: not an .npz archive"}},
		{"truncated", []string{file("cut.npz", whole[:len(whole)-30])}, []string{"cut.npz: not an .npz archive", "truncated"}},
		{"empty", []string{file("empty.npz", nil)}, []string{"empty.npz: empty file, not an .npz archive"}},
		{"missing array", []string{missing}, []string{missing + `: array "D/layer0/V" is missing`}},
		{"wrong shape", []string{wrongShape}, []string{wrongShape + `: array "D/layer0/V" has shape (28, 336), the model meta.json describes needs (784, 12)`}},
		{"extra array", []string{extra}, []string{extra + `: array "D/layer9/V" is not part of the model meta.json describes`}},
		{"other model", []string{otherModel}, []string{otherModel + `: array "D/layer1/V" is missing`}},
		{"gan weights", []string{gan}, []string{gan + `: meta.json kind "gan": not a classifier's weights`}},
		{"run dir without weights", []string{dir}, []string{"run directory " + dir + " has no weights.npz"}},
		{"images of another size", []string{good, "--data-dir", writeIDX(t)}, []string{"images of 4×5 pixels, but the model of " + good + " takes 28×28"}},
		{"no data", []string{good, "--data-dir", filepath.Join(dir, "absent")}, []string{"datasets: data directory", "absent does not exist"}},
		{"no argument", nil, []string{"accepts 1 arg(s), received 0"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, line := execRoot(t, nil, append([]string{"evaluate"}, tc.args...)...)
			requireOneLineError(t, out, line, tc.want)
		})
	}
}
