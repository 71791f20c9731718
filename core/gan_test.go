package core

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/datasets"
)

// smallGAN is a scaled-down configuration for fast tests (same layer structure as the article's).
func smallGAN() GANConfig {
	return GANConfig{NoiseDim: 8, ImageDim: 16, GHidden: []int{16, 32}, DHidden: []int{16, 8}, Batch: 8, LR: 0.002}
}

// syntheticImages returns n images of dim pixels in [-1, 1]: two blob patterns plus noise.
func syntheticImages(n, dim int) []float32 {
	rng := rand.New(rand.NewPCG(42, 43))
	x := make([]float32, n*dim)
	for i := 0; i < n; i++ {
		for j := 0; j < dim; j++ {
			v := -0.8 + 0.2*rng.NormFloat64()
			if (j < dim/2) == (i%2 == 0) {
				v += 1.5
			}
			x[i*dim+j] = float32(math.Max(-1, math.Min(1, v)))
		}
	}
	return x
}

// newSmallGAN builds the small GAN with the model seed and a source over 50 synthetic images
// shuffled with the data seed.
func newSmallGAN(t *testing.T, modelSeed, dataSeed uint64) (*GAN, *imageSource) {
	t.Helper()
	c := smallGAN()
	m, err := NewGAN(c, modelSeed)
	require.NoError(t, err)
	t.Cleanup(m.Close)
	return m, mustImageSource(t, syntheticImages(50, c.ImageDim), c.ImageDim, datasets.NewShuffler(50, dataSeed))
}

// newGANState is a fresh run's state for the GAN.
func newGANState() *State { return NewState(DefaultPlan(GANCapabilities)) }

// snapshot copies every value of the parameters.
func snapshot(ps []*nn.Param) [][]float32 {
	out := make([][]float32, len(ps))
	for i, p := range ps {
		out[i] = append([]float32(nil), p.Data()...)
	}
	return out
}

// bitsEqual reports whether two snapshots are identical bit for bit.
func bitsEqual(a, b [][]float32) bool {
	for i := range a {
		for j := range a[i] {
			if math.Float32bits(a[i][j]) != math.Float32bits(b[i][j]) {
				return false
			}
		}
	}
	return true
}

// logger records a sorted copy of the metrics, counters and hook variables after every iteration.
type logger struct{ rows [][]string }

func (l *logger) After(s *State) error {
	var row []string
	for k, v := range s.Metrics {
		row = append(row, k+"="+formatBits(v))
	}
	for k, v := range s.Counters {
		row = append(row, "#"+k+"="+formatBits(float64(v)))
	}
	for k, v := range s.Vars {
		row = append(row, "$"+k+"="+formatBits(v))
	}
	sort.Strings(row)
	l.rows = append(l.rows, row)
	return nil
}

// formatBits prints a float's exact bits, so that equal logs mean bit-identical numbers.
func formatBits(v float64) string { return fmt.Sprintf("%016x", math.Float64bits(v)) }

// train runs m on src from s until iteration `until` with the hooks plus a logger and returns
// the log.
func train(t *testing.T, m Method, src Source, s *State, until int, hooks ...Hook) [][]string {
	t.Helper()
	l := &logger{}
	tr := &Trainer{Method: m, Source: src, Hooks: append(append([]Hook{}, hooks...), l)}
	require.NoError(t, tr.Run(context.Background(), s, until))
	return l.rows
}

func TestGANConfigDefaults(t *testing.T) {
	c := GANConfig{}.Defaults()
	// The article's model: Keras MLP GAN, Adam(0.0002, 0.5), batch 32.
	assert.Equal(t, GANConfig{NoiseDim: 100, ImageDim: 784, GHidden: []int{256, 512, 1024}, DHidden: []int{512, 256},
		Slope: 0.2, BNMomentum: 0.8, LR: 0.0002, Beta1: 0.5, Batch: 32}, c)
	assert.Equal(t, c.Hash(), GANConfig{}.Hash(), "zero value and explicit defaults are the same configuration")
	assert.NotEqual(t, c.Hash(), GANConfig{Batch: 64}.Hash())
}

