package experiments

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"time"

	G "gorgonia.org/gorgonia"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/metrics"
	"github.com/ssgan/ssgan/results"
)

// Where the sample-quality classifier is cached: OUT/.quality-classifier/classifier.gob, shared
// by every GAN run under OUT.
const (
	QualityClassifierDir  = ".quality-classifier"
	QualityClassifierFile = "classifier.gob"
)

// Settings of the sample-quality classifier. Every one is part of its hash, so a change retrains
// it instead of reusing a stale cache.
const (
	qualityHidden   = 256  // width of the last hidden layer: the dimension of the Fréchet features
	qualityEpochs   = 5    // passes over all training labels
	qualityBatch    = 100  // rows per Adam step
	qualityLR       = 1e-3 // Adam learning rate (β1 0.9)
	qualitySeed     = 1    // initialisation and batch order
	qualityEvalRows = 500  // rows per inference pass
	qualityPrefix   = "quality/"
)

// QualityClassifier is the small MLP (784-512-256-10, ReLU) trained on all MNIST labels that
// scores generated images: its softmax gives the classifier Inception Score and its last hidden
// layer (256 units, after the ReLU) the features of the Fréchet distance. Its inputs are pixels
// in [0, 1]. (784-256-10 reached 97.6 % after 3 epochs and 98.0–98.1 % after 10; 784-512-256-10
// with a linearly decayed learning rate reaches 98.3 % after 5 epochs, in the time of those 10.)
type QualityClassifier struct {
	// Net is (Dense → ReLU) per hidden width, then Dense; the last ReLU's output is the
	// feature layer.
	Net *nn.Sequential
	// Info describes it for quality.json (architecture, test accuracy, hash).
	Info results.QualityClassifier
	// Real is the ceiling: the scores of real images.
	Real results.RealQuality

	dim    int
	eval   *nn.Step
	evalX  []float32
	hidden *G.Node
	logits *G.Node
}

// qualityWidths are the hidden widths; the last is the feature layer.
var qualityWidths = [...]int{512, qualityHidden}

// newQualityNet builds the untrained network for images of dim pixels: per hidden width Dense →
// ReLU, then Dense to the 10 logits.
func newQualityNet(dim int, rng *rand.Rand) *nn.Sequential {
	s := &nn.Sequential{}
	in := dim
	for i, w := range qualityWidths {
		s.Layers = append(s.Layers, nn.NewDense(fmt.Sprintf("%s%d", qualityPrefix, i), in, w, true, rng), nn.ReLU)
		in = w
	}
	s.Layers = append(s.Layers, nn.NewDense(qualityPrefix+"out", in, datasets.MNISTClasses, true, rng))
	return s
}

// qualityLayers names the layer widths, e.g. "784-512-256-10".
func qualityLayers(dim int) string {
	s := fmt.Sprint(dim)
	for _, w := range qualityWidths {
		s += fmt.Sprintf("-%d", w)
	}
	return s + fmt.Sprintf("-%d", datasets.MNISTClasses)
}

