package experiments

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/results"
)

// TestSpecDataset checks the dataset field: registered names and paths validate, anything else
// is refused naming the field, and the data set is not part of the hash.
func TestSpecDataset(t *testing.T) {
	tests := []struct {
		yaml string
		want string // the spec's Dataset, or the error
		bad  bool
	}{
		{yaml: "name: x\n", want: "mnist"},
		{yaml: "name: x\ndataset: fashion-mnist\n", want: "fashion-mnist"},
		{yaml: "name: x\ndataset: ./kmnist\n", want: "./kmnist"},
		{yaml: "name: x\ndataset: kmnist\n", bad: true,
			want: `x.yaml: dataset: "kmnist": not a registered data set (mnist, fashion-mnist) nor a path to an IDX directory`},
		{yaml: "name: x\ndataset: [mnist]\n", bad: true, want: "line 2: dataset[0]: cannot unmarshal !!seq into string"},
	}
	for _, tc := range tests {
		s, err := ParseSpec("x.yaml", strings.NewReader(tc.yaml))
		if tc.bad {
			require.Error(t, err, tc.yaml)
			assert.Contains(t, err.Error(), tc.want)
			continue
		}
		require.NoError(t, err, tc.yaml)
		assert.Equal(t, tc.want, s.Dataset)
	}
	a := DefaultSpec()
	a.Name = "x"
	b := a
	b.Dataset = "fashion-mnist"
	assert.Equal(t, a.Hash(), b.Hash(), "the data are identified by dataset.json, not the hash")
}

// TestPublishedHashes pins the hashes of the published MNIST runs: naming the data set in the
// spec did not change them, so those run directories still resume and count as finished.
func TestPublishedHashes(t *testing.T) {
	for name, want := range map[string]string{
		"mnist-ssgan-100": "3e170400d4c6c113", "mnist-supervised-100": "b7eeb2259dbeb84b",
		"mnist-supervised-all": "94f7f68146d07b09",
	} {
		s, ok := Lookup(name)
		require.True(t, ok)
		assert.Equal(t, want, s.Hash(), name)
	}
}

// TestFashionExperiments checks the registered Fashion-MNIST experiments are their MNIST
// counterparts but for the name, description and data set.
func TestFashionExperiments(t *testing.T) {
	for fashion, mnist := range map[string]string{
		"fashion-mnist-ssgan-100": "mnist-ssgan-100", "fashion-mnist-supervised-100": "mnist-supervised-100",
	} {
		f, ok := Lookup(fashion)
		require.True(t, ok, fashion)
		m, _ := Lookup(mnist)
		assert.Equal(t, "fashion-mnist", f.Dataset)
		f.Name, f.Description, f.Dataset = m.Name, m.Description, m.Dataset
		assert.Equal(t, m, f, fashion)
	}
}

// withFiles returns the data with made-up file reports whose SHA-256 all start with tag.
func withFiles(d *datasets.Dataset, name, tag string) *datasets.Dataset {
	c := *d
	c.Name, c.Files = name, nil
	for _, f := range []string{datasets.TrainImagesFile, datasets.TrainLabelsFile, datasets.TestImagesFile, datasets.TestLabelsFile} {
		c.Files = append(c.Files, datasets.FileReport{Name: f, SHA256: tag + strings.Repeat("0", 60)})
	}
	return &c
}

// TestRunDirRefusesOtherData runs a task, then asks for the same run directory on other data:
// finished, interrupted or made before data sets were recorded, it is refused with one line
// naming both data sets, and nothing in it changes.
func TestRunDirRefusesOtherData(t *testing.T) {
	tiny := tinyMNIST(200, 100)
	mnist, fashion := withFiles(tiny, "mnist", "aaaa"), withFiles(tiny, "fashion-mnist", "bbbb")
	onFashion := func(s *Spec) { s.Dataset = "fashion-mnist" }

	t.Run("finished", func(t *testing.T) {
		out := t.TempDir()
		task := tinyTask(t, nil)
		rec, err := RunTask(context.Background(), task, mnist, quiet(out))
		require.NoError(t, err)
		assert.Equal(t, "mnist", rec.Dataset)
		assert.Equal(t, mnist.SHA256(), rec.DatasetSHA256)
		saved, err := results.ReadRecord(filepath.Join(runPath(out, task), results.RecordFile))
		require.NoError(t, err)
		assert.Equal(t, mnist.SHA256(), saved.DatasetSHA256)
		var id datasets.Identity
		b, err := os.ReadFile(filepath.Join(runPath(out, task), DatasetFile))
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(b, &id))
		assert.Equal(t, mnist.Identity(), id)

		_, err = RunTask(context.Background(), tinyTask(t, onFashion), fashion, quiet(out))
		require.Error(t, err)
		msg := err.Error()
		assert.NotContains(t, msg, "\n")
		assert.Contains(t, msg, runPath(out, task)+" was made on data set mnist (sha256 ")
		assert.Contains(t, msg, "aaaa")
		assert.Contains(t, msg, "not fashion-mnist (sha256 ")
		assert.Contains(t, msg, "bbbb")

		// The same name with other files is other data too.
		_, err = RunTask(context.Background(), task, withFiles(tiny, "mnist", "cccc"), quiet(out))
		require.ErrorContains(t, err, "was made on data set mnist")
		again, err := RunTask(context.Background(), task, mnist, quiet(out))
		require.NoError(t, err)
		assert.Equal(t, rec.FinalTestErrors, again.FinalTestErrors)
	})
	t.Run("interrupted", func(t *testing.T) {
		out := t.TempDir()
		task := tinyTask(t, nil)
		_, err := RunTask(newCancelAfter(3), task, mnist, quiet(out))
		require.ErrorIs(t, err, ErrInterrupted)
		_, err = RunTask(context.Background(), tinyTask(t, onFashion), fashion, quiet(out))
		require.ErrorContains(t, err, "was made on data set mnist (sha256 ")
		_, err = os.Stat(filepath.Join(runPath(out, task), results.RecordFile))
		assert.ErrorIs(t, err, os.ErrNotExist, "the refused run was not resumed")
	})
	t.Run("made before data sets were recorded", func(t *testing.T) {
		out := t.TempDir()
		task := tinyTask(t, nil)
		dir := runPath(out, task)
		require.NoError(t, os.MkdirAll(dir, 0o755))
		var legacy []string
		for _, l := range strings.Split(string(task.Spec.YAML()), "\n") {
			if !strings.HasPrefix(l, "dataset:") {
				legacy = append(legacy, l)
			}
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, SpecFile), []byte(strings.Join(legacy, "\n")), 0o644))
		_, err := RunTask(context.Background(), tinyTask(t, onFashion), fashion, quiet(out))
		require.ErrorContains(t, err, dir+" was made on data set mnist, not fashion-mnist (sha256 ")
		_, err = RunTask(context.Background(), task, mnist, quiet(out))
		require.NoError(t, err, "an MNIST run of before goes on as MNIST")
		assert.FileExists(t, filepath.Join(dir, DatasetFile))
	})
	t.Run("data of another data set than the spec's", func(t *testing.T) {
		_, err := RunTask(context.Background(), tinyTask(t, onFashion), mnist, quiet(t.TempDir()))
		require.ErrorContains(t, err, "tiny-ssgan is on data set fashion-mnist, but the data given are mnist")
	})
}

