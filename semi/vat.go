package semi

import (
	"fmt"
	"math"

	G "gorgonia.org/gorgonia"

	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/ssgan"
)

// VATParams are virtual adversarial training's settings (spec model.params) and their defaults.
var VATParams = map[string]float64{
	// eps is ε, the L2 norm of the virtual adversarial perturbation r_adv of each row: 0.3, the
	// reference MNIST code's semi-supervised run with 100 labels (takerum/vat, README:
	// train_mnist_semisup.py --epsilon=0.3, on a 784-1200-1200-10 network with batch norm; the
	// script's default is 2.0, its supervised run 2.1). vat_tf (takerum/vat_tf, the TPAMI
	// paper's code) has no MNIST setting (its README: SVHN 2.5 and 3.5, CIFAR-10 8.0 and
	// 10.0, on larger images). On this network and split (model seed 1, data seed 1, 1,200
	// iterations) ε = 2 degrades it (test errors of D's own weights 3,274 at 300 iterations,
	// 7,438 at 1,200; the supervised baseline 2,290) and ε = 0.3 helps (1,681 and 1,192).
	"eps": 0.3,
	// xi is ξ, the norm of the random probe d of the power iteration: 1e-2, where both
	// reference codes use 1e-6 (vat.py --xi; virtual_adversarial_training_finite_diff's xi). In
	// float32 a probe of norm 1e-6 over 784 pixels (about 4e-8 each) is below the resolution of
	// a pixel near 1 (6e-8 at 0.5) and its change of the probabilities below theirs, so g is
	// mostly rounding: on this network (100 MNIST rows, at Init and after 300 iterations) the
	// direction from ξ = 1e-6 has a mean cosine of 0.13 and 0.08 with the one from ξ = 1e-2,
	// while ξ = 1e-3, 1e-2 and 1e-1 agree to 0.97-1.00 (1e-5: 0.78 and 0.56; 1e-4: 0.99 and
	// 0.89); 1e-2 sits between the rounding (ξ ≤ 1e-4) and the ReLUs' kinks (ξ ≥ 1e-1). The
	// rounded direction is still adversarial (after 300 iterations the KL at ε = 2 along it is
	// 0.22, along ξ = 1e-2's 0.32, along a random direction 0.0008), and both train alike: at
	// ε = 0.3, 1,200 iterations, 1,255 test errors (moving average) with ξ = 1e-6 and 1,333
	// with 1e-2 (D's own weights 1,212 and 1,192). The default follows the algorithm (g ∝ Hd)
	// rather than the rounding.
	"xi": 1e-2,
	// weight is α, the weight of the virtual adversarial loss: 1, as in both reference codes
	// (train_semisup.py adds vat_loss unweighted; train_mnist_semisup.py --lamb [default: 1.0])
	// and the paper's experiments.
	"weight": 1,
}

