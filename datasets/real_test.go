package datasets

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/internal/testutil"
)

// realDir returns the repository's data/mnist directory, skipping the test when the MNIST files
// are absent.
func realDir(t *testing.T) string { return testutil.MNISTDir(t) }

func histogram(labels []uint8) []int {
	h := make([]int, MNISTClasses)
	for _, l := range labels {
		h[l]++
	}
	return h
}

func TestRealMNIST(t *testing.T) {
	dir := realDir(t)
	m, err := Load(dir)
	require.NoError(t, err)

	assert.Equal(t, 60000, m.Train.Len())
	assert.Equal(t, 60000, m.Train.Images.N)
	assert.Equal(t, 10000, m.Test.Len())
	assert.Equal(t, 10000, m.Test.Images.N)
	assert.Equal(t, 28, m.Train.Images.Rows)
	assert.Equal(t, 28, m.Train.Images.Cols)
	assert.Equal(t, []int{5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, histogram(m.Train.Labels))
	assert.Equal(t, []int{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, histogram(m.Test.Labels))

	// The first training image is a 5 whose pixels sum to 27525 (computed once
	// with this package and cross-checked in Python:
	// sum(gzip.open("train-images-idx3-ubyte.gz").read()[16:16+784])).
	assert.Equal(t, uint8(5), m.Train.Labels[0])
	sum := 0
	for _, p := range m.Train.Images.Row(0) {
		sum += int(p)
	}
	assert.Equal(t, 27525, sum)

	x := m.Train.Images.Float32(-1, 1)
	require.Len(t, x, 60000*784)
	assert.InDelta(t, float64(2*27525)/255-784, sumF(x[:784]), 1e-3)

	reps, err := Verify(dir)
	require.NoError(t, err)
	require.Len(t, reps, 4)
	want := []FileReport{
		{Name: TrainImagesFile, Kind: "images", Count: 60000, Rows: 28, Cols: 28},
		{Name: TrainLabelsFile, Kind: "labels", Count: 60000},
		{Name: TestImagesFile, Kind: "images", Count: 10000, Rows: 28, Cols: 28},
		{Name: TestLabelsFile, Kind: "labels", Count: 10000},
	}
	for i, w := range want {
		r := reps[i]
		assert.Equal(t, w.Name, r.Name)
		assert.Equal(t, w.Kind, r.Kind)
		assert.Equal(t, w.Count, r.Count)
		assert.Equal(t, w.Rows, r.Rows)
		assert.Equal(t, w.Cols, r.Cols)
		assert.Equal(t, KnownSHA256[w.Name], r.SHA256)
		assert.True(t, r.Gzip)
		assert.True(t, r.ChecksumOK)
	}
}

func sumF(x []float32) float64 {
	s := 0.0
	for _, v := range x {
		s += float64(v)
	}
	return s
}

// fashionDir returns the directory of Debian's dataset-fashion-mnist, skipping the test when it
// is not installed.
func fashionDir(t *testing.T) string {
	k, _ := Lookup("fashion-mnist")
	dir := k.Dir()
	if _, err := Load(dir); err != nil {
		t.Skipf("Fashion-MNIST not installed (apt-get install dataset-fashion-mnist): %v", err)
	}
	return dir
}

func TestRealFashionMNIST(t *testing.T) {
	dir := fashionDir(t)
	reps, err := Verify(dir)
	require.NoError(t, err)
	require.Len(t, reps, 4)
	for _, r := range reps {
		assert.Equal(t, "fashion-mnist", r.Dataset, r.Name)
		assert.True(t, r.ChecksumOK, r.Name)
		assert.Equal(t, FashionMNISTSHA256[r.Name], r.SHA256)
	}
	_, err = VerifyAs(dir, "mnist")
	require.Error(t, err, "Fashion-MNIST's files are not MNIST's")
	assert.Contains(t, err.Error(), "sha256 mismatch")

	d, err := Open("fashion-mnist", "")
	require.NoError(t, err)
	assert.Equal(t, "fashion-mnist", d.Name)
	assert.Equal(t, 10, d.Classes)
	assert.Equal(t, 60000, d.Train.Len())
	assert.Equal(t, 10000, d.Test.Len())
	assert.Equal(t, 784, d.Train.Images.Dim())
	assert.Equal(t, []int{6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000}, histogram(d.Train.Labels))

	_, err = Open("mnist", dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), dir+" holds fashion-mnist (the SHA-256 of its four files), not mnist")
}