func TestGANConfigValidate(t *testing.T) {
	tests := []struct {
		name  string
		cfg   GANConfig
		field string
	}{
		{"noise", GANConfig{NoiseDim: -1}, "noise_dim"},
		{"image", GANConfig{ImageDim: -3}, "image_dim"},
		{"slope", GANConfig{Slope: 1}, "slope"},
		{"momentum", GANConfig{BNMomentum: 1.5}, "bn_momentum"},
		{"lr", GANConfig{LR: -1}, "lr"},
		{"lr nan", GANConfig{LR: math.NaN()}, "lr"},
		{"beta1", GANConfig{Beta1: 1}, "beta1"},
		{"batch", GANConfig{Batch: 1}, "batch"},
		{"g hidden", GANConfig{GHidden: []int{4, 0}}, "g_hidden[1]"},
		{"d hidden", GANConfig{DHidden: []int{-2}}, "d_hidden[0]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), "core: gan: "+tc.field)
			_, err = NewGAN(tc.cfg, 1)
			require.ErrorContains(t, err, "core: gan: "+tc.field)
		})
	}
	require.NoError(t, GANConfig{}.Validate())
	// Images that are not whole rows of ImageDim are the source's to refuse (TestImageSourceErrors).
}

// TestGANArticleShapes builds the article's model and runs one iteration on random images.
func TestGANArticleShapes(t *testing.T) {
	m, err := NewGAN(GANConfig{}, 1)
	require.NoError(t, err)
	defer m.Close()
	src := mustImageSource(t, syntheticImages(40, 784), 784, datasets.NewShuffler(40, 2))
	var shapes [][]int
	for _, p := range append(m.G.Params(), m.D.Params()...) {
		shapes = append(shapes, p.Shape())
	}
	// Dense W and b, then BN gamma and beta, per G layer; Dense W and b per D layer.
	want := [][]int{
		{100, 256}, {1, 256}, {1, 256}, {1, 256},
		{256, 512}, {1, 512}, {1, 512}, {1, 512},
		{512, 1024}, {1, 1024}, {1, 1024}, {1, 1024},
		{1024, 784}, {1, 784},
		{784, 512}, {1, 512}, {512, 256}, {1, 256}, {256, 1}, {1, 1},
	}
	assert.Equal(t, want, shapes)
	s := newGANState()
	train(t, m, src, s, 1)
	assert.ElementsMatch(t, []string{"d_loss", "d_acc", "g_loss", "d_loss_real", "d_loss_fake", "fake_real_loss"}, keys(s.Metrics))
	// The typed result the hooks read carries the same numbers as the log.
	r := s.Last
	assert.True(t, r.RealFake && r.GStepped)
	assert.Equal(t, []float64{r.DLoss, r.DAcc, r.DLossReal, r.DLossFake, r.GLoss},
		[]float64{s.Metrics["d_loss"], s.Metrics["d_acc"], s.Metrics["d_loss_real"], s.Metrics["d_loss_fake"], s.Metrics["g_loss"]})
	// An untrained D is near chance: the BCE is about ln 2.
	assert.InDelta(t, math.Ln2, s.Metrics["d_loss"], 0.3)
	x, err := m.Sample(25, rand.New(rand.NewPCG(9, 9)))
	require.NoError(t, err)
	require.Len(t, x, 25*784)
	for _, v := range x {
		require.True(t, v >= -1 && v <= 1, "tanh output %g", v)
	}
}

// TestGANFreezing checks that a D update leaves every G parameter and buffer bit-identical and a
// G update every D parameter, and that the trained network does change.
func TestGANFreezing(t *testing.T) {
	tests := []struct {
		name           string
		plan           Plan
		frozen, trains func(m *GAN) []*nn.Param
	}{
		{"D step freezes G", Plan{DSteps: 1, GSteps: 0, FakeWeight: 1},
			func(m *GAN) []*nn.Param { return append(m.G.Params(), m.G.Buffers()...) }, func(m *GAN) []*nn.Param { return m.D.Params() }},
		{"G step freezes D", Plan{DSteps: 0, GSteps: 1, FakeWeight: 1},
			func(m *GAN) []*nn.Param { return m.D.Params() }, func(m *GAN) []*nn.Param { return m.G.Params() }},
		{"three G steps freeze D", Plan{DSteps: 0, GSteps: 3, FakeWeight: 0.5},
			func(m *GAN) []*nn.Param { return m.D.Params() }, func(m *GAN) []*nn.Param { return m.G.Params() }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, src := newSmallGAN(t, 5, 6)
			train(t, m, src, newGANState(), 2) // move away from the initial state first
			frozen, trains := snapshot(tc.frozen(m)), snapshot(tc.trains(m))
			_, err := m.Step(tc.plan, src)
			require.NoError(t, err)
			assert.True(t, bitsEqual(frozen, snapshot(tc.frozen(m))), "frozen network changed")
			assert.False(t, bitsEqual(trains, snapshot(tc.trains(m))), "trained network did not change")
		})
	}
}

