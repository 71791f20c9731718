package semi

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/internal/testutil"
	"github.com/ssgan/ssgan/ssgan"
)

// builder makes a learner from a config and a model seed.
type builder func(c ssgan.Config, seed uint64) (*Learner, error)

// tinyConfig is a discriminator small enough for finite differences: 6 inputs, hidden widths 8
// and 6 (init on 16 rows), 3 classes, batches of 4, noise off (so every run of the step is the same function).
func tinyConfig(params map[string]float64) ssgan.Config {
	c := ssgan.Defaults()
	c.InputDim, c.Classes, c.DHidden, c.Batch, c.InitRows = 6, 3, []int{8, 6}, 4, 16
	c.InputNoise, c.HiddenNoise = 0, 0
	c.Params = params
	return c
}

// checkLearnerGradients fills a tiny learner's step with random rows and labels (and a fixed
// unsupervised weight) and compares its gradients with finite differences of its whole loss,
// supervised and unsupervised terms together. prepare, when set, runs the learner's own passes
// first (a teacher's targets, VAT's direction), which the check then holds fixed.
func checkLearnerGradients(t *testing.T, build builder, params map[string]float64, prepare func(l *Learner) error) {
	t.Helper()
	c := tinyConfig(params)
	l, err := build(c, 3)
	require.NoError(t, err)
	defer l.Close()
	initTiny(t, l, c)
	clear(l.y)
	for i := range c.Batch {
		l.y[i*c.Classes+i%c.Classes] = 1
		l.ylab[i] = uint8(i % c.Classes)
	}
	for i := range l.w {
		l.w[i] = 0.7 / float32(len(l.w))
	}
	if prepare != nil {
		require.NoError(t, prepare(l))
	}
	require.NoError(t, nn.CheckGradients(l.step, nn.GradTolerance{Abs: 3e-3, Rel: 3e-2}))
}

// shortRun trains a learner on MNIST's first 10 labels per class (data seed 1) for iters
// iterations through the Trainer and a source like the run lifecycle's, and returns its test
// errors with the moving average.
func shortRun(t *testing.T, build builder, params map[string]float64, iters int) int {
	t.Helper()
	d, err := datasets.Load(testutil.MNISTDir(t))
	require.NoError(t, err)
	c := ssgan.Defaults()
	c.Params = params
	l, err := build(c, 1)
	require.NoError(t, err)
	defer l.Close()
	x := d.Train.Images.Float32(0, 1)
	require.NoError(t, l.Init(x))
	split, err := datasets.NewSplit(d.Train.Labels, 10, 10, 1)
	require.NoError(t, err)
	src := &mnistSource{x: x, y: d.Train.Labels, split: split.Indices,
		lab: datasets.NewShuffler(len(split.Indices), 2), unl: datasets.NewShuffler(d.Train.Len(), 3)}
	tr := &core.Trainer{Method: l, Source: src}
	require.NoError(t, tr.Run(t.Context(), core.NewState(core.DefaultPlan(l.Capabilities())), iters))
	pred, err := l.Predict(d.Test.Images.Float32(0, 1), true)
	require.NoError(t, err)
	wrong := 0
	for i, p := range pred {
		if p != int(d.Test.Labels[i]) {
			wrong++
		}
	}
	return wrong
}

// mnistSource draws labeled rows from a split and unlabeled rows from the whole training set.
type mnistSource struct {
	x        []float32
	y        []uint8
	split    []int
	lab, unl *datasets.Shuffler
	idx      []int
}

func (s *mnistSource) Labeled(x []float32, y []uint8) error {
	s.idx = make([]int, len(y))
	s.lab.Next(s.idx)
	for i, j := range s.idx {
		s.idx[i] = s.split[j]
		y[i] = s.y[s.idx[i]]
	}
	return datasets.Gather(x, s.x, s.idx, 784)
}

func (s *mnistSource) Unlabeled(_ int, x []float32) error {
	s.idx = make([]int, len(x)/784)
	s.unl.Next(s.idx)
	return datasets.Gather(x, s.x, s.idx, 784)
}

// initTiny initialises l (built from c) on random rows and fills its input batch with random
// values, both drawn from the PCG stream (7, 8), which it returns for any further draws.
func initTiny(t *testing.T, l *Learner, c ssgan.Config) *rand.Rand {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 8))
	init := make([]float32, c.InitRows*c.InputDim)
	for i := range init {
		init[i] = rng.Float32()
	}
	require.NoError(t, l.Init(init))
	for i := range l.x {
		l.x[i] = rng.Float32()
	}
	return rng
}
