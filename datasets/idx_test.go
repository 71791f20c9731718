package datasets

import (
	"bytes"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadImagesValid(t *testing.T) {
	raw := idxImages(3, 4, 5)
	for name, data := range map[string][]byte{"raw": raw, "gzip": gz(t, raw)} {
		t.Run(name, func(t *testing.T) {
			im, err := ReadImages("imgs", bytes.NewReader(data))
			require.NoError(t, err)
			assert.Equal(t, 3, im.N)
			assert.Equal(t, 4, im.Rows)
			assert.Equal(t, 5, im.Cols)
			assert.Equal(t, 20, im.Dim())
			require.Len(t, im.Pixels, 60)
			assert.Equal(t, raw[16:], im.Pixels)
		})
	}
}

func TestReadLabelsValid(t *testing.T) {
	raw := idxLabels(0, 9, 3)
	for name, data := range map[string][]byte{"raw": raw, "gzip": gz(t, raw)} {
		t.Run(name, func(t *testing.T) {
			l, err := ReadLabels("labs", bytes.NewReader(data), 10)
			require.NoError(t, err)
			assert.Equal(t, []uint8{0, 9, 3}, l)
		})
	}
}

func TestReadIDXErrors(t *testing.T) {
	imgs := idxImages(3, 28, 28)
	gzImgs := gz(t, imgs)
	// A valid gzip header followed by a deflate block of reserved type 3.
	corrupt := append(bytes.Clone(gzImgs[:10]), 0xff, 0xff, 0xff, 0xff)
	badCRC := bytes.Clone(gzImgs)
	badCRC[len(badCRC)-6] ^= 0xff // inside the CRC-32 of the gzip trailer
	huge := idxImages(0, 28, 28)
	copy(huge[4:], []byte{0xff, 0xff, 0xff, 0xff})
	zeroRows := idxImages(0, 0, 28)

	tests := []struct {
		name   string
		data   []byte
		labels bool
		want   []string
	}{
		{"empty file", nil, false, []string{"empty file"}},
		{"empty gzip", gz(t, nil), false, []string{"empty file"}},
		{"bad magic (labels file)", idxLabels(1, 2), false, []string{"bad magic 0x00000801", "want 0x00000803"}},
		{"bad magic (images file)", imgs, true, []string{"bad magic 0x00000803", "want 0x00000801"}},
		{"not gzip garbage", []byte("this is not an IDX file at all"), false, []string{"bad magic", "not an IDX file"}},
		{"truncated header", imgs[:10], false, []string{"truncated header: want 12 bytes, got 6"}},
		{"truncated raw data", imgs[:16+100], false, []string{"truncated data: want 2352 bytes, got 100"}},
		{"truncated gzip", gzImgs[:len(gzImgs)/2], false, []string{"truncated gzip stream"}},
		{"truncated gzip trailer", gzImgs[:len(gzImgs)-3], false, []string{"truncated gzip stream"}},
		{"corrupt gzip", corrupt, false, []string{"corrupt gzip stream"}},
		{"bad gzip crc", badCRC, false, []string{"corrupt gzip stream", "checksum"}},
		{"gzip header only", gzImgs[:5], false, []string{"corrupt gzip header"}},
		{"trailing garbage raw", append(bytes.Clone(imgs), 1, 2, 3), false, []string{"trailing garbage: 3 unexpected bytes"}},
		{"trailing garbage in gzip", gz(t, append(bytes.Clone(imgs), 7)), false, []string{"trailing garbage: 1 unexpected bytes"}},
		{"trailing garbage after gzip", append(bytes.Clone(gzImgs), "junk"...), false, []string{"trailing garbage: 4 unexpected bytes after the gzip stream"}},
		{"zero rows", zeroRows, false, []string{"dimension 1 is 0"}},
		{"huge dims", huge, false, []string{"bad header", "declare more than"}},
		{"label 10", idxLabels(1, 10, 2), true, []string{"label 10 at index 1 out of range: want < 10"}},
		{"truncated labels", idxLabels(1, 2, 3)[:10], true, []string{"truncated data: want 3 bytes, got 2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			const file = "some/dir/file-idx.gz"
			var err error
			if tc.labels {
				_, err = ReadLabels(file, bytes.NewReader(tc.data), 10)
			} else {
				_, err = ReadImages(file, bytes.NewReader(tc.data))
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), "datasets: "+file+": ")
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
			var fe *FormatError
			require.True(t, errors.As(err, &fe), "want a *FormatError, got %T", err)
			assert.Equal(t, file, fe.File)
		})
	}
}

func TestReadLabelsBadClasses(t *testing.T) {
	_, err := ReadLabels("l", bytes.NewReader(idxLabels(1)), 0)
	require.ErrorContains(t, err, "datasets: l: invalid class count 0")
}

// failingReader returns data and then a non-EOF error.
type failingReader struct{ data []byte }

var errDisk = errors.New("disk on fire")

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, errDisk
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestReadIDXReadError(t *testing.T) {
	_, err := ReadImages("f", &failingReader{data: idxImages(2, 28, 28)[:100]})
	require.ErrorIs(t, err, errDisk)
	assert.Contains(t, err.Error(), "datasets: f: read error: disk on fire")
}
