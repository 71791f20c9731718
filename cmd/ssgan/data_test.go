package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/internal/testutil"
)

func TestDataVerifyReal(t *testing.T) {
	dir := testutil.MNISTDir(t)
	out, err := runCmd(t, newDataCmd, "verify", "--data-dir", dir)
	require.NoError(t, err, out)
	assert.Contains(t, out, "train-images-idx3-ubyte.gz  images  60000 x 28x28  sha256 ok")
	assert.Contains(t, out, "train-labels-idx1-ubyte.gz  labels  60000")
	assert.Contains(t, out, "t10k-images-idx3-ubyte.gz   images  10000 x 28x28  sha256 ok")
	assert.Contains(t, out, "t10k-labels-idx1-ubyte.gz   labels  10000")
	assert.Contains(t, out, "all 4 files ok")
}

func TestDataVerifyFails(t *testing.T) {
	t.Run("empty dir", func(t *testing.T) {
		dir := t.TempDir()
		out, err := runCmd(t, newDataCmd, "verify", "--data-dir", dir)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "contains no MNIST files")
		assert.Contains(t, err.Error(), dir)
		assert.NotContains(t, out, "Usage:", "no usage dump for data errors")
	})
	t.Run("corrupt file", func(t *testing.T) {
		dir := t.TempDir()
		for _, name := range []string{datasets.TrainImagesFile, datasets.TrainLabelsFile,
			datasets.TestImagesFile, datasets.TestLabelsFile} {
			require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("garbage"), 0o644))
		}
		_, err := runCmd(t, newDataCmd, "verify", "--data-dir", dir)
		require.Error(t, err)
		assert.Contains(t, err.Error(), filepath.Join(dir, datasets.TrainImagesFile)+": bad magic")
	})
	t.Run("extra arg", func(t *testing.T) {
		_, err := runCmd(t, newDataCmd, "verify", "extra")
		require.Error(t, err)
	})
}

func TestDataVerifyDefaultDir(t *testing.T) {
	t.Setenv("SSGAN_DATA", filepath.Join(t.TempDir(), "absent"))
	_, err := runCmd(t, newDataCmd, "verify")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "absent does not exist")
}
