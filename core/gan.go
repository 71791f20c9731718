package core

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"

	G "gorgonia.org/gorgonia"

	"github.com/ssgan/ssgan/core/nn"
)

// GANConfig holds the settings of the source article's Keras MLP GAN. The zero value of a field
// means its default (see Defaults), so GANConfig{} is the article's model.
type GANConfig struct {
	NoiseDim   int     `yaml:"noise_dim"`   // G's input size, 100
	ImageDim   int     `yaml:"image_dim"`   // pixels per image, 784
	GHidden    []int   `yaml:"g_hidden"`    // G's hidden widths, 256, 512, 1024
	DHidden    []int   `yaml:"d_hidden"`    // D's hidden widths, 512, 256
	Slope      float64 `yaml:"slope"`       // LeakyReLU negative slope, 0.2
	BNMomentum float64 `yaml:"bn_momentum"` // G's batch-norm running-average momentum (Keras convention), 0.8
	LR         float64 `yaml:"lr"`          // Adam learning rate of both networks, 0.0002
	Beta1      float64 `yaml:"beta1"`       // Adam β1 of both networks, 0.5
	// Batch is G's batch; D sees Batch/2 real and Batch/2 generated rows per step. 32.
	Batch int `yaml:"batch"`
	// TrainModeSamples makes the generated rows of D's step use batch statistics in G's batch
	// norm (and update the running averages), as a PyTorch port would. The default (false) is
	// Keras' generator.predict: running statistics, no update.
	TrainModeSamples bool `yaml:"train_mode_samples"`
}

// Defaults returns c with every zero field replaced by the article's value.
func (c GANConfig) Defaults() GANConfig {
	set := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	if c.NoiseDim == 0 {
		c.NoiseDim = 100
	}
	if c.ImageDim == 0 {
		c.ImageDim = 784
	}
	if len(c.GHidden) == 0 {
		c.GHidden = []int{256, 512, 1024}
	}
	if len(c.DHidden) == 0 {
		c.DHidden = []int{512, 256}
	}
	set(&c.Slope, 0.2)
	set(&c.BNMomentum, 0.8)
	set(&c.LR, 0.0002)
	set(&c.Beta1, 0.5)
	if c.Batch == 0 {
		c.Batch = 32
	}
	return c
}

// Validate reports the first impossible setting of c (after defaults), naming its field.
func (c GANConfig) Validate() error {
	c = c.Defaults()
	switch {
	case c.NoiseDim < 0:
		return fmt.Errorf("core: gan: noise_dim %d: must be positive", c.NoiseDim)
	case c.ImageDim < 0:
		return fmt.Errorf("core: gan: image_dim %d: must be positive", c.ImageDim)
	case c.Slope < 0 || c.Slope >= 1:
		return fmt.Errorf("core: gan: slope %g: want 0 <= slope < 1", c.Slope)
	case c.BNMomentum < 0 || c.BNMomentum >= 1:
		return fmt.Errorf("core: gan: bn_momentum %g: want 0 <= bn_momentum < 1", c.BNMomentum)
	case !(c.LR > 0) || math.IsInf(c.LR, 0):
		return fmt.Errorf("core: gan: lr %g: must be positive and finite", c.LR)
	case c.Beta1 < 0 || c.Beta1 >= 1:
		return fmt.Errorf("core: gan: beta1 %g: want 0 <= beta1 < 1", c.Beta1)
	case c.Batch < 2:
		return fmt.Errorf("core: gan: batch %d: want at least 2 (D sees batch/2 real and batch/2 generated rows)", c.Batch)
	}
	for i, h := range c.GHidden {
		if h <= 0 {
			return fmt.Errorf("core: gan: g_hidden[%d] = %d: must be positive", i, h)
		}
	}
	for i, h := range c.DHidden {
		if h <= 0 {
			return fmt.Errorf("core: gan: d_hidden[%d] = %d: must be positive", i, h)
		}
	}
	return nil
}

// Hash identifies the configuration (after defaults) for checkpoints that must refuse to resume
// a changed one.
func (c GANConfig) Hash() string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("gan%+v", c.Defaults())))
	return hex.EncodeToString(sum[:8])
}

// GAN is the article's MLP GAN: the two networks, their optimisers, the seeded noise and the
// compiled steps. It is a Method: Step makes Plan.DSteps discriminator updates, each on a fresh
// batch of real rows (the Source's unlabeled stream 0, pixels in [-1, 1]) and freshly generated
// ones, then Plan.GSteps generator updates.
type GAN struct {
	// Cfg is the configuration with defaults applied.
	Cfg GANConfig
	// G maps noise to images in [-1, 1]; D maps images to one real-vs-fake logit.
	G, D *nn.Sequential
	// GOpt trains only G's parameters and DOpt only D's: each network is frozen while the other
	// one steps.
	GOpt, DOpt *nn.Adam
	// NoiseSrc drives every noise draw during training (the init stream is separate).
	NoiseSrc *nn.Stream

	sample    *nn.Step
	sampleOut *G.Node
	dStep     *nn.Step
	dX, dW    []float32
	dLogits   *G.Node
	gStep     *nn.Step
}