// TestGANFakeWeight checks that D's loss is ½(L_real + k·L_fake) for the plan's FakeWeight k.
func TestGANFakeWeight(t *testing.T) {
	for _, k := range []float64{1, 0.25, 0} {
		m, src := newSmallGAN(t, 3, 4)
		r, err := m.Step(Plan{DSteps: 1, GSteps: 1, FakeWeight: k}, src)
		require.NoError(t, err)
		want := 0.5 * (r.DLossReal + k*r.DLossFake)
		assert.InDelta(t, want, m.dStep.LossValue(), 1e-5, "k=%g", k) // float32 graph vs float64 metrics
	}
}

func TestGANReproducible(t *testing.T) {
	const iters = 20
	run := func(modelSeed, dataSeed uint64) [][]string {
		m, src := newSmallGAN(t, modelSeed, dataSeed)
		return train(t, m, src, newGANState(), iters)
	}
	a := run(1, 2)
	require.Len(t, a, iters)
	assert.Equal(t, a, run(1, 2), "same seeds must give the same log")
	assert.NotEqual(t, a[0], run(7, 2)[0], "another model seed must differ from the first iteration")
	assert.NotEqual(t, a[0], run(1, 8)[0], "another data seed must differ from the first iteration")
}

// TestGANResume trains N iterations, checkpoints through its bytes, resumes a fresh model for N
// more and compares with 2N straight iterations: every logged number and every final parameter,
// buffer and optimiser moment must agree bit for bit. The tricks run too, so their counters and
// k_t must survive the checkpoint; the source's data order is saved beside the GAN's state, as
// package experiments does.
func TestGANResume(t *testing.T) {
	const n = 6
	hooks := Tricks{Pretrain: Pretrain{Steps: 2}, Schedule: Schedule{GSteps: 2},
		Balance: Balance{Policy: "began", Began: Began{K0: 0.5, Lambda: 0.05}}}.Hooks()
	straight, straightSrc := newSmallGAN(t, 11, 12)
	want := train(t, straight, straightSrc, newGANState(), 2*n, hooks...)

	first, firstSrc := newSmallGAN(t, 11, 12)
	s := newGANState()
	got := train(t, first, firstSrc, s, n, hooks...)
	ck := NewCheckpoint(first.Cfg.Hash(), s)
	require.NoError(t, first.Save(ck))
	firstSrc.save(t, ck)
	var buf bytes.Buffer
	require.NoError(t, ck.Encode(&buf))

	loaded, err := DecodeCheckpoint(&buf)
	require.NoError(t, err)
	require.Equal(t, smallGAN().Hash(), loaded.ConfigHash)
	second, secondSrc := newSmallGAN(t, 99, 98) // other seeds: everything must come from the checkpoint
	require.NoError(t, second.Load(loaded))
	secondSrc.load(t, loaded)
	s2 := newGANState()
	loaded.Restore(s2)
	got = append(got, train(t, second, secondSrc, s2, 2*n, hooks...)...)

	assert.Equal(t, want, got)
	for _, ps := range []func(m *GAN) []*nn.Param{
		func(m *GAN) []*nn.Param { return m.G.Params() }, func(m *GAN) []*nn.Param { return m.G.Buffers() },
		func(m *GAN) []*nn.Param { return m.D.Params() },
	} {
		assert.True(t, bitsEqual(snapshot(ps(straight)), snapshot(ps(second))))
	}
	assert.True(t, bitsEqual(straight.GOpt.M, second.GOpt.M) && bitsEqual(straight.DOpt.V, second.DOpt.V))
	assert.Equal(t, straight.GOpt.T, second.GOpt.T)
}

