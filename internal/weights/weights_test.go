package weights

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testMeta is the metadata of the test files.
func testMeta() Meta {
	errs := 0
	return Meta{Kind: "classifier", Method: "ssgan", Experiment: "t", Dataset: "mnist", ImageRows: 2, ImageCols: 3,
		PixelRange: [2]float64{0, 1}, Classes: 2, Model: json.RawMessage(`{"classes":2}`), FinalTestErrors: &errs, TestSize: 5}
}

// testTensors are a matrix and a vector with values that are not round numbers.
func testTensors() []Tensor {
	return []Tensor{
		{Name: "D/layer0/V", Shape: []int{2, 3}, Data: []float32{1, -2.5, 3.25, float32(math.Pi), 0, -1e-7}},
		{Name: "D/layer0/b", Shape: []int{3}, Data: []float32{0.1, 0.2, 0.3}},
	}
}

func TestWriteRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	sum, err := Write(path, testMeta(), testTensors())
	require.NoError(t, err)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	digest := sha256.Sum256(data)
	assert.Equal(t, hex.EncodeToString(digest[:]), sum)
	again, err := Encode(testMeta(), testTensors())
	require.NoError(t, err)
	assert.Equal(t, data, again, "the same content gives the same bytes")

	f, err := Read(path)
	require.NoError(t, err)
	assert.Equal(t, sum, f.SHA256)
	assert.Equal(t, Format, f.Meta.Format)
	want := testMeta()
	want.Format = Format
	assert.JSONEq(t, string(want.Model), string(f.Meta.Model))
	want.Model = f.Meta.Model // indented in the file
	assert.Equal(t, want, f.Meta)
	assert.Equal(t, []string{"D/layer0/V", "D/layer0/b"}, f.Names())
	for _, tt := range testTensors() {
		v, err := f.Take(tt.Name, tt.Shape)
		require.NoError(t, err)
		assert.Equal(t, tt.Data, v, tt.Name)
	}
	assert.NoError(t, f.Unused())
}

func TestTakeErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	_, err := Write(path, testMeta(), testTensors())
	require.NoError(t, err)
	tests := []struct {
		name  string
		array string
		shape []int
		want  string
	}{
		{"missing", "D/layer1/V", []int{3, 1}, `array "D/layer1/V" is missing (the model meta.json describes needs it, shape (3, 1))`},
		{"wrong shape", "D/layer0/V", []int{3, 2}, `array "D/layer0/V" has shape (2, 3), the model meta.json describes needs (3, 2)`},
		{"vector for a row", "D/layer0/b", []int{1, 3}, `array "D/layer0/b" has shape (3,), the model meta.json describes needs (1, 3)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Read(path)
			require.NoError(t, err)
			_, err = f.Take(tc.array, tc.shape)
			require.Error(t, err)
			assert.Equal(t, "weights: "+path+": "+tc.want, err.Error())
		})
	}
	f, err := Read(path)
	require.NoError(t, err)
	_, err = f.Take("D/layer0/V", []int{2, 3})
	require.NoError(t, err)
	assert.EqualError(t, f.Unused(), "weights: "+path+`: array "D/layer0/b" is not part of the model meta.json describes`)
}

func TestWriteErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		tensors []Tensor
		want    string
	}{
		{"size", []Tensor{{Name: "a", Shape: []int{2, 2}, Data: []float32{1}}}, `array "a": shape (2, 2) holds 4 values, data has 1`},
		{"three dimensions", []Tensor{{Name: "a", Shape: []int{1, 1, 1}, Data: []float32{1}}}, `array "a": 3 dimensions; only 1 and 2 are written`},
		{"twice", []Tensor{{Name: "a", Shape: []int{1}, Data: []float32{1}}, {Name: "a", Shape: []int{1}, Data: []float32{1}}}, `array "a" appears twice`},
		{"meta name", []Tensor{{Name: MetaArray, Shape: []int{1}, Data: []float32{1}}}, `array "meta.json" appears twice`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".npz")
			_, err := Write(path, testMeta(), tc.tensors)
			require.Error(t, err)
			assert.Equal(t, "weights: "+path+": "+tc.want, err.Error())
			assert.NoFileExists(t, path)
		})
	}
}

// npyBytes builds an .npy array (format 1.0) with the given header fields and data bytes.
func npyBytes(descr string, fortran bool, shape string, data []byte) []byte {
	order := "False"
	if fortran {
		order = "True"
	}
	h := fmt.Sprintf("{'descr': '%s', 'fortran_order': %s, 'shape': %s, }", descr, order, shape)
	for (10+len(h)+1)%64 != 0 {
		h += " "
	}
	h += "\n"
	var b bytes.Buffer
	b.WriteString("\x93NUMPY\x01\x00")
	binary.Write(&b, binary.LittleEndian, uint16(len(h)))
	b.WriteString(h)
	b.Write(data)
	return b.Bytes()
}

// float32Bytes is the little-endian encoding of v.
func float32Bytes(v ...float32) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, v)
	return b.Bytes()
}

// entry is one file of a hand-made archive.
type entry struct {
	name string
	data []byte
}

// zipBytes builds a zip archive of the entries, deflated.
func zipBytes(t *testing.T, entries ...entry) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, e := range entries {
		f, err := w.Create(e.name)
		require.NoError(t, err)
		_, err = f.Write(e.data)
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	return b.Bytes()
}

// metaEntry is a valid meta.json entry.
func metaEntry(t *testing.T) entry {
	js, err := json.Marshal(Meta{Format: Format, Kind: "classifier"})
	require.NoError(t, err)
	return entry{MetaArray + ".npy", npyBytes("|u1", false, fmt.Sprintf("(%d,)", len(js)), js)}
}

// TestReadErrors gives Read files that are not weights files, truncated or corrupt ones and ones
// with arrays of the wrong kind: each is a one-line error naming the file and what is wrong.
func TestReadErrors(t *testing.T) {
	good, err := Encode(testMeta(), testTensors())
	require.NoError(t, err)
	// corrupt flips bytes in the middle of the first array's compressed data (after meta.json).
	corrupt := bytes.Clone(good)
	i := bytes.Index(corrupt, []byte("D/layer0/V.npy")) + len("D/layer0/V.npy") + 20
	for k := i; k < i+8; k++ {
		corrupt[k] ^= 0xff
	}
	vec := float32Bytes(1, 2, 3)
	tests := []struct {
		name string
		data []byte // nil: no file
		dir  bool
		want string
	}{
		{"missing", nil, false, "no such file or directory"},
		{"directory", nil, true, "is a directory"},
		{"empty", []byte{}, false, "empty file, not an .npz archive"},
		{"text", []byte("D/layer0/V = [1, 2, 3]\n"), false, "not an .npz archive (zip: not a valid zip file); truncated or another kind of file"},
		{"truncated", good[:len(good)/2], false, "not an .npz archive"},
		{"corrupt data", corrupt, false, `array "D/layer0/V": `},
		{"not npy entry", zipBytes(t, metaEntry(t), entry{"notes.txt", []byte("hi")}), false, `entry "notes.txt" is not an .npy array`},
		{"no meta", zipBytes(t, entry{"a.npy", npyBytes("<f4", false, "(3,)", vec)}), false, "no meta.json array: not an ssgan weights file"},
		{"meta not json", zipBytes(t, entry{"meta.json.npy", npyBytes("|u1", false, "(3,)", []byte("{x}"))}), false, "meta.json: invalid character 'x'"},
		{"meta as floats", zipBytes(t, entry{"meta.json.npy", npyBytes("<f4", false, "(3,)", vec)}), false, `array "meta.json": dtype <f4, want uint8 (|u1) bytes of JSON`},
		{"other format", zipBytes(t, entry{"meta.json.npy", npyBytes("|u1", false, "(16,)", []byte(`{"format":"x/9"}`))}), false, `meta.json: format "x/9", want "ssgan-weights/1"`},
		{"float64", zipBytes(t, metaEntry(t), entry{"a.npy", npyBytes("<f8", false, "(3,)", make([]byte, 24))}), false, `array "a": dtype <f8, want float32 (<f4)`},
		{"big endian", zipBytes(t, metaEntry(t), entry{"a.npy", npyBytes(">f4", false, "(3,)", vec)}), false, `array "a": dtype >f4, want float32 (<f4)`},
		{"three dimensions", zipBytes(t, metaEntry(t), entry{"a.npy", npyBytes("<f4", false, "(1, 1, 3)", vec)}), false, `array "a": shape (1, 1, 3): want 1 or 2 dimensions`},
		{"scalar", zipBytes(t, metaEntry(t), entry{"a.npy", npyBytes("<f4", false, "()", vec[:4])}), false, `array "a": shape (): want 1 or 2 dimensions`},
		{"fortran order", zipBytes(t, metaEntry(t), entry{"a.npy", npyBytes("<f4", true, "(3,)", vec)}), false, `array "a": stored in Fortran (column-major) order; want C order`},
		{"short data", zipBytes(t, metaEntry(t), entry{"a.npy", npyBytes("<f4", false, "(4,)", vec)}), false, `array "a": shape (4,) needs 16 bytes of data, the entry has 12 (truncated or corrupt)`},
		{"huge shape", zipBytes(t, metaEntry(t), entry{"a.npy", npyBytes("<f4", false, "(100000, 100000)", vec)}), false, `array "a": shape (100000, 100000) is negative or too large`},
		{"no magic", zipBytes(t, metaEntry(t), entry{"a.npy", vec}), false, `array "a": not an .npy array (no NUMPY magic string)`},
		{"header past end", zipBytes(t, metaEntry(t), entry{"a.npy", []byte("\x93NUMPY\x01\x00\xff\x00{}")}), false, `array "a": not an .npy array (header of 255 bytes in an entry of 12; truncated)`},
		{"garbled header", zipBytes(t, metaEntry(t), entry{"a.npy", npyBytes("<f4", false, "(3,", vec)[:10]}), false, `array "a": not an .npy array`},
		{"keys out of order", zipBytes(t, metaEntry(t), entry{"a.npy", append([]byte("\x93NUMPY\x01\x00\x3a\x00{'shape': (3,), 'fortran_order': False, 'descr': '<f4', }\n"), vec...)}), false, `array "a": not an .npy array`},
		{"header without keys", zipBytes(t, metaEntry(t), entry{"a.npy", append([]byte("\x93NUMPY\x01\x00\x04\x00{}\n\n"), vec...)}), false, `array "a": not an .npy array`},
		{"twice", zipBytes(t, metaEntry(t), entry{"a.npy", npyBytes("<f4", false, "(3,)", vec)}, entry{"a.npy", npyBytes("<f4", false, "(3,)", vec)}), false, `array "a" appears twice`},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".npz")
			switch {
			case tc.dir:
				require.NoError(t, os.Mkdir(path, 0o755))
			case tc.data != nil:
				require.NoError(t, os.WriteFile(path, tc.data, 0o644))
			}
			var f *File
			var err error
			require.NotPanics(t, func() { f, err = Read(path) })
			require.Error(t, err)
			assert.Nil(t, f)
			msg := err.Error()
			t.Log(msg)
			assert.Contains(t, msg, path)
			assert.Contains(t, msg, tc.want)
			assert.NotContains(t, msg, "\n", "one line")
		})
	}
}
