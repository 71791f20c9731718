package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
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
	assert.Contains(t, out, "train-images-idx3-ubyte.gz  images  60000 x 28x28  sha256 ok (mnist)")
	assert.Contains(t, out, "train-labels-idx1-ubyte.gz  labels  60000")
	assert.Contains(t, out, "t10k-images-idx3-ubyte.gz   images  10000 x 28x28  sha256 ok (mnist)")
	assert.Contains(t, out, "t10k-labels-idx1-ubyte.gz   labels  10000")
	assert.Contains(t, out, "all 4 files ok: mnist, 10 classes, 28x28 images")
}

// fashionDir returns the directory of Debian's dataset-fashion-mnist, skipping the test when it
// is not installed.
func fashionDir(t *testing.T) string {
	k, _ := datasets.Lookup("fashion-mnist")
	if _, err := os.Stat(filepath.Join(k.Dir(), datasets.TrainImagesFile)); err != nil {
		t.Skipf("Fashion-MNIST not installed (apt-get install dataset-fashion-mnist): %v", err)
	}
	return k.Dir()
}

func TestDataVerifyFashionMNIST(t *testing.T) {
	dir := fashionDir(t)
	for _, args := range [][]string{{"--data-dir", dir}, {"--dataset", "fashion-mnist"}} {
		out, err := runCmd(t, newDataCmd, append([]string{"verify"}, args...)...)
		require.NoError(t, err, out)
		assert.Contains(t, out, "train-images-idx3-ubyte.gz  images  60000 x 28x28  sha256 ok (fashion-mnist)")
		assert.Contains(t, out, "all 4 files ok: fashion-mnist, 10 classes, 28x28 images")
		assert.NotContains(t, out, "MISMATCH")
	}
	out, err := runCmd(t, newDataCmd, "verify", "--data-dir", dir, "--dataset", "mnist")
	require.Error(t, err, "Fashion-MNIST checked against MNIST's checksums")
	assert.Contains(t, out, "sha256 MISMATCH "+datasets.FashionMNISTSHA256[datasets.TrainImagesFile]+" (not mnist's)")
	assert.Contains(t, err.Error(), "sha256 mismatch")
}

// writeIDX writes a small valid IDX data set of unknown checksums: 3 classes of 4x5 images.
func writeIDX(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	images := func(n int) []byte {
		b := binary.BigEndian.AppendUint32(nil, datasets.MagicImages)
		for _, d := range []int{n, 4, 5} {
			b = binary.BigEndian.AppendUint32(b, uint32(d))
		}
		return append(b, make([]byte, n*20)...)
	}
	labels := func(l ...uint8) []byte {
		b := binary.BigEndian.AppendUint32(nil, datasets.MagicLabels)
		return append(binary.BigEndian.AppendUint32(b, uint32(len(l))), l...)
	}
	for name, data := range map[string][]byte{
		datasets.TrainImagesFile: images(3), datasets.TrainLabelsFile: labels(0, 1, 2),
		datasets.TestImagesFile: images(2), datasets.TestLabelsFile: labels(2, 1),
	} {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, err := zw.Write(data)
		require.NoError(t, err)
		require.NoError(t, zw.Close())
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644))
	}
	return dir
}

func TestDataVerifyUnknownDataset(t *testing.T) {
	dir := writeIDX(t)
	out, err := runCmd(t, newDataCmd, "verify", "--data-dir", dir)
	require.NoError(t, err, out)
	assert.Contains(t, out, "train-images-idx3-ubyte.gz  images  3 x 4x5")
	assert.Contains(t, out, "(no registered checksum)")
	assert.NotContains(t, out, "MISMATCH")
	assert.Contains(t, out, "all 4 files ok: a data set of unknown checksums, 3 classes, 4x5 images")
}

func TestDataVerifyFails(t *testing.T) {
	t.Run("empty dir", func(t *testing.T) {
		dir := t.TempDir()
		out, err := runCmd(t, newDataCmd, "verify", "--data-dir", dir)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "contains none of the four IDX files")
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
	t.Run("unknown data set name", func(t *testing.T) {
		_, err := runCmd(t, newDataCmd, "verify", "--dataset", "kmnist")
		require.Error(t, err)
		assert.Contains(t, err.Error(), `--dataset "kmnist": not a registered data set`)
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

func TestDataList(t *testing.T) {
	t.Setenv("SSGAN_FASHION_MNIST", filepath.Join(t.TempDir(), "absent"))
	out, err := runCmd(t, newDataCmd, "list")
	require.NoError(t, err)
	assert.Contains(t, out, "mnist ")
	assert.Contains(t, out, "fashion-mnist  "+filepath.Join(os.Getenv("SSGAN_FASHION_MNIST"))+" (absent; $SSGAN_FASHION_MNIST)")
	assert.Contains(t, out, "dataset-fashion-mnist")
}
