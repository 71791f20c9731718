package semi

import (
	"fmt"
	"math"

	G "gorgonia.org/gorgonia"

	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/ssgan"
)

// MeanTeacherParams are the mean teacher's settings (spec model.params) and their defaults.
var MeanTeacherParams = map[string]float64{
	// weight is w_max, the consistency weight after the ramp-up, on the squared distance summed
	// over the classes: 10. The reference's runs with a labeled subset (CuriousAI/mean-teacher,
	// tensorflow/experiments/svhn_final_eval.py: max_consistency_cost 1.0) weigh the
	// class-averaged squared distance (consistency_costs: reduce_mean over the 10 classes) by 1
	// against the cross-entropy of 1 labeled row in a batch of 100, both averaged over the
	// batch; relative to the mean cross-entropy of the labeled rows that is 1/10·99/1 ≈ 10 on
	// the summed distance of an unlabeled row, as here, where the two terms are means over 100
	// labeled and 100 unlabeled rows.
	"weight": 10,
	// rampup is T, the iterations of the sigmoid ramp-up w(t) = w_max·exp(−5(1 − t/T)²) and
	// of the teacher's faster decay (rampup_decay): 3,000, 5 epochs of 600 iterations. The
	// reference's PyTorch CIFAR-10 runs ramp up over 5 epochs (pytorch/experiments/
	// cifar10_test.py: consistency_rampup 5), its TensorFlow SVHN and CIFAR-10 runs over 40,000
	// of 180,000 steps (model.py rampup_length; svhn_final_eval.py training_length). Over the
	// 3,000 iterations of the comparison the weight reaches w_max at the end; over a
	// 180,000-iteration run it is at w_max for all but the first 2 %.
	"rampup": 3000,
	// rampup_decay is the teacher's decay during the ramp-up: 0.99, the reference's
	// (model.py ema_decay_during_rampup; after it ema_decay_after_rampup 0.999, here the
	// spec's ema_decay, 0.999 by default). It matters: on this network and split (model seed
	// 1, data seed 1, w_max 10, T 3,000) a teacher of decay 0.999 from the first step is still
	// mostly the initial network while the consistency grows, and the student follows it,
	// 3,220 test errors after 3,000 iterations (4,303 after 1,200; the supervised baseline
	// 2,219), where 0.99 gives 1,607 after 1,200 and 1,472 after 1,500. Setting it to the
	// spec's ema_decay makes the decay constant.
	"rampup_decay": 0.99,
}

// NewMeanTeacher builds the mean teacher (Tarvainen & Valpola 2017, "Mean teachers are better
// role models: weight-averaged consistency targets improve semi-supervised deep learning
// results", NeurIPS), following the reference code CuriousAI/mean-teacher (tensorflow/ and
// pytorch/; facts only). The teacher is the exponential moving average of the student's weights,
// the Learner's own (EMA, updated after every step). Each iteration the teacher makes its own
// noisy pass over the unlabeled rows (its own draws of the input and hidden noise, from the
// learner's noise stream, before the student's), and the student is trained on the supervised
// cross-entropy of the labeled rows plus w(t) times the mean over the unlabeled rows of the
// squared distance Σ_k (p_student(k|x) − p_teacher(k|x))² between the class probabilities, the
// teacher's held constant. w(t) = w_max·exp(−5(1 − t/T)²) for t < T and w_max after (model.py
// sigmoid_rampup; t is the optimiser's step count).
//
// The teacher's decay is rampup_decay (0.99) for the first T iterations, then the spec's
// ema_decay (model.py: ema_decay_during_rampup, ema_decay_after_rampup): the Learner's moving
// average is the teacher, so the decay set here is also that of the average this method is
// evaluated with (the paper, too, reports the teacher). It is set before each step in the
// model's Cfg.EMADecay, which only Model.UpdateAverage reads.
//
// Departures: the network is the K+1 SSGAN's discriminator with its Gaussian noise layers (the
// reference's ConvNet has input noise, translations and dropout, and batch norm), optimised by
// the SSGAN's recipe (Adam 0.003, β1 0.5, no learning-rate ramps; the reference ramps the
// learning rate up and down and β1 and β2 with it); the average starts at the initialised
// network (the PyTorch version also caps the decay at 1 − 1/(t+1) early on, averaging from the
// first step); the distance is summed over the classes, not averaged (a factor K folded into
// w_max); the consistency applies to the unlabeled rows only (as in the reference's
// labeled-subset runs, apply_consistency_to_labeled false), drawn separately from the labeled
// ones rather than mixed in one batch; w_max and T are chosen for this setting (see
// MeanTeacherParams).
func NewMeanTeacher(c ssgan.Config, modelSeed uint64) (*Learner, error) {
	l, _, err := newMeanTeacher(c, modelSeed)
	return l, err
}

