package datasets

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Standard file names of an IDX data set directory, as MNIST distributes them (gzip-compressed);
// Fashion-MNIST and the other drop-in replacements use the same four names.
const (
	TrainImagesFile = "train-images-idx3-ubyte.gz"
	TrainLabelsFile = "train-labels-idx1-ubyte.gz"
	TestImagesFile  = "t10k-images-idx3-ubyte.gz"
	TestLabelsFile  = "t10k-labels-idx1-ubyte.gz"
)

// MNIST geometry.
const (
	MNISTRows    = 28
	MNISTCols    = 28
	MNISTClasses = 10
)

// Dataset is an IDX image-classification data set: a training and a test set of grayscale
// images of one size with one label each.
type Dataset struct {
	Train, Test *Set
	// Name is the data set's name: a registered one ("mnist", "fashion-mnist") or the directory
	// it was read from. Load leaves it empty; Open sets it.
	Name string
	// Classes is the number of classes: one more than the largest training label.
	Classes int
	// Files are the four files as read, with their SHA-256 (train images, train labels, test
	// images, test labels).
	Files []FileReport
}

// Set is a set of images with one label per image.
type Set struct {
	Images *Images
	Labels []uint8
}

// Len returns the number of examples in the set.
func (s *Set) Len() int { return len(s.Labels) }

// DefaultDir returns the MNIST directory: $SSGAN_DATA if set, else "data/mnist".
func DefaultDir() string {
	if d := os.Getenv("SSGAN_DATA"); d != "" {
		return d
	}
	return filepath.Join("data", "mnist")
}

// Load reads the four standard IDX files from dir. Each may be stored with or without its .gz
// suffix (the gzip file is preferred; content is sniffed). It checks the format, that image and
// label counts agree, that the test images have the training images' size, and that every test
// label is one of the training classes; the image size and the class count come from the data.
// It does not compare SHA-256 sums with known ones (files may have been recompressed; Open and
// Verify do), but records them in Files.
func Load(dir string) (*Dataset, error) {
	if err := checkDir(dir); err != nil {
		return nil, err
	}
	train, trainFiles, err := loadSet(dir, TrainImagesFile, TrainLabelsFile)
	if err != nil {
		return nil, err
	}
	test, testFiles, err := loadSet(dir, TestImagesFile, TestLabelsFile)
	if err != nil {
		return nil, err
	}
	files := append(trainFiles, testFiles...)
	if err := checkSizes(&files[0], &files[2]); err != nil {
		return nil, err
	}
	classes := maxLabel(train.Labels) + 1
	if err := checkClasses(&files[3], test.Labels, classes); err != nil {
		return nil, err
	}
	return &Dataset{Train: train, Test: test, Classes: classes, Files: files}, nil
}

// ClassCount returns Classes, or for a data set built in memory without it, one more than the
// largest training label.
func (d *Dataset) ClassCount() int {
	if d.Classes > 0 || d.Train == nil {
		return d.Classes
	}
	return maxLabel(d.Train.Labels) + 1
}

// SHA256 maps each file's name (as read, with or without .gz) to its SHA-256.
func (d *Dataset) SHA256() map[string]string {
	if len(d.Files) == 0 {
		return nil
	}
	out := make(map[string]string, len(d.Files))
	for _, f := range d.Files {
		out[f.Name] = f.SHA256
	}
	return out
}

// Identity is the data set's name and the SHA-256 of its files.
func (d *Dataset) Identity() Identity { return Identity{Name: d.Name, SHA256: d.SHA256()} }

// maxLabel returns the largest label (0 for none).
func maxLabel(labels []uint8) int {
	m := 0
	for _, l := range labels {
		m = max(m, int(l))
	}
	return m
}

// checkSizes fails when the test images are not of the training images' size.
func checkSizes(train, test *FileReport) error {
	if train.Rows != test.Rows || train.Cols != test.Cols {
		return formatErr(test.Path, nil, "images are %dx%d, but the training images (%s) are %dx%d",
			test.Rows, test.Cols, train.Name, train.Rows, train.Cols)
	}
	return nil
}

