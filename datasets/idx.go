package datasets

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// IDX magic numbers (unsigned bytes, 3 and 1 dimensions).
const (
	// MagicImages is the magic number of an IDX file of uint8 images (3 dims).
	MagicImages uint32 = 0x00000803
	// MagicLabels is the magic number of an IDX file of uint8 labels (1 dim).
	MagicLabels uint32 = 0x00000801
)

// maxPayload bounds the size a header may declare, so a corrupt header can
// neither overflow int nor make us allocate absurd amounts of memory up front.
const maxPayload = 1 << 32

// Images is a set of N grayscale images of Rows x Cols pixels stored row-major,
// one image after the other: image i is Pixels[i*Rows*Cols : (i+1)*Rows*Cols].
type Images struct {
	N, Rows, Cols int
	Pixels        []uint8
}

// Dim returns the number of pixels of one image (Rows*Cols).
func (im *Images) Dim() int { return im.Rows * im.Cols }

// ReadImages reads an IDX images file (magic 0x00000803) from r, which may be
// gzip-compressed or raw. name is used only in error messages. Malformed input
// yields a *FormatError.
func ReadImages(name string, r io.Reader) (*Images, error) {
	f, err := readIDX(name, r, MagicImages)
	if err != nil {
		return nil, err
	}
	return &Images{N: f.dims[0], Rows: f.dims[1], Cols: f.dims[2], Pixels: f.data}, nil
}

// ReadLabels reads an IDX labels file (magic 0x00000801) from r, which may be
// gzip-compressed or raw, and checks every label is below classes. name is used
// only in error messages. Malformed input yields a *FormatError.
func ReadLabels(name string, r io.Reader, classes int) ([]uint8, error) {
	if classes < 1 || classes > 256 {
		return nil, fmt.Errorf("datasets: %s: invalid class count %d: want 1..256", name, classes)
	}
	f, err := readIDX(name, r, MagicLabels)
	if err != nil {
		return nil, err
	}
	for i, l := range f.data {
		if int(l) >= classes {
			return nil, formatErr(name, nil, "label %d at index %d out of range: want < %d", l, i, classes)
		}
	}
	return f.data, nil
}

// idxFile is the decoded content of an IDX file.
type idxFile struct {
	dims []int
	data []byte
	gz   bool // the input was gzip-compressed
}

// errRecorder remembers the first error its reader returned, so that a short
// read can be told apart: clean EOF, truncated gzip stream, or corrupt data.
type errRecorder struct {
	r   io.Reader
	err error
}

func (e *errRecorder) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}

func readIDX(name string, r io.Reader, magic uint32) (*idxFile, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(2)
	if len(head) == 0 && errors.Is(err, io.EOF) {
		return nil, formatErr(name, nil, "empty file")
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, formatErr(name, err, "read error: %v", err)
	}
	out := &idxFile{}
	var src io.Reader = br
	var zr *gzip.Reader
	if len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		out.gz = true
		zr, err = gzip.NewReader(br)
		if err != nil {
			return nil, formatErr(name, err, "corrupt gzip header: %v", err)
		}
		zr.Multistream(false)
		src = zr
	}
	rec := &errRecorder{r: src}
	rd := &reader{name: name, rec: rec, gz: out.gz}

	var m [4]byte
	if err := rd.full(m[:], "header"); err != nil {
		return nil, err
	}
	got := binary.BigEndian.Uint32(m[:])
	if got != magic {
		return nil, formatErr(name, nil, "bad magic 0x%08x (%s), want 0x%08x (%s)",
			got, magicName(got), magic, magicName(magic))
	}
	ndims := int(magic & 0xff)
	hdr := make([]byte, 4*ndims)
	if err := rd.full(hdr, "header"); err != nil {
		return nil, err
	}
	out.dims = make([]int, ndims)
	for i := range out.dims {
		out.dims[i] = int(binary.BigEndian.Uint32(hdr[4*i:]))
	}
	size := uint64(1)
	for i, d := range out.dims {
		if i > 0 && d == 0 {
			return nil, formatErr(name, nil, "bad header: dimension %d is 0 (dims %v)", i, out.dims)
		}
		size *= uint64(d)
		if size > maxPayload {
			return nil, formatErr(name, nil, "bad header: dims %v declare more than %d bytes", out.dims, uint64(maxPayload))
		}
	}
	if out.data, err = rd.n(int64(size)); err != nil {
		return nil, err
	}
	if err := rd.trailing(br, zr); err != nil {
		return nil, err
	}
	return out, nil
}

// reader reads the parts of an IDX file and turns short reads and decoder
// errors into FormatErrors.
type reader struct {
	name string
	rec  *errRecorder
	gz   bool
	off  int64 // bytes of (decompressed) content consumed so far
}

// full fills p completely.
func (rd *reader) full(p []byte, what string) error {
	n, err := io.ReadFull(rd.rec, p)
	rd.off += int64(n)
	if err == nil {
		return nil
	}
	if rd.off == 0 && n == 0 && rd.rec.err == io.EOF {
		return formatErr(rd.name, nil, "empty file (no data after decompression)")
	}
	return rd.short(int64(len(p)), int64(n), what)
}

// n reads exactly size bytes, growing the buffer as data arrives.
func (rd *reader) n(size int64) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(int(min(size, 64<<20)))
	got, err := buf.ReadFrom(io.LimitReader(rd.rec, size))
	rd.off += got
	if err != nil || got < size {
		return nil, rd.short(size, got, "data")
	}
	return buf.Bytes(), nil
}

func (rd *reader) short(want, got int64, what string) error {
	err := rd.rec.err
	switch {
	case err == nil || err == io.EOF:
		return formatErr(rd.name, io.ErrUnexpectedEOF, "truncated %s: want %d bytes, got %d", what, want, got)
	case rd.gz && errors.Is(err, io.ErrUnexpectedEOF):
		return formatErr(rd.name, err, "truncated gzip stream: want %d bytes of %s, got %d", want, what, got)
	case rd.gz:
		return formatErr(rd.name, err, "corrupt gzip stream: %v", err)
	default:
		return formatErr(rd.name, err, "read error: %v", err)
	}
}

// trailing checks that nothing follows the data, neither inside the
// (decompressed) stream nor after the gzip member. Reading the gzip stream to
// its end also verifies its CRC.
func (rd *reader) trailing(br *bufio.Reader, zr *gzip.Reader) error {
	extra, err := io.Copy(io.Discard, rd.rec)
	if err != nil {
		if rd.gz {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return formatErr(rd.name, err, "truncated gzip stream after %d bytes of content", rd.off+extra)
			}
			return formatErr(rd.name, err, "corrupt gzip stream: %v", err)
		}
		return formatErr(rd.name, err, "read error: %v", err)
	}
	if extra > 0 {
		return formatErr(rd.name, nil, "trailing garbage: %d unexpected bytes after %d bytes of content", extra, rd.off)
	}
	if zr != nil {
		after, err := io.Copy(io.Discard, br)
		if err != nil {
			return formatErr(rd.name, err, "read error: %v", err)
		}
		if after > 0 {
			return formatErr(rd.name, nil, "trailing garbage: %d unexpected bytes after the gzip stream", after)
		}
	}
	return nil
}

func magicName(m uint32) string {
	switch m {
	case MagicImages:
		return "IDX images"
	case MagicLabels:
		return "IDX labels"
	}
	if m>>16 != 0 {
		return "not an IDX file"
	}
	return "unsupported IDX type"
}