// newMeanTeacher is NewMeanTeacher, also returning the teacher.
func newMeanTeacher(c ssgan.Config, modelSeed uint64) (*Learner, *meanTeacher, error) {
	weight, rampup, rampDecay := c.Params["weight"], c.Params["rampup"], c.Params["rampup_decay"]
	if !(weight >= 0) || math.IsInf(weight, 0) {
		return nil, nil, fmt.Errorf("semi: meanteacher: weight %g: want a finite value >= 0", weight)
	}
	if !(rampup >= 0) || math.IsInf(rampup, 0) {
		return nil, nil, fmt.Errorf("semi: meanteacher: rampup %g: want a finite number of iterations >= 0", rampup)
	}
	if !(rampDecay >= 0 && rampDecay < 1) {
		return nil, nil, fmt.Errorf("semi: meanteacher: rampup_decay %g: want 0 <= rampup_decay < 1", rampDecay)
	}
	l, err := NewLearner("meanteacher", c, modelSeed)
	if err != nil {
		return nil, nil, err
	}
	t := &meanTeacher{l: l, rampup: rampup, rampDecay: rampDecay, decay: c.EMADecay}
	err = l.Compile(func(p Pass) (*G.Node, error) {
		cls, err := ssgan.ClassLogits(p.Unl, p.Classes)
		if err != nil {
			return nil, err
		}
		student, err := nn.Softmax(cls)
		if err != nil {
			return nil, err
		}
		var target *G.Node
		target, t.targets = p.Graph.Input("teacher_probs", c.Batch, p.Classes)
		return nn.RowSquaredDistance(student, target)
	}, func(iter int) float64 { return meanTeacherRampUp(iter, rampup) * weight })
	if err != nil {
		l.Close()
		return nil, nil, err
	}
	l.BeforeStep(t.pass)
	return l, t, nil
}

// meanTeacherRampUp is exp(−5(1 − t/T)²) for t < T and 1 after (Laine & Aila 2017; the
// reference's sigmoid_rampup); a ramp of length 0 is 1 throughout.
func meanTeacherRampUp(t int, length float64) float64 {
	if float64(t) >= length {
		return 1
	}
	phase := 1 - math.Max(0, float64(t))/length
	return math.Exp(-5 * phase * phase)
}

// meanTeacher is the teacher's pass: a forward-only graph of D over the unlabeled rows with the
// moving average's parameters, noise on.
type meanTeacher struct {
	l *Learner
	// rampup is T; rampDecay the average's decay before it, decay after.
	rampup, rampDecay, decay float64
	// targets is the training graph's input of the teacher's probabilities.
	targets []float32
	// step is the teacher's compiled pass, over the parameters of ema (the Learner's moving
	// average when it was compiled: Init makes a new one, so the pass is rebuilt for it).
	step  *nn.Step
	ema   []*nn.Param
	x     []float32
	probs *G.Node
}

// pass runs the teacher over the step's unlabeled rows and copies its class probabilities into
// the training graph's targets, and sets the decay of the update of the average that follows the
// step.
func (t *meanTeacher) pass() error {
	if err := t.compile(); err != nil {
		return err
	}
	t.l.Cfg.EMADecay = t.decay
	if float64(t.l.DOpt.T) < t.rampup {
		t.l.Cfg.EMADecay = t.rampDecay
	}
	copy(t.x, t.l.Unlabeled())
	if err := t.step.Run(); err != nil {
		return err
	}
	copy(t.targets, t.probs.Value().Data().([]float32))
	return nil
}

// compile builds the teacher's pass over the Learner's current moving average, unless it was
// built for it already.
func (t *meanTeacher) compile() error {
	l := t.l
	if l.EMA == nil {
		return fmt.Errorf("semi: meanteacher: no moving average to teach with (call Init first)")
	}
	if t.step != nil && len(t.ema) == len(l.EMA) && t.ema[0] == l.EMA[0] {
		return nil
	}
	if t.step != nil {
		t.step.Close()
	}
	c := l.Cfg
	g := nn.NewGraph(nn.Train, l.NoiseSrc)
	g.Substitute(l.D.Params(), l.EMA)
	x, buf := g.Input("x_teacher", c.Batch, c.InputDim)
	logits, _, err := l.D.Forward(g, x)
	if err != nil {
		return err
	}
	cls, err := ssgan.ClassLogits(logits, c.Classes)
	if err != nil {
		return err
	}
	probs, err := nn.Softmax(cls)
	if err != nil {
		return err
	}
	// The probabilities are the step's root, read from the node after each run: no extra output,
	// so the step holds no entry in nn's snapshot table and is collected with the learner
	// (Learner.Close does not know it).
	step, err := g.Compile(probs, nil)
	if err != nil {
		return fmt.Errorf("semi: meanteacher: teacher pass: %w", err)
	}
	t.step, t.ema, t.x, t.probs = step, l.EMA, buf, probs
	return nil
}
