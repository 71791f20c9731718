package datasets

import (
	"errors"
	"fmt"
)

// KnownSHA256 maps each standard MNIST file name to the SHA-256 of the original (gzip-compressed)
// distribution file.
var KnownSHA256 = map[string]string{
	TrainImagesFile: "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
	TrainLabelsFile: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
	TestImagesFile:  "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
	TestLabelsFile:  "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}

// FashionMNISTSHA256 maps each Fashion-MNIST file name to the SHA-256 of the file as Debian's
// package dataset-fashion-mnist 0.0~git20200523.55506a9-1 installs it in
// /usr/share/datasets/fashion-mnist: `sha256sum /usr/share/datasets/fashion-mnist/*`, run on
// 2026-12-01 on top of commit 0c49581. These gzip files are not byte for byte upstream's: their
// MD5s are not the ones upstream's README lists, so a copy downloaded from upstream is reported
// as a mismatch by `ssgan data verify --dataset fashion-mnist`, and as a data set of unknown
// checksums otherwise.
var FashionMNISTSHA256 = map[string]string{
	TrainImagesFile: "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
	TrainLabelsFile: "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
	TestImagesFile:  "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
	TestLabelsFile:  "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
}

// FileReport describes one verified data file.
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
	// Classes is, for a labels file, one more than its largest label (0 for images).
	Classes int
	// SHA256 is the hex SHA-256 of the file as stored on disk.
	SHA256 string
	// Gzip reports whether the file content is gzip-compressed.
	Gzip bool
	// Dataset is the registered data set the file was checked against ("" when none applies: the
	// directory holds a data set of unknown checksums, or the file is not gzip-compressed).
	Dataset string
	// ChecksumOK is true when the file's SHA-256 matches that of Dataset's file of this name.
	ChecksumOK bool
}

// Verify checks the four files in dir as Load does (format, counts, one image size, test labels
// among the training classes), then their SHA-256 against the registered data sets: a
// directory whose gzip files match one data set's reports it in each file's Dataset; a
// directory that matches some of one data set's files but not all has a corrupt or foreign file,
// an error; a directory that matches none holds a data set of unknown checksums, reported but
// not refused. It checks every file even after a problem and returns a report for each file it
// could decode (train images, train labels, test images, test labels) together with all problems
// found, joined with errors.Join (nil if none). A checksum mismatch is reported as
// "datasets: FILE: sha256 mismatch: got X, want Y (DATASET)".
func Verify(dir string) ([]FileReport, error) {
	return verify(dir, "")
}

// VerifyAs is Verify checking the files against the registered data set of that name: each
// gzip file must have its SHA-256 (a file that is not gzip-compressed has no known checksum and
// is not compared).
func VerifyAs(dir, name string) ([]FileReport, error) {
	if _, ok := Lookup(name); !ok {
		return nil, fmt.Errorf("datasets: %w", CheckRef(name))
	}
	return verify(dir, name)
}

func verify(dir, name string) ([]FileReport, error) {
	if err := checkDir(dir); err != nil {
		return nil, err
	}
	var reports []FileReport
	var errs []error
	var byName [4]*FileReport
	var labels [4][]uint8
	for i := 0; i < len(dataFiles); i += 2 {
		var pair [2]*FileReport
		for j := range pair {
			data, rep, err := readDataFile(dir, dataFiles[i+j])
			if err != nil {
				errs = append(errs, err)
				continue
			}
			pair[j], byName[i+j], labels[i+j] = rep, rep, data.labels
		}
		if pair[0] != nil && pair[1] != nil {
			if err := checkPair(pair[0], pair[1]); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if byName[0] != nil && byName[2] != nil {
		if err := checkSizes(byName[0], byName[2]); err != nil {
			errs = append(errs, err)
		}
	}
	if byName[1] != nil && byName[3] != nil {
		if err := checkClasses(byName[3], labels[3], maxLabel(labels[1])+1); err != nil {
			errs = append(errs, err)
		}
	}
	var found []FileReport
	for _, r := range byName {
		if r != nil {
			found = append(found, *r)
		}
	}
	against := name
	if against == "" {
		if k, _ := identify(found); k != nil {
			against = k.Name
		}
	}
	for _, r := range byName {
		if r == nil {
			continue
		}
		if err := checkSum(r, against); err != nil {
			errs = append(errs, err)
		}
		reports = append(reports, *r)
	}
	return reports, errors.Join(errs...)
}

// checkSum compares a gzip file's SHA-256 with that of the registered data set name ("": none)
// and records the result in r.
func checkSum(r *FileReport, name string) error {
	k, ok := Lookup(name)
	if !ok || !r.Gzip {
		return nil
	}
	want, known := k.SHA256[r.Name]
	if !known {
		return nil
	}
	r.Dataset = k.Name
	if r.SHA256 != want {
		return formatErr(r.Path, nil, "sha256 mismatch: got %s, want %s (%s)", r.SHA256, want, k.Name)
	}
	r.ChecksumOK = true
	return nil
}

// identify returns the registered data set with the most files among files whose SHA-256 match
// its own (nil when no file matches any), and whether all four match.
func identify(files []FileReport) (*Known, bool) {
	var best *Known
	most := 0
	for i := range registry {
		n := 0
		for _, f := range files {
			if want, ok := registry[i].SHA256[f.Name]; ok && f.Gzip && f.SHA256 == want {
				n++
			}
		}
		if n > most {
			best, most = &registry[i], n
		}
	}
	return best, most == len(dataFiles)
}
