package weights

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"codeberg.org/sbinet/npyio/npy"
)

// maxArrayBytes bounds the size of one array, so that a corrupt or hostile entry cannot make
// Read allocate without limit (the largest array of the MNIST models is 3 MB).
const maxArrayBytes = 1 << 30

// File is a weights file read into memory. Take hands out its arrays; Unused then names any the
// model did not take.
type File struct {
	// Path is the file's path as given to Read; SHA256 the hex digest of its bytes.
	Path   string
	SHA256 string
	Meta   Meta
	arrays map[string]Tensor
	order  []string
	taken  map[string]bool
}

// Read reads and checks a weights file: an .npz archive whose entries are all little-endian
// float32 .npy arrays of one or two dimensions, except meta.json (uint8 bytes of a JSON Meta of
// this Format). Every error is one line naming the file and what is wrong.
func Read(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("weights: %w", err)
	}
	f, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("weights: %s: %w", path, err)
	}
	f.Path = path
	sum := sha256.Sum256(data)
	f.SHA256 = hex.EncodeToString(sum[:])
	return f, nil
}

// decode parses the bytes of a weights file.
func decode(data []byte) (*File, error) {
	if len(data) == 0 {
		return nil, errors.New("empty file, not an .npz archive")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not an .npz archive (%v); truncated or another kind of file", err)
	}
	f := &File{arrays: map[string]Tensor{}, taken: map[string]bool{}}
	var meta []byte
	for _, zf := range zr.File {
		name, ok := strings.CutSuffix(zf.Name, ".npy")
		if !ok {
			return nil, fmt.Errorf("entry %q is not an .npy array", zf.Name)
		}
		if _, dup := f.arrays[name]; dup || (name == MetaArray && meta != nil) {
			return nil, fmt.Errorf("array %q appears twice", name)
		}
		raw, err := readEntry(zf)
		if err != nil {
			return nil, fmt.Errorf("array %q: %w", name, err)
		}
		if name == MetaArray {
			if meta, err = readBytes(raw); err != nil {
				return nil, fmt.Errorf("array %q: %w", name, err)
			}
			continue
		}
		t, err := readFloat32(name, raw)
		if err != nil {
			return nil, fmt.Errorf("array %q: %w", name, err)
		}
		f.arrays[name] = t
		f.order = append(f.order, name)
	}
	if meta == nil {
		return nil, fmt.Errorf("no %s array: not an ssgan weights file", MetaArray)
	}
	if err := json.Unmarshal(meta, &f.Meta); err != nil {
		return nil, fmt.Errorf("%s: %v", MetaArray, err)
	}
	if f.Meta.Format != Format {
		return nil, fmt.Errorf("%s: format %q, want %q", MetaArray, f.Meta.Format, Format)
	}
	return f, nil
}

// readEntry returns the bytes of one archive entry, checking its size bound and checksum.
func readEntry(zf *zip.File) ([]byte, error) {
	if zf.UncompressedSize64 > maxArrayBytes {
		return nil, fmt.Errorf("%d bytes, more than the %d an array may have", zf.UncompressedSize64, maxArrayBytes)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	raw, err := io.ReadAll(io.LimitReader(rc, maxArrayBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%v (corrupt or truncated archive)", err)
	}
	return raw, nil
}

// header parses an .npy header and returns the reader positioned at the data, the data type
// (such as <f4) and the number of data bytes left.
func header(raw []byte) (r *npy.Reader, dtype string, left int, err error) {
	if err := checkPreamble(raw); err != nil {
		return nil, "", 0, err
	}
	// npyio's header parser slices without bounds checks; a malformed header must be an error,
	// not a crash.
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, errors.New("not an .npy array (malformed header)")
		}
	}()
	br := bytes.NewReader(raw)
	if r, err = npy.NewReader(br); err != nil {
		return nil, "", 0, fmt.Errorf("not an .npy array (%v)", err)
	}
	if r.Header.Descr.Fortran {
		return nil, "", 0, errors.New("stored in Fortran (column-major) order; want C order")
	}
	n := 1
	for _, d := range r.Header.Descr.Shape {
		if d < 0 || d > maxArrayBytes || n*d > maxArrayBytes {
			return nil, "", 0, fmt.Errorf("shape %s is negative or too large", shapeString(r.Header.Descr.Shape))
		}
		n *= d
	}
	return r, strings.Trim(r.Header.Descr.Type, `'"`), br.Len(), nil
}

