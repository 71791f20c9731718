package datasets

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// idxImages encodes an IDX images file with n images of rows x cols whose
// pixels are (i+j) % 256.
func idxImages(n, rows, cols int) []byte {
	b := binary.BigEndian.AppendUint32(nil, MagicImages)
	b = binary.BigEndian.AppendUint32(b, uint32(n))
	b = binary.BigEndian.AppendUint32(b, uint32(rows))
	b = binary.BigEndian.AppendUint32(b, uint32(cols))
	for i := range n * rows * cols {
		b = append(b, byte(i%256))
	}
	return b
}

// idxLabels encodes an IDX labels file.
func idxLabels(labels ...uint8) []byte {
	b := binary.BigEndian.AppendUint32(nil, MagicLabels)
	b = binary.BigEndian.AppendUint32(b, uint32(len(labels)))
	return append(b, labels...)
}

func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, err := w.Write(data)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return buf.Bytes()
}

// fixture is the content of the four MNIST files of a fake data directory,
// keyed by file name as written.
type fixture map[string][]byte

// smallMNIST returns a valid fake MNIST: 12 train and 5 test images of 28x28.
func smallMNIST(t testing.TB) fixture {
	trainLabels := []uint8{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1}
	testLabels := []uint8{9, 8, 7, 6, 5}
	return fixture{
		TrainImagesFile: gz(t, idxImages(len(trainLabels), 28, 28)),
		TrainLabelsFile: gz(t, idxLabels(trainLabels...)),
		TestImagesFile:  gz(t, idxImages(len(testLabels), 28, 28)),
		TestLabelsFile:  gz(t, idxLabels(testLabels...)),
	}
}

func (f fixture) write(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range f {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	return dir
}

func gunzip(b []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
