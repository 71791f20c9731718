package datasets

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Standard MNIST file names, as distributed (gzip-compressed).
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

// MNIST is the MNIST data set: 60,000 training and 10,000 test images.
type MNIST struct {
	Train, Test *Set
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

// Load reads the four standard MNIST files from dir. Each may be stored with or
// without its .gz suffix (the gzip file is preferred; content is sniffed).
// It checks the format, that image and label counts agree, that images are
// 28x28 and that labels are 0..9. It does not check SHA-256 sums (files may
// have been recompressed); use Verify for that.
func Load(dir string) (*MNIST, error) {
	if err := checkDir(dir); err != nil {
		return nil, err
	}
	train, err := loadSet(dir, TrainImagesFile, TrainLabelsFile)
	if err != nil {
		return nil, err
	}
	test, err := loadSet(dir, TestImagesFile, TestLabelsFile)
	if err != nil {
		return nil, err
	}
	return &MNIST{Train: train, Test: test}, nil
}

// checkDir gives a clear error for a missing directory or one holding none of
// the MNIST files.
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
	for _, name := range mnistFiles {
		if _, err := resolve(dir, name); err == nil {
			return nil
		}
	}
	return fmt.Errorf("datasets: data directory %s contains no MNIST files (want %s; run `make data`): %w",
		dir, strings.Join(mnistFiles[:], ", "), fs.ErrNotExist)
}

var mnistFiles = [4]string{TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile}

// resolve returns the path of name in dir, falling back to the name without
// its .gz suffix.
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

func loadSet(dir, imagesName, labelsName string) (*Set, error) {
	im, ir, err := readMNISTFile(dir, imagesName, false)
	if err != nil {
		return nil, err
	}
	lb, lr, err := readMNISTFile(dir, labelsName, false)
	if err != nil {
		return nil, err
	}
	if err := checkPair(ir, lr); err != nil {
		return nil, err
	}
	return &Set{Images: im.images, Labels: lb.labels}, nil
}

// checkPair checks an images file and its labels file hold the same number of
// examples.
func checkPair(images, labels *FileReport) error {
	if images.Count != labels.Count {
		return fmt.Errorf("datasets: count mismatch: %s has %d images but %s has %d labels",
			images.Path, images.Count, labels.Path, labels.Count)
	}
	return nil
}