// qualityHash identifies the classifier's settings and the data it is trained and measured on.
func qualityHash(data *datasets.Dataset) string {
	h := sha256.New()
	fmt.Fprintf(h, "quality-mlp %v e%d b%d lr%g linear-decay s%d\n", qualityWidths, qualityEpochs, qualityBatch, qualityLR, qualitySeed)
	for _, s := range []*datasets.Set{data.Train, data.Test} {
		binary.Write(h, binary.LittleEndian, [3]int64{int64(s.Images.N), int64(s.Images.Rows), int64(s.Images.Cols)})
		h.Write(s.Images.Pixels)
		h.Write(s.Labels)
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// LoadQualityClassifier returns the classifier cached under outDir, training it (and measuring
// the real-data ceiling) on first use. Concurrent runs sharing outDir wait for one another, so it
// is trained once. A cache made with other settings or data is retrained and replaced. log
// receives progress lines (nil discards them).
func LoadQualityClassifier(ctx context.Context, outDir string, data *datasets.Dataset, log func(format string, args ...any)) (*QualityClassifier, error) {
	if log == nil {
		log = func(string, ...any) {}
	}
	dir := filepath.Join(outDir, QualityClassifierDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("experiments: quality classifier: %w", err)
	}
	unlock, err := lockFile(filepath.Join(dir, LockFile))
	if err != nil {
		return nil, err
	}
	defer unlock()
	path, hash := filepath.Join(dir, QualityClassifierFile), qualityHash(data)
	if ck, err := LoadCheckpoint(path); err == nil && ck.ConfigHash == hash {
		return qualityFromCheckpoint(ck, data.Train.Images.Dim())
	} else if err == nil {
		log("quality classifier %s was made with other settings or data; retraining\n", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		log("quality classifier %s is unreadable (%v); retraining\n", path, err)
	}
	start := time.Now()
	log("training the sample-quality classifier (MLP %s, %d epochs on %d labels)\n",
		qualityLayers(data.Train.Images.Dim()), qualityEpochs, data.Train.Len())
	q, err := trainQualityClassifier(ctx, data)
	if err != nil {
		return nil, err
	}
	q.Info.Hash = hash
	if err := q.measureReal(data); err != nil {
		q.Close()
		return nil, err
	}
	if err := q.save(path); err != nil {
		q.Close()
		return nil, err
	}
	log("quality classifier: test accuracy %.2f %%, real test-set IS %.3f, train-vs-test FD %.3f (%.0f s)\n",
		100*q.Info.TestAccuracy, q.Real.TestInceptionScore, q.Real.TrainTestFrechetDistance, time.Since(start).Seconds())
	return q, nil
}

// lockFile takes an exclusive flock on path, waiting for other holders, and returns its release.
func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("experiments: lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("experiments: lock %s: %w", path, err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// trainQualityClassifier trains the network on every training label with the core.Trainer (a
// qualityMethod on a dataSource over all the labels, its rate decayed linearly to 0 by a hook)
// and measures its test accuracy. It stops early with ctx's error when ctx is cancelled.
func trainQualityClassifier(ctx context.Context, data *datasets.Dataset) (*QualityClassifier, error) {
	dim := data.Train.Images.Dim()
	m, err := newQualityMethod(newQualityNet(dim, rand.New(rand.NewPCG(qualitySeed, 0x9a11))), dim)
	if err != nil {
		return nil, err
	}
	defer m.Close()
	all := make([]int, data.Train.Len())
	for i := range all {
		all[i] = i
	}
	// Data seed 0 gives the labeled order the seed 3·0+1 = qualitySeed.
	src := newDataSource(data.Train.Images.Float32(0, 1), data.Train.Labels, all, 0, 0)
	iters := (qualityEpochs*data.Train.Len() + qualityBatch - 1) / qualityBatch
	decay := beforeFunc(func(s *core.State) error {
		m.opt.LR = qualityLR * float64(iters-s.Iter) / float64(iters)
		return nil
	})
	tr := &core.Trainer{Method: m, Source: src, Hooks: []core.Hook{decay}}
	if err := tr.Run(ctx, core.NewState(core.DefaultPlan(core.Capabilities{})), iters); err != nil {
		return nil, err
	}
	q := &QualityClassifier{Net: m.net, dim: dim}
	if err := q.compile(); err != nil {
		return nil, err
	}
	probs, _, err := q.Score(data.Test.Images.Float32(0, 1))
	if err != nil {
		q.Close()
		return nil, err
	}
	right := 0
	for i, p := range probs {
		if argmaxF64(p) == int(data.Test.Labels[i]) {
			right++
		}
	}
	q.Info = results.QualityClassifier{
		Architecture: fmt.Sprintf("MLP %s ReLU, Adam %g decayed linearly to 0, batch %d, %d epochs on %d labels",
			qualityLayers(dim), qualityLR, qualityBatch, qualityEpochs, data.Train.Len()),
		FeatureDim: qualityHidden, TestAccuracy: float64(right) / float64(len(probs)),
	}
	return q, nil
}

// beforeFunc is a function as a trainer hook run before each iteration.
type beforeFunc func(*core.State) error

// Before calls the function.
func (f beforeFunc) Before(s *core.State) error { return f(s) }

// compile builds the inference pass over qualityEvalRows rows.
func (q *QualityClassifier) compile() error {
	g := nn.NewGraph(nn.Eval, nil)
	x, buf := g.Input("x", qualityEvalRows, q.dim)
	logits, taps, err := q.Net.Forward(g, x)
	if err != nil {
		return err
	}
	q.hidden, q.logits, q.evalX = taps[len(taps)-2], logits, buf
	q.eval, err = g.Compile(nil, nil, q.hidden, q.logits)
	if err != nil {
		return fmt.Errorf("experiments: quality classifier: %w", err)
	}
	return nil
}

// Close releases the compiled inference pass.
func (q *QualityClassifier) Close() {
	if q.eval != nil {
		q.eval.Close()
	}
}

// Score classifies images (rows of the classifier's input size, pixels in [0, 1]) and returns
// each one's softmax probabilities and hidden-layer features.
func (q *QualityClassifier) Score(images []float32) (probs, features [][]float64, err error) {
	if len(images) == 0 || len(images)%q.dim != 0 {
		return nil, nil, fmt.Errorf("experiments: quality classifier: %d values are not a positive number of %d-pixel images", len(images), q.dim)
	}
	n := len(images) / q.dim
	probs, features = make([][]float64, 0, n), make([][]float64, 0, n)
	for lo := 0; lo < n; lo += qualityEvalRows {
		hi := min(lo+qualityEvalRows, n)
		clear(q.evalX)
		copy(q.evalX, images[lo*q.dim:hi*q.dim])
		if err := q.eval.Run(); err != nil {
			return nil, nil, err
		}
		h, l := nn.Floats(q.hidden), nn.Floats(q.logits)
		k := len(l) / qualityEvalRows
		for r := 0; r < hi-lo; r++ {
			features = append(features, toFloat64(h[r*qualityHidden:(r+1)*qualityHidden]))
			probs = append(probs, metrics.Softmax(l[r*k:(r+1)*k]))
		}
	}
	return probs, features, nil
}