func TestGANLoadErrors(t *testing.T) {
	m, _ := newSmallGAN(t, 1, 1)
	ck := NewCheckpoint("", nil)
	require.NoError(t, m.Save(ck))
	delete(ck.RNG, ganNoiseRNG)
	require.ErrorContains(t, m.Load(ck), "no noise state")

	other, err := NewGAN(GANConfig{NoiseDim: 8, ImageDim: 16, GHidden: []int{16}, DHidden: []int{16, 8}, Batch: 8}, 1)
	require.NoError(t, err)
	defer other.Close()
	ck = NewCheckpoint("", nil)
	require.NoError(t, other.Save(ck))
	require.Error(t, m.Load(ck), "a checkpoint of another architecture must be refused")
	require.Error(t, m.Save(&Checkpoint{}))
}

func TestGANPlanErrors(t *testing.T) {
	m, src := newSmallGAN(t, 1, 1)
	for _, p := range []Plan{{DSteps: -1, GSteps: 1, FakeWeight: 1}, {DSteps: 1, GSteps: -1, FakeWeight: 1},
		{DSteps: 1, GSteps: 1, FakeWeight: -1}, {DSteps: 1, GSteps: 1, FakeWeight: math.NaN()}, {DSteps: 1, GSteps: 1, FakeWeight: math.Inf(1)}} {
		_, err := m.Step(p, src)
		assert.ErrorContains(t, err, "core: plan", "%+v", p)
		// The trainer refuses a plan its hooks made impossible before the method sees it.
		s := newGANState()
		tr := &Trainer{Method: m, Source: src, Hooks: []Hook{beforeFunc(func(s *State) error { s.Plan = p; return nil })}}
		assert.ErrorContains(t, tr.Iterate(s), "core: plan", "%+v", p)
		assert.Equal(t, 0, s.Iter)
	}
}

// TestGANTrainModeSamples checks the PyTorch-style option: D's generated rows then use batch
// statistics, so a D step moves G's running averages but still no G parameter.
func TestGANTrainModeSamples(t *testing.T) {
	c := smallGAN()
	c.TrainModeSamples = true
	m, err := NewGAN(c, 5)
	require.NoError(t, err)
	defer m.Close()
	src := mustImageSource(t, syntheticImages(50, c.ImageDim), c.ImageDim, datasets.NewShuffler(50, 6))
	params, bufs := snapshot(m.G.Params()), snapshot(m.G.Buffers())
	_, err = m.Step(Plan{DSteps: 1, GSteps: 0, FakeWeight: 1}, src)
	require.NoError(t, err)
	assert.True(t, bitsEqual(params, snapshot(m.G.Params())))
	assert.False(t, bitsEqual(bufs, snapshot(m.G.Buffers())))
}

// beforeFunc adapts a function to a BeforeHook.
type beforeFunc func(s *State) error

func (f beforeFunc) Before(s *State) error { return f(s) }

// keys returns the names in m.
func keys(m map[string]float64) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// recordingSource records each draw of a source it wraps, or fails every draw when fail is set.
type recordingSource struct {
	Source
	draws []string
	fail  error
}

func (r *recordingSource) Unlabeled(k int, x []float32) error {
	r.draws = append(r.draws, fmt.Sprintf("stream %d: %d values", k, len(x)))
	if r.fail != nil {
		return r.fail
	}
	return r.Source.Unlabeled(k, x)
}

// TestGANSource checks what the GAN draws from its source: Batch/2 rows of ImageDim pixels from
// unlabeled stream 0 per D step, one draw when D is frozen (it is still measured), none for G's
// steps; and that a source's error ends the step.
func TestGANSource(t *testing.T) {
	m, src := newSmallGAN(t, 1, 2)
	draw := "stream 0: 64 values" // Batch/2 = 4 rows of 16
	for _, tc := range []struct {
		plan  Plan
		draws int
	}{{Plan{DSteps: 1, GSteps: 1, FakeWeight: 1}, 1}, {Plan{DSteps: 3, GSteps: 2, FakeWeight: 1}, 3}, {Plan{DSteps: 0, GSteps: 2, FakeWeight: 1}, 1}} {
		rec := &recordingSource{Source: src}
		r, err := m.Step(tc.plan, rec)
		require.NoError(t, err)
		want := make([]string, tc.draws)
		for i := range want {
			want[i] = draw
		}
		assert.Equal(t, want, rec.draws, "%+v", tc.plan)
		assert.True(t, r.RealFake)
		assert.Equal(t, tc.plan.GSteps > 0, r.GStepped)
	}
	_, err := m.Step(DefaultPlan(GANCapabilities), &recordingSource{Source: src, fail: errors.New("no more rows")})
	require.ErrorContains(t, err, "no more rows")
}