// checkPreamble checks the magic string, the version and the header length of an .npy array
// before npyio reads them, so that a corrupt length cannot make it allocate gigabytes.
func checkPreamble(raw []byte) error {
	const magic = "\x93NUMPY"
	if len(raw) < len(magic)+4 || string(raw[:len(magic)]) != magic {
		return errors.New("not an .npy array (no NUMPY magic string)")
	}
	var hdrLen, pre int
	switch raw[6] {
	case 1:
		hdrLen, pre = int(binary.LittleEndian.Uint16(raw[8:])), 10
	case 2, 3:
		if len(raw) < 12 {
			return errors.New("not an .npy array (truncated header)")
		}
		hdrLen, pre = int(binary.LittleEndian.Uint32(raw[8:])), 12
	default:
		return fmt.Errorf("not an .npy array (version %d.%d)", raw[6], raw[7])
	}
	if hdrLen > len(raw)-pre {
		return fmt.Errorf("not an .npy array (header of %d bytes in an entry of %d; truncated)", hdrLen, len(raw))
	}
	return nil
}

// readFloat32 decodes a float32 array of one or two dimensions.
func readFloat32(name string, raw []byte) (Tensor, error) {
	r, dtype, left, err := header(raw)
	if err != nil {
		return Tensor{}, err
	}
	shape := slices.Clone(r.Header.Descr.Shape)
	switch {
	case dtype != "<f4":
		return Tensor{}, fmt.Errorf("dtype %s, want float32 (<f4)", dtype)
	case len(shape) != 1 && len(shape) != 2:
		return Tensor{}, fmt.Errorf("shape %s: want 1 or 2 dimensions", shapeString(shape))
	case left != 4*size(shape):
		return Tensor{}, fmt.Errorf("shape %s needs %d bytes of data, the entry has %d (truncated or corrupt)", shapeString(shape), 4*size(shape), left)
	}
	var v []float32
	if err := r.Read(&v); err != nil {
		return Tensor{}, err
	}
	return Tensor{Name: name, Shape: shape, Data: v}, nil
}

// readBytes decodes a one-dimensional uint8 array.
func readBytes(raw []byte) ([]byte, error) {
	r, dtype, left, err := header(raw)
	if err != nil {
		return nil, err
	}
	shape := r.Header.Descr.Shape
	switch {
	case dtype != "|u1":
		return nil, fmt.Errorf("dtype %s, want uint8 (|u1) bytes of JSON", dtype)
	case len(shape) != 1:
		return nil, fmt.Errorf("shape %s: want one dimension", shapeString(shape))
	case left != shape[0]:
		return nil, fmt.Errorf("shape %s needs %d bytes of data, the entry has %d (truncated or corrupt)", shapeString(shape), shape[0], left)
	}
	var v []uint8
	if err := r.Read(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// Names lists the arrays (meta.json aside) in the order of the archive.
func (f *File) Names() []string { return slices.Clone(f.order) }

// Array returns the named array, or false.
func (f *File) Array(name string) (Tensor, bool) {
	t, ok := f.arrays[name]
	return t, ok
}

// Take returns the values of the named array, which must have the given shape, and marks it
// used.
func (f *File) Take(name string, shape []int) ([]float32, error) {
	t, ok := f.arrays[name]
	if !ok {
		return nil, fmt.Errorf("weights: %s: array %q is missing (the model %s describes needs it, shape %s)", f.Path, name, MetaArray, shapeString(shape))
	}
	if !slices.Equal(t.Shape, shape) {
		return nil, fmt.Errorf("weights: %s: array %q has shape %s, the model %s describes needs %s", f.Path, name, shapeString(t.Shape), MetaArray, shapeString(shape))
	}
	f.taken[name] = true
	return t.Data, nil
}

// Unused reports the first array no Take asked for: a file with arrays its own metadata does not
// account for is not trusted.
func (f *File) Unused() error {
	for _, name := range f.order {
		if !f.taken[name] {
			return fmt.Errorf("weights: %s: array %q is not part of the model %s describes", f.Path, name, MetaArray)
		}
	}
	return nil
}

// Errorf returns an error naming the file, for callers that check its content.
func (f *File) Errorf(format string, args ...any) error {
	return fmt.Errorf("weights: %s: %s", f.Path, fmt.Sprintf(format, args...))
}