// TestModelMustFitData refuses a model whose input size or class count is not the data's,
// naming the field, before any run directory is made.
func TestModelMustFitData(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Spec)
		want string
	}{
		{"input size", func(s *Spec) { s.Model.InputDim = 100 }, "tiny-ssgan: model.input_dim 100 does not fit data set mnist: 28x28 images (784 pixels)"},
		{"classes", func(s *Spec) { s.Model.Classes = 5 }, "tiny-ssgan: model.classes 5 does not fit data set mnist: 10 classes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			_, err := RunTask(context.Background(), tinyTask(t, tc.edit), tinyMNIST(50, 20), quiet(out))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			entries, err := os.ReadDir(out)
			require.NoError(t, err)
			assert.Empty(t, entries)
		})
	}
}

// TestDataSetsOpensEachOnce opens a path data set through the cache, and refuses MNIST's files
// given as Fashion-MNIST's.
func TestDataSetsOpensEachOnce(t *testing.T) {
	mnistDir := filepath.Join(repoRoot(t), "data", "mnist")
	loadMNIST(t) // skips without the files
	c := NewDataSets("")
	s := tinySpec(t, func(s *Spec) { s.Dataset = mnistDir })
	a, err := c.For(s)
	require.NoError(t, err)
	assert.Equal(t, "mnist", a.Name, "a path holding MNIST's files is MNIST")
	b, err := c.For(s)
	require.NoError(t, err)
	assert.Same(t, a, b)

	_, err = NewDataSets(mnistDir).For(tinySpec(t, func(s *Spec) { s.Dataset = "fashion-mnist" }))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "tiny-ssgan: dataset fashion-mnist: datasets: "+mnistDir+" holds mnist (the SHA-256 of its four files), not fashion-mnist")
}

// TestAllLabelsFromData records, for labels_per_class 0, the data set's own number of training
// images rather than MNIST's 60,000.
func TestAllLabelsFromData(t *testing.T) {
	task := tinyTask(t, func(s *Spec) { s.Model.Method, s.LabelsPerClass = "supervised", 0 })
	rec, err := RunTask(context.Background(), task, tinyMNIST(200, 100), quiet(t.TempDir()))
	require.NoError(t, err)
	assert.Equal(t, 200, rec.Labels)
}

// TestSizesFromData trains a classifier on a data set of 8×8 images and 3 classes with a spec
// that leaves input_dim and classes at MNIST's defaults: the sizes come from the data, and the
// resolved spec.yaml records them.
func TestSizesFromData(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	set := func(n int) *datasets.Set {
		im := &datasets.Images{N: n, Rows: 8, Cols: 8, Pixels: make([]uint8, n*64)}
		labels := make([]uint8, n)
		for i := range labels {
			labels[i] = uint8(i % 3)
			for p := range 64 {
				im.Pixels[i*64+p] = uint8(rng.IntN(40) + 60*int(labels[i]))
			}
		}
		return &datasets.Set{Images: im, Labels: labels}
	}
	data := &datasets.Dataset{Train: set(60), Test: set(30)}
	task := tinyTask(t, func(s *Spec) { s.Model.Method, s.Model.InitRows = "supervised", 20 })
	require.Equal(t, 784, task.Spec.Model.InputDim)
	out := t.TempDir()
	rec, err := RunTask(context.Background(), task, data, quiet(out))
	require.NoError(t, err)
	assert.Equal(t, 30, rec.TestSize)
	assert.Len(t, rec.Confusion, 3)
	saved, err := LoadSpec(filepath.Join(runPath(out, task), SpecFile))
	require.NoError(t, err)
	assert.Equal(t, 64, saved.Model.InputDim)
	assert.Equal(t, 3, saved.Model.Classes)
}
