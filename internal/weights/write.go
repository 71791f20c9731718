package weights

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"codeberg.org/sbinet/npyio/npz"

	"github.com/ssgan/ssgan/internal/fsutil"
)

// Write writes meta (its Format set to Format) and the tensors to path as an .npz archive,
// atomically, and returns the file's SHA-256 in hex. The arrays are stored in the order given,
// each as NAME.npy (np.load lists it as NAME), after meta.json; the same content always gives
// the same bytes.
func Write(path string, meta Meta, tensors []Tensor) (string, error) {
	data, err := Encode(meta, tensors)
	if err != nil {
		return "", fmt.Errorf("weights: %s: %w", path, err)
	}
	if err := fsutil.WriteFile(path, data); err != nil {
		return "", fmt.Errorf("weights: write %s: %w", path, err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// Encode returns the bytes Write writes.
func Encode(meta Meta, tensors []Tensor) ([]byte, error) {
	meta.Format = Format
	js, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", MetaArray, err)
	}
	var buf bytes.Buffer
	w := npz.NewWriter(&buf)
	if err := w.Write(MetaArray+".npy", append(js, '\n')); err != nil {
		return nil, err
	}
	seen := map[string]bool{MetaArray: true}
	for _, t := range tensors {
		if seen[t.Name] {
			return nil, fmt.Errorf("array %q appears twice", t.Name)
		}
		seen[t.Name] = true
		v, err := t.value()
		if err != nil {
			return nil, err
		}
		if err := w.Write(t.Name+".npy", v); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// value is the Go value npyio writes with t's shape: a slice for one dimension, a slice of row
// views for two.
func (t Tensor) value() (any, error) {
	if n := size(t.Shape); n != len(t.Data) {
		return nil, fmt.Errorf("array %q: shape %s holds %d values, data has %d", t.Name, shapeString(t.Shape), n, len(t.Data))
	}
	switch len(t.Shape) {
	case 1:
		return t.Data, nil
	case 2:
		rows, cols := t.Shape[0], t.Shape[1]
		v := make([][]float32, rows)
		for i := range v {
			v[i] = t.Data[i*cols : (i+1)*cols : (i+1)*cols]
		}
		return v, nil
	}
	return nil, fmt.Errorf("array %q: %d dimensions; only 1 and 2 are written", t.Name, len(t.Shape))
}

// size is the number of values of a shape (0 for a negative dimension).
func size(shape []int) int {
	n := 1
	for _, d := range shape {
		if d < 0 {
			return 0
		}
		n *= d
	}
	return n
}

// shapeString formats a shape as NumPy does: (784, 1000), (10,).
func shapeString(shape []int) string {
	var b bytes.Buffer
	b.WriteByte('(')
	for i, d := range shape {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, d)
	}
	if len(shape) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}
