package experiments

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/internal/weights"
	"github.com/ssgan/ssgan/metrics"
	"github.com/ssgan/ssgan/ssgan"
)

// WeightsPath resolves a WEIGHTS|RUN_DIR argument: a directory means its weights.npz (runDir is
// then the directory), anything else the file itself.
func WeightsPath(arg string) (path, runDir string, err error) {
	st, err := os.Stat(arg)
	if err != nil {
		return "", "", fmt.Errorf("experiments: %w", err)
	}
	if !st.IsDir() {
		return arg, "", nil
	}
	path = filepath.Join(arg, WeightsFile)
	if _, err := os.Stat(path); err != nil {
		return "", "", fmt.Errorf("experiments: run directory %s has no %s (a run writes it when it finishes): %w", arg, WeightsFile, err)
	}
	return path, arg, nil
}

// Classifier is a classifier rebuilt from a weights file.
type Classifier struct {
	// File is the weights file; its Meta says what the model is.
	File  *weights.File
	Model *ssgan.Model
}

// LoadClassifier reads the weights file at path and rebuilds its classifier.
func LoadClassifier(path string) (*Classifier, error) {
	f, err := weights.Read(path)
	if err != nil {
		return nil, err
	}
	m, err := ssgan.FromWeights(f)
	if err != nil {
		return nil, err
	}
	return &Classifier{File: f, Model: m}, nil
}

// Close releases the model's compiled steps.
func (c *Classifier) Close() { c.Model.Close() }

// CheckImages reports images whose size is not the one the classifier takes, naming their file.
func (c *Classifier) CheckImages(name string, im *datasets.Images) error {
	m := c.File.Meta
	if im.Rows != m.ImageRows || im.Cols != m.ImageCols {
		return fmt.Errorf("experiments: %s: images of %d×%d pixels, but the model of %s takes %d×%d", name, im.Rows, im.Cols, c.File.Path, m.ImageRows, m.ImageCols)
	}
	return nil
}

// Pixels maps images to the classifier's input range.
func (c *Classifier) Pixels(im *datasets.Images) []float32 {
	r := c.File.Meta.PixelRange
	return im.Float32(float32(r[0]), float32(r[1]))
}

// Evaluation is the test result of a classifier.
type Evaluation struct {
	Errors, TestSize int
	Confusion        [][]int
}

// Evaluate classifies a test set (named by name in errors) as a run's final evaluation does.
func (c *Classifier) Evaluate(name string, test *datasets.Set) (Evaluation, error) {
	if err := c.CheckImages(name, test.Images); err != nil {
		return Evaluation{}, err
	}
	pred, err := c.Model.Predict(c.Pixels(test.Images), true)
	if err != nil {
		return Evaluation{}, err
	}
	truth := make([]int, len(test.Labels))
	for i, y := range test.Labels {
		truth[i] = int(y)
	}
	errs, err := metrics.ErrorCount(pred, truth)
	if err != nil {
		return Evaluation{}, err
	}
	conf, err := metrics.Confusion(pred, truth, c.Model.Cfg.Classes)
	if err != nil {
		return Evaluation{}, err
	}
	return Evaluation{Errors: errs, TestSize: len(truth), Confusion: conf}, nil
}
