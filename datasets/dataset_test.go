package datasets

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadFixture(t *testing.T) {
	dir := smallMNIST(t).write(t)
	m, err := Load(dir)
	require.NoError(t, err)
	assert.Equal(t, 12, m.Train.Len())
	assert.Equal(t, 5, m.Test.Len())
	assert.Equal(t, 12, m.Train.Images.N)
	assert.Equal(t, []uint8{9, 8, 7, 6, 5}, m.Test.Labels)
	assert.Len(t, m.Test.Images.Pixels, 5*28*28)
}

func TestLoadRawFallback(t *testing.T) {
	f := fixture{}
	for name, data := range smallMNIST(t) {
		raw, err := gunzip(data)
		require.NoError(t, err)
		f[strings.TrimSuffix(name, ".gz")] = raw
	}
	// One file stays gzipped, under its .gz name.
	f[TestLabelsFile] = gz(t, f[strings.TrimSuffix(TestLabelsFile, ".gz")])
	delete(f, strings.TrimSuffix(TestLabelsFile, ".gz"))
	m, err := Load(f.write(t))
	require.NoError(t, err)
	assert.Equal(t, 12, m.Train.Len())

	reps, err := Verify(f.write(t))
	require.NoError(t, err, "a data set of unknown checksums is reported, not refused")
	require.Len(t, reps, 4)
	assert.Equal(t, "train-images-idx3-ubyte", reps[0].Name)
	assert.False(t, reps[0].Gzip)
	assert.False(t, reps[0].ChecksumOK)
}

func TestLoadErrors(t *testing.T) {
	imgs := gz(t, idxImages(12, 28, 28))
	tests := []struct {
		name   string
		mutate func(f fixture)
		file   string // file the error must name ("" = the directory)
		want   []string
	}{
		{"missing file", func(f fixture) { delete(f, TestImagesFile) }, TestImagesFile,
			[]string{"missing file", "also tried t10k-images-idx3-ubyte"}},
		{"empty dir", func(f fixture) { clear(f) }, "", []string{"contains none of the four IDX files", "make data"}},
		{"empty file", func(f fixture) { f[TrainLabelsFile] = nil }, TrainLabelsFile, []string{"empty file"}},
		{"truncated gzip", func(f fixture) { f[TrainImagesFile] = imgs[:len(imgs)/2] }, TrainImagesFile,
			[]string{"truncated gzip stream"}},
		{"not gzip garbage", func(f fixture) { f[TestImagesFile] = []byte("<html>404 not found</html>") }, TestImagesFile,
			[]string{"bad magic", "not an IDX file"}},
		{"bad magic", func(f fixture) { f[TrainImagesFile] = f[TrainLabelsFile] }, TrainImagesFile,
			[]string{"bad magic 0x00000801"}},
		{"test label not a training class", func(f fixture) { f[TestLabelsFile] = gz(t, idxLabels(1, 2, 10, 3, 4)) }, TestLabelsFile,
			[]string{"label 10 at index 2 out of range: the training labels have classes 0..9"}},
		{"test images of another size", func(f fixture) { f[TestImagesFile] = gz(t, idxImages(5, 27, 28)) }, TestImagesFile,
			[]string{"images are 27x28, but the training images (train-images-idx3-ubyte.gz) are 28x28"}},
		{"count mismatch", func(f fixture) { f[TrainLabelsFile] = gz(t, idxLabels(1, 2, 3)) }, TrainImagesFile,
			[]string{"count mismatch", "has 12 images but", TrainLabelsFile + " has 3 labels"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := smallMNIST(t)
			tc.mutate(f)
			dir := f.write(t)
			for fn, call := range map[string]func() error{
				"Load":   func() error { _, err := Load(dir); return err },
				"Verify": func() error { _, err := Verify(dir); return err },
			} {
				err := call()
				require.Error(t, err, fn)
				msg := err.Error()
				assert.True(t, strings.HasPrefix(msg, "datasets: "), "%s: %q", fn, msg)
				assert.Contains(t, msg, filepath.Join(dir, tc.file), fn)
				for _, w := range tc.want {
					assert.Contains(t, msg, w, fn)
				}
			}
		})
	}
}

func TestLoadMissingDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nope")
	_, err := Load(dir)
	require.ErrorIs(t, err, fs.ErrNotExist)
	assert.Contains(t, err.Error(), "datasets: data directory "+dir+" does not exist")
	_, err = Verify(dir)
	require.ErrorIs(t, err, fs.ErrNotExist)
}

func TestLoadMissingFileIsNotExist(t *testing.T) {
	f := smallMNIST(t)
	delete(f, TrainLabelsFile)
	_, err := Load(f.write(t))
	require.True(t, errors.Is(err, fs.ErrNotExist), "%v", err)
}

func TestLoadSizeAndClassesFromData(t *testing.T) {
	f := fixture{
		TrainImagesFile: gz(t, idxImages(4, 5, 7)),
		TrainLabelsFile: gz(t, idxLabels(0, 1, 2, 2)),
		TestImagesFile:  gz(t, idxImages(2, 5, 7)),
		TestLabelsFile:  gz(t, idxLabels(2, 0)),
	}
	d, err := Load(f.write(t))
	require.NoError(t, err)
	assert.Equal(t, 3, d.Classes)
	assert.Equal(t, 35, d.Train.Images.Dim())
	assert.Equal(t, 5, d.Test.Images.Rows)
	require.Len(t, d.Files, 4)
	assert.Equal(t, []string{TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile},
		[]string{d.Files[0].Name, d.Files[1].Name, d.Files[2].Name, d.Files[3].Name})
	assert.Len(t, d.SHA256(), 4)
	assert.Equal(t, d.Files[2].SHA256, d.SHA256()[TestImagesFile])
	assert.Empty(t, d.Name, "Load does not name the data; Open does")
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("SSGAN_DATA", "")
	assert.Equal(t, filepath.Join("data", "mnist"), DefaultDir())
	t.Setenv("SSGAN_DATA", "/somewhere/else")
	assert.Equal(t, "/somewhere/else", DefaultDir())
}