// checkClasses fails on a test label that is not one of the training classes.
func checkClasses(file *FileReport, labels []uint8, classes int) error {
	for i, l := range labels {
		if int(l) >= classes {
			return formatErr(file.Path, nil, "label %d at index %d out of range: the training labels have classes 0..%d", l, i, classes-1)
		}
	}
	return nil
}

// checkDir gives a clear error for a missing directory or one holding none of the data files.
func checkDir(dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("datasets: data directory %s does not exist (run `make data` or set SSGAN_DATA): %w", dir, err)
		}
		return fmt.Errorf("datasets: data directory %s: %w", dir, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("datasets: data directory %s is not a directory", dir)
	}
	for _, name := range dataFiles {
		if _, err := resolve(dir, name); err == nil {
			return nil
		}
	}
	return fmt.Errorf("datasets: data directory %s contains none of the four IDX files (want %s; for MNIST run `make data`): %w",
		dir, strings.Join(dataFiles[:], ", "), fs.ErrNotExist)
}

// dataFiles are the four standard names, in the order train images, train labels, test images,
// test labels.
var dataFiles = [4]string{TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile}

// resolve returns the path of name in dir, falling back to the name without its .gz suffix.
func resolve(dir, name string) (string, error) {
	p := filepath.Join(dir, name)
	_, err := os.Stat(p)
	if err == nil {
		return p, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("datasets: %s: %w", p, err)
	}
	raw := strings.TrimSuffix(p, ".gz")
	if _, err2 := os.Stat(raw); err2 == nil {
		return raw, nil
	}
	return "", fmt.Errorf("datasets: %s: missing file (also tried %s): %w", p, filepath.Base(raw), err)
}

// loadSet reads an images file and its labels file.
func loadSet(dir, imagesName, labelsName string) (*Set, []FileReport, error) {
	im, ir, err := readDataFile(dir, imagesName)
	if err != nil {
		return nil, nil, err
	}
	lb, lr, err := readDataFile(dir, labelsName)
	if err != nil {
		return nil, nil, err
	}
	if err := checkPair(ir, lr); err != nil {
		return nil, nil, err
	}
	return &Set{Images: im.images, Labels: lb.labels}, []FileReport{*ir, *lr}, nil
}

// checkPair checks an images file and its labels file hold the same number of examples.
func checkPair(images, labels *FileReport) error {
	if images.Count != labels.Count {
		return fmt.Errorf("datasets: count mismatch: %s has %d images but %s has %d labels",
			images.Path, images.Count, labels.Path, labels.Count)
	}
	return nil
}

// loaded holds what readDataFile decoded: images or labels.
type loaded struct {
	images *Images
	labels []uint8
}

// readDataFile reads and validates one data file (name is its standard .gz name), hashing it as
// it goes.
func readDataFile(dir, name string) (*loaded, *FileReport, error) {
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
	var fi *idxFile
	if strings.Contains(name, "-images-") {
		rep.Kind = "images"
		if fi, err = readIDX(path, r, MagicImages); err != nil {
			return nil, nil, err
		}
		out.images = &Images{N: fi.dims[0], Rows: fi.dims[1], Cols: fi.dims[2], Pixels: fi.data}
		rep.Count, rep.Rows, rep.Cols = out.images.N, out.images.Rows, out.images.Cols
	} else {
		rep.Kind = "labels"
		if fi, err = readIDX(path, r, MagicLabels); err != nil {
			return nil, nil, err
		}
		out.labels = fi.data
		rep.Count, rep.Classes = len(fi.data), maxLabel(fi.data)+1
	}
	if _, err := io.Copy(h, f); err != nil { // readIDX consumed everything; be sure
		return nil, nil, fmt.Errorf("datasets: %s: %w", path, err)
	}
	rep.SHA256 = hex.EncodeToString(h.Sum(nil))
	rep.Gzip = fi.gz
	return out, rep, nil
}