// Streams of the model seed: initialisation draws from a PCG stream, training noise from a
// counter-based stream of its own.
const (
	ganStreamInit  = 0x6a11
	ganStreamNoise = 0x6a12
)

// GANCapabilities are what the article's GAN honours: every trick.
var GANCapabilities = Capabilities{Name: "gan", Generator: true, RealFake: true, FakeWeight: true}

// NewGAN builds the GAN from its configuration; modelSeed drives initialisation and noise. Its
// real rows come from the Source given to each Step (rows of Cfg.ImageDim pixels in [-1, 1]).
func NewGAN(cfg GANConfig, modelSeed uint64) (*GAN, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := cfg.Defaults()
	initRNG := rand.New(rand.NewPCG(modelSeed, ganStreamInit))
	m := &GAN{Cfg: c, NoiseSrc: nn.NewStream(modelSeed, ganStreamNoise)}
	m.G = NewGANGenerator(c, initRNG)
	m.D = NewGANDiscriminator(c, initRNG)
	m.GOpt = nn.NewAdam(m.G.Params(), c.LR, c.Beta1)
	m.DOpt = nn.NewAdam(m.D.Params(), c.LR, c.Beta1)
	if err := m.compile(); err != nil {
		m.Close()
		return nil, err
	}
	return m, nil
}

// NewGANGenerator builds G: per hidden width Dense (with bias) → LeakyReLU → BatchNorm (the
// article's Keras order), then Dense → tanh.
func NewGANGenerator(c GANConfig, rng *rand.Rand) *nn.Sequential {
	c = c.Defaults()
	s := &nn.Sequential{}
	in := c.NoiseDim
	for i, h := range c.GHidden {
		name := fmt.Sprintf("G.%d", i)
		s.Layers = append(s.Layers, nn.NewDense(name, in, h, true, rng), nn.LeakyReLU(c.Slope), nn.NewBatchNorm(name+".bn", h, c.BNMomentum))
		in = h
	}
	s.Layers = append(s.Layers, nn.NewDense("G.out", in, c.ImageDim, true, rng), nn.Tanh)
	return s
}

// NewGANDiscriminator builds D: per hidden width Dense → LeakyReLU, then Dense to one logit
// (the article's sigmoid is folded into the loss).
func NewGANDiscriminator(c GANConfig, rng *rand.Rand) *nn.Sequential {
	c = c.Defaults()
	s := &nn.Sequential{}
	in := c.ImageDim
	for i, h := range c.DHidden {
		s.Layers = append(s.Layers, nn.NewDense(fmt.Sprintf("D.%d", i), in, h, true, rng), nn.LeakyReLU(c.Slope))
		in = h
	}
	s.Layers = append(s.Layers, nn.NewDense("D.out", in, 1, true, rng))
	return s
}

// normalFill fills buf with N(0, 1) draws from the training noise stream.
func (m *GAN) normalFill(buf []float32) { m.NoiseSrc.FillNormal(buf, 1) }

// Close releases the compiled steps.
func (m *GAN) Close() {
	for _, s := range []*nn.Step{m.sample, m.dStep, m.gStep} {
		if s != nil {
			s.Close()
		}
	}
}

// Init does nothing: the article's GAN has no data-dependent initialisation.
func (m *GAN) Init([]float32) error { return nil }

// Optimizers are G's and D's.
func (m *GAN) Optimizers() []*nn.Adam { return []*nn.Adam{m.GOpt, m.DOpt} }

// Sample generates n images with G in inference mode (running batch-norm statistics, as Keras'
// predict) from noise drawn from rng, which should not be a training stream. It returns n rows of
// Cfg.ImageDim values in [-1, 1].
func (m *GAN) Sample(n int, rng *rand.Rand) ([]float32, error) {
	if n <= 0 {
		return nil, fmt.Errorf("core: gan: sample %d images: must be positive", n)
	}
	g := nn.NewGraph(nn.Eval, nil)
	z, buf := g.Input("z", n, m.Cfg.NoiseDim)
	nn.FillNormal(buf, rng, 1)
	out, _, err := m.G.Forward(g, z)
	if err != nil {
		return nil, err
	}
	step, err := g.Compile(nil, nil, out)
	if err != nil {
		return nil, err
	}
	defer step.Close()
	if err := step.Run(); err != nil {
		return nil, err
	}
	return append([]float32(nil), nn.Floats(out)...), nil
}
