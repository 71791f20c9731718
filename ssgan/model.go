package ssgan

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
)

// Model is a semi-supervised GAN (or its supervised baseline): the two networks, their
// optimisers, the moving average of D used for evaluation, and the compiled training steps. It
// is a core.Classifier: Step makes Plan.DSteps updates of D, each on a fresh labeled batch from
// the Source and (for the GAN methods) a fresh unlabeled one from its stream 0 with freshly
// generated rows, then Plan.GSteps updates of G, each on fresh noise (and, for feature matching,
// fresh real rows from stream 1). The GAN methods are ssgan and its variants ctgan (a
// consistency term on D, see CTGANParams) and badgan (an entropy term on D and a pull-away term
// on G, see BadGANParams), which differ from ssgan only by the terms they add to the losses.
type Model struct {
	Cfg  Config
	D    *Discriminator
	G    *nn.Sequential
	DOpt *nn.Adam
	GOpt *nn.Adam
	// EMA is the exponential moving average of D's parameters, in D.Params() order.
	EMA []*nn.Param
	// NoiseSrc drives every random draw during training (D's noise layers and G's input).
	NoiseSrc *nn.Stream

	dStep           *nn.Step
	dX, dY          []float32
	yLab            []uint8
	dLab, dUnl      *G.Node
	labLogits       *G.Node
	gSample         *nn.Step
	gOut            *G.Node
	gStep           *nn.Step
	gReal           []float32
	eval            *nn.Step
	evalX           []float32
	evalOut         *G.Node
	lastEvalVersion int

	// zFill, when set, replaces the draws of G's input: a test's fixed values, so that two
	// engines whose random streams differ can be compared on the same arithmetic.
	zFill func([]float32)

	// dTerms and gTerms are the method's own terms of D's and G's losses (none for ssgan and
	// supervised), logged under their names after each step.
	dTerms, gTerms []term
}

// term is one extra loss term of a method: its node in the compiled step (an extra output, so
// its value can be read after the run) and its weight in the network's loss.
type term struct {
	name   string
	node   *G.Node
	weight float64
}

// Streams of the model seed: initialisation draws from a PCG stream, training noise from a
// counter-based stream of its own.
const (
	streamInit  = 0x1111
	streamNoise = 0x2222
)

// methodParams are the defaults of the settings (Config.Params) of each method of this package
// that has some.
var methodParams = map[string]map[string]float64{"ctgan": CTGANParams, "badgan": BadGANParams}

// New builds a model from its config and model seed; call Init before training. The methods
// are ssgan, supervised, ctgan and badgan; the last two read their settings from c.Params, where
// a key left out takes its default (CTGANParams, BadGANParams) and an unknown key is refused.
func New(c Config, modelSeed uint64) (*Model, error) {
	m, err := NewUncompiled(c, modelSeed)
	if err != nil {
		return nil, err
	}
	if err := m.compile(); err != nil {
		return nil, err
	}
	return m, nil
}