// NewVAT builds virtual adversarial training (Miyato, Maeda, Koyama & Ishii 2018, "Virtual
// adversarial training: a regularization method for supervised and semi-supervised learning",
// IEEE TPAMI), following the reference code takerum/vat_tf (vat.py, train_semisup.py) and, for
// MNIST, takerum/vat (costs/virtual_adversarial_training_finite_diff.py; facts only). Each
// iteration, for every unlabeled row x:
//
//  1. p(y|x) is the class distribution of D's current parameters with the noise off (a clean
//     pass), held constant from here on;
//  2. one power iteration: d ~ N(0, I) from the learner's noise stream, d ← ξ·d/‖d‖, and
//     g = ∇_d KL(p(y|x) ‖ p(y|x + d)), the noise still off, by a pass through D whose only
//     trained parameter is d; r_adv = ε·g/‖g‖ (each norm taken per row, after dividing by the
//     row's largest |value|, as the reference's get_normalized_vector; a row whose g is all
//     zero gets no perturbation, as there);
//  3. the unsupervised loss is α·KL(p(y|x) ‖ p(y|x + r_adv)) averaged over the rows, p(y|x +
//     r_adv) from the training pass (noise on), to which the supervised cross-entropy of the
//     labeled rows is added.
//
// The perturbed rows x + r_adv replace the clean ones in the step's input buffer (BeforeStep), so
// that the training pass's unlabeled rows are the adversarial ones: D sees each unlabeled row
// once per step, perturbed, as the reference's training graph does (its clean forward of the
// unlabeled rows only makes the target, without gradient).
//
// Noise off in the clean pass and the power iteration: the power iteration is a finite
// difference of p(y|·) between x and x + d, which must be the same function at both points. The
// reference gets that from its seeding: cnn.py gives each pass's dropout ops the same op seeds
// (from RandomState(1234)), so under TensorFlow 1's seeding the passes draw the same masks; with
// independent draws of this network's noise (norm about 8.4 on the input alone) the KL between
// two passes would be the noise's, not d's, at |d| = ξ. The reference's MNIST network has no
// noise layers at all (batch norm only), so its p(y|x) is the deterministic prediction, which is
// what the noise-off pass gives here. The training pass keeps its noise, as the reference's keeps
// its dropout (forward(x + r_vadv, is_training=True)).
//
// Departures: the network is the K+1 SSGAN's discriminator with its noise layers, optimised by
// its Adam recipe (the reference's MNIST MLP has batch norm and no noise; it uses Adam 0.002
// decayed ×0.9 per epoch, batches of 100 labeled and 250 unlabeled rows); the noise choices
// above; ξ = 1e-2, not 1e-6, for float32 (see VATParams).
func NewVAT(c ssgan.Config, modelSeed uint64) (*Learner, error) {
	l, _, err := newVAT(c, modelSeed)
	return l, err
}

// newVAT is NewVAT, also returning its passes.
func newVAT(c ssgan.Config, modelSeed uint64) (*Learner, *vat, error) {
	eps, xi, weight := c.Params["eps"], c.Params["xi"], c.Params["weight"]
	for _, p := range []struct {
		name string
		v    float64
	}{{"eps", eps}, {"xi", xi}, {"weight", weight}} {
		if !(p.v >= 0) || math.IsInf(p.v, 0) {
			return nil, nil, fmt.Errorf("semi: vat: %s %g: want a finite value >= 0", p.name, p.v)
		}
	}
	if xi == 0 {
		return nil, nil, fmt.Errorf("semi: vat: xi 0: the power iteration needs a probe of positive norm")
	}
	l, err := NewLearner("vat", c, modelSeed)
	if err != nil {
		return nil, nil, err
	}
	v := &vat{l: l, eps: eps, xi: xi}
	err = l.Compile(func(p Pass) (*G.Node, error) {
		cls, err := ssgan.ClassLogits(p.Unl, p.Classes)
		if err != nil {
			return nil, err
		}
		var target *G.Node
		target, v.target = p.Graph.Input("vat_clean_logits", c.Batch, p.Classes)
		return vatKL(target, cls)
	}, func(int) float64 { return weight })
	if err == nil {
		err = v.compile()
	}
	if err != nil {
		l.Close()
		return nil, nil, err
	}
	l.BeforeStep(v.perturb)
	return l, v, nil
}

// vatKL returns KL(softmax(p) ‖ softmax(q)) = Σ_j softmax(p)_j (log softmax(p)_j − log
// softmax(q)_j) for each row of two (n, k) logit nodes: a vector of n (the reference's
// kl_divergence_with_logit, per row).
func vatKL(p, q *G.Node) (*G.Node, error) {
	lp, err := nn.LogSoftmax(p)
	if err != nil {
		return nil, err
	}
	lq, err := nn.LogSoftmax(q)
	if err != nil {
		return nil, err
	}
	pp, err := G.Exp(lp)
	if err != nil {
		return nil, err
	}
	diff, err := G.Sub(lp, lq)
	if err != nil {
		return nil, err
	}
	prod, err := G.HadamardProd(pp, diff)
	if err != nil {
		return nil, err
	}
	return G.Sum(prod, 1)
}

