package datasets

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
)

// idxBytes builds a small IDX file: a header of the given magic and dimensions, then body.
func idxBytes(magic uint32, dims []uint32, body []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.BigEndian, magic)
	for _, d := range dims {
		binary.Write(&b, binary.BigEndian, d)
	}
	b.Write(body)
	return b.Bytes()
}

// FuzzReadIDX feeds arbitrary bytes to the image and label readers: they must never panic, and
// every error must be a one-line message that names the file.
func FuzzReadIDX(f *testing.F) {
	images := idxImages(2, 2, 2)
	labels := idxLabels(0, 9, 3)
	for _, seed := range [][]byte{images, labels, gz(f, images), gz(f, labels), images[:9], gz(f, images)[:12], {}, {0x1f, 0x8b},
		idxBytes(MagicImages, []uint32{1 << 30, 1 << 30, 1 << 30}, nil), idxBytes(MagicLabels, []uint32{1}, []byte{10})} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		check := func(err error) {
			if err == nil {
				return
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "datasets: fuzz.idx") || strings.Contains(msg, "\n") {
				t.Fatalf("error does not name the file on one line: %q", msg)
			}
		}
		im, err := ReadImages("fuzz.idx", bytes.NewReader(data))
		check(err)
		if err == nil && len(im.Pixels) != im.N*im.Rows*im.Cols {
			t.Fatalf("%d pixels for %d images of %dx%d", len(im.Pixels), im.N, im.Rows, im.Cols)
		}
		ls, err := ReadLabels("fuzz.idx", bytes.NewReader(data), 10)
		check(err)
		for _, l := range ls {
			if l >= 10 {
				t.Fatalf("label %d accepted", l)
			}
		}
	})
}
