package datasets

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// KnownSHA256 maps each standard (gzip-compressed) MNIST file name to the
// SHA-256 of the original distribution file.
var KnownSHA256 = map[string]string{
	TrainImagesFile: "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
	TrainLabelsFile: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
	TestImagesFile:  "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
	TestLabelsFile:  "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}

// FileReport describes one verified MNIST file.
type FileReport struct {
	// Name is the base name of the file actually read (with or without .gz).
	Name string
	// Path is the full path of the file.
	Path string
	// Kind is "images" or "labels".
	Kind string
	// Count is the number of images or labels.
	Count int
	// Rows and Cols are the image size (0 for labels).
	Rows, Cols int
	// SHA256 is the hex SHA-256 of the file as stored on disk.
	SHA256 string
	// Gzip reports whether the file content is gzip-compressed.
	Gzip bool
	// ChecksumOK is true when the file is a gzip-compressed standard MNIST
	// file whose SHA-256 matches KnownSHA256. Raw (uncompressed) files have
	// no known checksum and report false.
	ChecksumOK bool
}

// Verify checks the four MNIST files in dir: format, 28x28 images, labels
// 0..9, matching image and label counts, and, for gzip-compressed files with a
// standard name, the known SHA-256. It checks every file even after a problem
// and returns a report for each file it could decode (in the order train
// images, train labels, test images, test labels) together with all problems
// found, joined with errors.Join (nil if none). A checksum mismatch is reported
// as "datasets: FILE: sha256 mismatch: got X, want Y".
func Verify(dir string) ([]FileReport, error) {
	if err := checkDir(dir); err != nil {
		return nil, err
	}
	var reports []FileReport
	var errs []error
	for i := 0; i < len(mnistFiles); i += 2 {
		var pair [2]*FileReport
		for k := range pair {
			_, rep, err := readMNISTFile(dir, mnistFiles[i+k], true)
			if rep != nil {
				reports = append(reports, *rep)
			}
			if err != nil {
				errs = append(errs, err)
			}
			pair[k] = rep
		}
		if pair[0] != nil && pair[1] != nil {
			if err := checkPair(pair[0], pair[1]); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return reports, errors.Join(errs...)
}

// loaded holds what readMNISTFile decoded: images or labels.
type loaded struct {
	images *Images
	labels []uint8
}

// readMNISTFile reads and validates one MNIST file (name is its standard .gz
// name), hashing it as it goes. With checksum set, a gzip-compressed file whose
// SHA-256 differs from KnownSHA256 is an error, returned with the report.
func readMNISTFile(dir, name string, checksum bool) (*loaded, *FileReport, error) {
	path, err := resolve(dir, name)
	if err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("datasets: %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	r := io.TeeReader(f, h)
	rep := &FileReport{Name: filepath.Base(path), Path: path}
	out := &loaded{}
	var gz bool
	if strings.Contains(name, "-images-") {
		rep.Kind = "images"
		fi, err := readIDX(path, r, MagicImages)
		if err != nil {
			return nil, nil, err
		}
		gz = fi.gz
		out.images = &Images{N: fi.dims[0], Rows: fi.dims[1], Cols: fi.dims[2], Pixels: fi.data}
		rep.Count, rep.Rows, rep.Cols = out.images.N, out.images.Rows, out.images.Cols
		if rep.Rows != MNISTRows || rep.Cols != MNISTCols {
			return nil, nil, formatErr(path, nil, "images are %dx%d, want %dx%d",
				rep.Rows, rep.Cols, MNISTRows, MNISTCols)
		}
	} else {
		rep.Kind = "labels"
		fi, err := readIDX(path, r, MagicLabels)
		if err != nil {
			return nil, nil, err
		}
		gz = fi.gz
		for i, l := range fi.data {
			if int(l) >= MNISTClasses {
				return nil, nil, formatErr(path, nil, "label %d at index %d out of range: want < %d", l, i, MNISTClasses)
			}
		}
		out.labels = fi.data
		rep.Count = len(fi.data)
	}
	if _, err := io.Copy(h, f); err != nil { // readIDX consumed everything; be sure
		return nil, nil, fmt.Errorf("datasets: %s: %w", path, err)
	}
	rep.SHA256 = hex.EncodeToString(h.Sum(nil))
	rep.Gzip = gz
	if want, known := KnownSHA256[rep.Name]; known && gz && checksum {
		if rep.SHA256 != want {
			return nil, rep, formatErr(path, nil, "sha256 mismatch: got %s, want %s", rep.SHA256, want)
		}
		rep.ChecksumOK = true
	}
	return out, rep, nil
}