// NewUncompiled builds the model's networks, optimisers and noise stream as New does (the same
// parameters for the same seed: compiling draws nothing) without compiling its training steps,
// for a learner that compiles its own (package semi). Its Step refuses to run; evaluation,
// checkpoints and weights work as on a model from New.
func NewUncompiled(c Config, modelSeed uint64) (*Model, error) {
	switch c.Method {
	case "ssgan", "supervised", "ctgan", "badgan":
	default:
		return nil, fmt.Errorf("ssgan: method %q: want ssgan, supervised, ctgan or badgan", c.Method)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := checkParams(c); err != nil {
		return nil, err
	}
	initRNG := rand.New(rand.NewPCG(modelSeed, streamInit))
	m := &Model{Cfg: c, NoiseSrc: nn.NewStream(modelSeed, streamNoise), yLab: make([]uint8, c.Batch)}
	m.D = NewDiscriminator(c, initRNG)
	m.DOpt = nn.NewAdam(m.D.Params(), c.LR, c.Beta1)
	if c.HasGenerator() {
		m.G = NewGenerator(c, initRNG)
		m.GOpt = nn.NewAdam(m.G.Params(), c.LR, c.Beta1)
	}
	return m, nil
}

// Capabilities are what the model honours: the GAN methods have a generator for the plan's G
// steps and pretraining; none weights its generated rows nor tells its real and fake losses
// apart (so BEGAN's controller and the d_acc_above threshold are refused).
func (m *Model) Capabilities() core.Capabilities { return CapabilitiesOf(m.Cfg) }

// CapabilitiesOf are the capabilities of a model built with c.
func CapabilitiesOf(c Config) core.Capabilities {
	return core.Capabilities{Name: c.Method, Generator: c.HasGenerator()}
}

// checkParams refuses a setting the method does not have and a value out of its range.
func checkParams(c Config) error {
	defaults, ok := methodParams[c.Method]
	if !ok {
		return nil
	}
	for _, k := range slices.Sorted(maps.Keys(c.Params)) {
		if _, ok := defaults[k]; !ok {
			return fmt.Errorf("ssgan: params.%s: method %s has no such setting (it has: %s)", k, c.Method,
				strings.Join(slices.Sorted(maps.Keys(defaults)), ", "))
		}
		if v := c.Params[k]; !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Errorf("ssgan: params.%s %g: must be finite and not negative", k, v)
		}
	}
	return nil
}

// param returns the method's setting key: c.Params[key], or its default when c.Params leaves
// it out (a config built in code rather than by the registry).
func param(c Config, key string) float64 {
	if v, ok := c.Params[key]; ok {
		return v
	}
	return methodParams[c.Method][key]
}

// addTermLogs adds the values of the method's own terms of its last D step to r's Logs and
// their weighted sum to r.DLoss.
func (m *Model) addTermLogs(r *core.StepResult) {
	for _, t := range m.dTerms {
		v := nn.Scalar(t.node)
		r.Logs[t.name] = v
		r.DLoss += t.weight * v
	}
}

// addGTermLogs adds the values of the method's own terms of its last G step to r's Logs.
func (m *Model) addGTermLogs(r *core.StepResult) {
	for _, t := range m.gTerms {
		r.Logs[t.name] = nn.Scalar(t.node)
	}
}

// withTerms returns loss plus the weighted terms.
func withTerms(loss *G.Node, terms []term) (*G.Node, error) {
	for _, t := range terms {
		w, err := G.Mul(t.node, G.NewConstant(float32(t.weight)))
		if err != nil {
			return nil, err
		}
		if loss, err = G.Add(loss, w); err != nil {
			return nil, err
		}
	}
	return loss, nil
}

// termNodes returns the nodes of terms.
func termNodes(terms []term) []*G.Node {
	var out []*G.Node
	for _, t := range terms {
		out = append(out, t.node)
	}
	return out
}

// Optimizers are D's and, for the GAN methods, G's.
func (m *Model) Optimizers() []*nn.Adam {
	if m.GOpt == nil {
		return []*nn.Adam{m.DOpt}
	}
	return []*nn.Adam{m.DOpt, m.GOpt}
}

// Classes is K.
func (m *Model) Classes() int { return m.Cfg.Classes }

// uniformFill fills a buffer with U[0,1) draws (the generator's input noise).
func (m *Model) uniformFill(buf []float32) {
	if m.zFill != nil {
		m.zFill(buf)
		return
	}
	m.NoiseSrc.FillUniform(buf)
}

func (m *Model) compile() error {
	if err := m.compileD(); err != nil {
		return fmt.Errorf("ssgan: D step: %w", err)
	}
	if m.G == nil {
		return nil
	}
	if err := m.compileSample(); err != nil {
		return fmt.Errorf("ssgan: G sample: %w", err)
	}
	if err := m.compileG(); err != nil {
		return fmt.Errorf("ssgan: G step: %w", err)
	}
	return nil
}