// vat holds the clean pass and the power iteration, two noise-off graphs of D's own parameters
// over the step's unlabeled rows.
type vat struct {
	l       *Learner
	eps, xi float64
	// target is the training graph's input of the clean logits.
	target []float32
	// clean is the clean pass: input cleanX, output cleanOut (the class logits).
	clean    *nn.Step
	cleanX   []float32
	cleanOut *G.Node
	// power is the power iteration's pass: inputs powerX (the rows) and powerT (their clean
	// logits), the probe d its only trained parameter; its gradient is g.
	power          *nn.Step
	powerX, powerT []float32
	d              *nn.Param
	// radv is the last step's r_adv.
	radv []float32
}

// compile builds the clean pass and the power iteration's pass. Each step's output is its root
// (the clean logits; the power iteration's loss and d's gradient), read after each run, so
// neither holds an entry in nn's snapshot table and both are collected with the learner
// (Learner.Close does not know them).
func (v *vat) compile() error {
	c, D := v.l.Cfg, v.l.D
	g := nn.NewGraph(nn.Eval, nil)
	x, xbuf := g.Input("x_clean", c.Batch, c.InputDim)
	logits, _, err := D.Forward(g, x)
	if err != nil {
		return err
	}
	cls, err := ssgan.ClassLogits(logits, c.Classes)
	if err != nil {
		return err
	}
	if v.clean, err = g.Compile(cls, nil); err != nil {
		return fmt.Errorf("semi: vat: clean pass: %w", err)
	}
	v.cleanX, v.cleanOut = xbuf, cls

	g = nn.NewGraph(nn.Eval, nil)
	v.d = nn.NewParam("vat_d", c.Batch, c.InputDim)
	v.radv = make([]float32, c.Batch*c.InputDim)
	x, v.powerX = g.Input("x_power", c.Batch, c.InputDim)
	t, tbuf := g.Input("clean_logits", c.Batch, c.Classes)
	v.powerT = tbuf
	xd, err := G.Add(x, g.Param(v.d))
	if err != nil {
		return err
	}
	if logits, _, err = D.Forward(g, xd); err != nil {
		return err
	}
	if cls, err = ssgan.ClassLogits(logits, c.Classes); err != nil {
		return err
	}
	kl, err := vatKL(t, cls)
	if err != nil {
		return err
	}
	// The sum, not the mean, over the rows: row i's gradient is that of its own KL alone.
	loss, err := G.Sum(kl)
	if err != nil {
		return err
	}
	if v.power, err = g.Compile(loss, []*nn.Param{v.d}); err != nil {
		return fmt.Errorf("semi: vat: power iteration: %w", err)
	}
	return nil
}

// perturb runs the clean pass and the power iteration on the step's unlabeled rows, sets the
// training graph's targets to the clean logits and adds r_adv to the rows in place.
func (v *vat) perturb() error {
	rows := v.l.Unlabeled()
	copy(v.cleanX, rows)
	if err := v.clean.Run(); err != nil {
		return err
	}
	logits := v.cleanOut.Value().Data().([]float32)
	copy(v.target, logits)
	copy(v.powerT, logits)
	copy(v.powerX, rows)
	d := v.d.Data()
	v.l.NoiseSrc.FillNormal(d, 1)
	n := v.l.Cfg.InputDim
	for i := 0; i < len(d); i += n {
		vatNormalize(d[i:i+n], v.xi)
	}
	if err := v.power.Run(); err != nil {
		return err
	}
	r := v.radv
	copy(r, v.power.Grad(0))
	for i := 0; i < len(r); i += n {
		vatNormalize(r[i:i+n], v.eps)
	}
	for i := range rows {
		rows[i] += r[i]
	}
	return nil
}

// vatNormalize scales row to norm length: the reference's get_normalized_vector (row / (1e-12 +
// max|row|), then / sqrt(1e-6 + Σ row²)) times length, in float64. An all-zero row stays zero.
func vatNormalize(row []float32, length float64) {
	m := 0.0
	for _, x := range row {
		m = math.Max(m, math.Abs(float64(x)))
	}
	m += 1e-12
	ss := 0.0
	for _, x := range row {
		y := float64(x) / m
		ss += y * y
	}
	s := length / (m * math.Sqrt(1e-6+ss))
	for i, x := range row {
		row[i] = float32(float64(x) * s)
	}
}
