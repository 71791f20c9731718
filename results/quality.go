package results

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/ssgan/ssgan/internal/fsutil"
)

// QualityFile is the name of the file holding one GAN run's sample-quality numbers, beside its
// result.json.
const QualityFile = "quality.json"

// QualityRecord is the sample quality of one GAN run (one experiment, one seed pair), saved as
// quality.json. The scores come from a small MLP classifier trained on all MNIST labels (see
// Classifier), not from an Inception network: they compare runs of this project with each other
// and with the real-data ceiling in Real, not with published FID or Inception Score values.
type QualityRecord struct {
	Experiment string `json:"experiment"`  // e.g. "mnist-gan"
	ModelSeed  uint64 `json:"model_seed"`  // seed of the weights and the noise
	DataSeed   uint64 `json:"data_seed"`   // seed of the batch order
	Iterations int    `json:"iterations"`  // training iterations of the generator scored
	ConfigHash string `json:"config_hash"` // hash of the run configuration
	// Samples is the number of generated images scored (10,000).
	Samples int `json:"samples"`
	// InceptionScore is exp(E KL(p(y|x) ‖ p(y))) of the classifier's softmax over the samples:
	// 1 (one class, or unsure) to 10 (confident and balanced over the digits).
	InceptionScore float64 `json:"inception_score"`
	// FrechetDistance is the Fréchet distance between Gaussians fitted to the classifier's
	// hidden features of the samples and of the test images (lower is better).
	FrechetDistance float64 `json:"frechet_distance"`
	// ClassFractions is the fraction of the samples the classifier assigns to each digit
	// (mode collapse shows as a lopsided histogram).
	ClassFractions []float64 `json:"class_fractions"`
	// Real is the same scores for real images: the ceiling a perfect generator reaches.
	Real RealQuality `json:"real"`
	// Classifier describes the scoring classifier.
	Classifier QualityClassifier `json:"classifier"`
	// Seconds is the wall-clock time of the evaluation.
	Seconds float64 `json:"seconds"`
}

// RealQuality holds the scores of real images, the ceiling of QualityRecord's scores.
type RealQuality struct {
	// TestInceptionScore is the classifier Inception Score of the test images.
	TestInceptionScore float64 `json:"test_inception_score"`
	// TrainTestFrechetDistance is the Fréchet distance between the features of TrainImages
	// training images and those of the test images.
	TrainTestFrechetDistance float64 `json:"train_test_frechet_distance"`
	TrainImages              int     `json:"train_images"` // training images in the distance (10,000)
	TestImages               int     `json:"test_images"`  // test images (10,000)
}

// QualityClassifier describes the classifier behind a QualityRecord.
type QualityClassifier struct {
	Architecture string  `json:"architecture"`  // e.g. "MLP 784-256-10 ReLU, all 60000 labels, 3 epochs"
	FeatureDim   int     `json:"feature_dim"`   // width of the hidden layer used as features
	TestAccuracy float64 `json:"test_accuracy"` // accuracy on the 10,000 test images
	Hash         string  `json:"hash"`          // identifies its settings and training data
}

// WriteQuality writes q as indented JSON to path atomically.
func WriteQuality(path string, q *QualityRecord) error {
	if q == nil {
		return fmt.Errorf("results: write %s: nil quality record", path)
	}
	data, err := json.MarshalIndent(q, "", "  ")
	if err != nil {
		return fmt.Errorf("results: encode %s: %w", path, err)
	}
	return writeFileAtomic(path, append(data, '\n'))
}

// ReadQuality reads the QualityRecord saved at path; trailing data is an error.
func ReadQuality(path string) (QualityRecord, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return QualityRecord{}, fmt.Errorf("results: read %s: %w", path, err)
	}
	var q QualityRecord
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&q); err != nil {
		return QualityRecord{}, fmt.Errorf("results: decode %s: %w", path, err)
	}
	if dec.More() {
		return QualityRecord{}, fmt.Errorf("results: decode %s: trailing data after the record", path)
	}
	return q, nil
}

// CollectQuality walks dir recursively and reads every file named quality.json, in lexical path
// order. The first unreadable one stops the walk with an error naming its path; no files give
// an empty result.
func CollectQuality(dir string) ([]QualityRecord, error) {
	return collectFiles(dir, QualityFile, ReadQuality)
}

// writeFileAtomic writes data atomically (see fsutil.WriteFile).
func writeFileAtomic(path string, data []byte) error {
	if err := fsutil.WriteFile(path, data); err != nil {
		return fmt.Errorf("results: write %s: %w", path, err)
	}
	return nil
}