// compileD builds D's step: one pass over [labeled; unlabeled; generated] rows.
func (m *Model) compileD() error {
	c, b := m.Cfg, m.Cfg.Batch
	kinds := 1
	if m.G != nil {
		kinds = 3
	}
	g := nn.NewGraph(nn.Train, m.NoiseSrc)
	x, xbuf := g.Input("x", kinds*b, c.InputDim)
	y, ybuf := g.Input("y", b, c.Classes)
	m.dX, m.dY = xbuf, ybuf
	logits, taps, err := m.D.Forward(g, x)
	if err != nil {
		return err
	}
	lab, err := G.Slice(logits, tensor.S(0, b))
	if err != nil {
		return err
	}
	m.labLogits = lab
	loss, err := SupervisedLoss(lab, y, c.Classes)
	if err != nil {
		return err
	}
	m.dLab = loss
	if m.G != nil {
		unl, err := G.Slice(logits, tensor.S(b, 2*b))
		if err != nil {
			return err
		}
		fake, err := G.Slice(logits, tensor.S(2*b, 3*b))
		if err != nil {
			return err
		}
		if m.dUnl, err = UnsupervisedLoss(unl, fake, c.Classes); err != nil {
			return err
		}
		weighted, err := G.Mul(m.dUnl, G.NewConstant(float32(c.UnlabeledWeight)))
		if err != nil {
			return err
		}
		if loss, err = G.Add(loss, weighted); err != nil {
			return err
		}
		switch c.Method {
		case "ctgan":
			m.dTerms, err = m.consistencyTerms(g, x, unl, taps)
		case "badgan":
			m.dTerms, err = m.entropyTerms(unl)
		}
		if err != nil {
			return err
		}
		if loss, err = withTerms(loss, m.dTerms); err != nil {
			return err
		}
	}
	extras := []*G.Node{lab, m.dLab}
	if m.dUnl != nil {
		extras = append(extras, m.dUnl)
	}
	extras = append(extras, termNodes(m.dTerms)...)
	m.dStep, err = g.Compile(loss, m.D.Params(), extras...)
	return err
}

// compileSample builds G's forward pass that produces the generated rows of D's step.
func (m *Model) compileSample() error {
	g := nn.NewGraph(nn.Train, m.NoiseSrc)
	z := g.Feed("z", m.uniformFill, m.Cfg.Batch, m.Cfg.NoiseDim)
	out, _, err := m.G.Forward(g, z)
	if err != nil {
		return err
	}
	m.gOut = out
	m.gSample, err = g.Compile(nil, nil, out)
	return err
}

// compileG builds G's step through a D whose parameters it does not train.
func (m *Model) compileG() error {
	c := m.Cfg
	g := nn.NewGraph(nn.Train, m.NoiseSrc)
	z := g.Feed("z", m.uniformFill, c.Batch, c.NoiseDim)
	gen, _, err := m.G.Forward(g, z)
	if err != nil {
		return err
	}
	fakeLogits, fakeTaps, err := m.D.Forward(g, gen)
	if err != nil {
		return err
	}
	var loss *G.Node
	if c.GenLoss == "nonsaturating" {
		loss, err = NonSaturatingLoss(fakeLogits, c.Classes)
	} else {
		real, rbuf := g.Input("x_real", c.Batch, c.InputDim)
		m.gReal = rbuf
		_, realTaps, ferr := m.D.Forward(g, real)
		if ferr != nil {
			return ferr
		}
		f := m.D.Feature(c.FeatureLayer)
		loss, err = FeatureMatchingLoss(realTaps[f], fakeTaps[f])
	}
	if err != nil {
		return err
	}
	if c.Method == "badgan" {
		if m.gTerms, err = m.pullAwayTerms(fakeTaps); err != nil {
			return err
		}
		if loss, err = withTerms(loss, m.gTerms); err != nil {
			return err
		}
	}
	m.gStep, err = g.Compile(loss, m.G.Params(), termNodes(m.gTerms)...)
	return err
}
