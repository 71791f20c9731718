package semi

import (
	"fmt"
	"math"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/ssgan"
)

// Learner is what every classic learner shares: the discriminator of package ssgan with its
// optimiser, moving average (evaluation), checkpoint and weights (the embedded *ssgan.Model, built
// as its supervised baseline without that baseline's step), and one compiled training step over a
// labeled and an unlabeled batch. A learner builds its step with Compile and adds its
// unsupervised loss.
type Learner struct {
	*ssgan.Model
	// Name is the method's registered name.
	Name string
	step *nn.Step
	// x holds [labeled; unlabeled] rows, y the one-hot labels, w the unsupervised loss's
	// weight spread over the unlabeled rows.
	x, y, w []float32
	ylab    []uint8
	// lab is the labeled rows' logits; sup and uns are the loss terms; logs names extra nodes
	// to log.
	lab, sup, uns *G.Node
	logs          map[string]*G.Node
	// weight is the unsupervised loss's weight at an iteration (a ramp-up, or a constant).
	weight func(iter int) float64
	// before runs before each training step (a teacher's pass, VAT's power iteration).
	before func() error
}

// Pass is what Compile hands a learner's loss builder: the graph, the discriminator, and the
// logits of the labeled and of the unlabeled rows from one forward pass in training mode (noise
// on), with the unlabeled rows' input.
type Pass struct {
	Graph    *nn.Graph
	D        *ssgan.Discriminator
	Lab, Unl *G.Node
	UnlInput *G.Node
	// Classes is K.
	Classes int
}

// NewLearner builds the shared part of a learner from c (its architecture and optimisation; the
// method field is name) and the model seed.
func NewLearner(name string, c ssgan.Config, modelSeed uint64) (*Learner, error) {
	base := c
	base.Method, base.Params = "supervised", nil
	m, err := ssgan.NewUncompiled(base, modelSeed)
	if err != nil {
		return nil, err
	}
	m.Cfg.Method, m.Cfg.Params = name, c.Params
	return &Learner{Model: m, Name: name, ylab: make([]uint8, c.Batch), logs: map[string]*G.Node{}}, nil
}

// Compile builds the training step: one forward pass of D (noise on) over [labeled; unlabeled]
// rows, the supervised cross-entropy on the labeled ones, and unsupervised(p), the per-row
// unsupervised loss of the unlabeled rows (a vector of Batch values), weighted by weight(iter)
// and averaged. extras are further nodes the learner reads after each run.
func (l *Learner) Compile(unsupervised func(p Pass) (*G.Node, error), weight func(iter int) float64, extras ...*G.Node) error {
	c, b := l.Cfg, l.Cfg.Batch
	g := nn.NewGraph(nn.Train, l.NoiseSrc)
	x, xbuf := g.Input("x", 2*b, c.InputDim)
	y, ybuf := g.Input("y", b, c.Classes)
	w, wbuf := g.Input("unl_weight", b)
	l.x, l.y, l.w, l.weight = xbuf, ybuf, wbuf, weight
	logits, _, err := l.D.Forward(g, x)
	if err != nil {
		return err
	}
	lab, err := G.Slice(logits, tensor.S(0, b))
	if err != nil {
		return err
	}
	unl, err := G.Slice(logits, tensor.S(b, 2*b))
	if err != nil {
		return err
	}
	unlX, err := G.Slice(x, tensor.S(b, 2*b))
	if err != nil {
		return err
	}
	l.lab = lab
	if l.sup, err = ssgan.SupervisedLoss(lab, y, c.Classes); err != nil {
		return err
	}
	rows, err := unsupervised(Pass{Graph: g, D: l.D, Lab: lab, Unl: unl, UnlInput: unlX, Classes: c.Classes})
	if err != nil {
		return err
	}
	if l.uns, err = G.Mean(rows); err != nil {
		return err
	}
	prod, err := G.HadamardProd(rows, w)
	if err != nil {
		return err
	}
	weighted, err := G.Sum(prod)
	if err != nil {
		return err
	}
	loss, err := G.Add(l.sup, weighted)
	if err != nil {
		return err
	}
	l.step, err = g.Compile(loss, l.D.Params(), append([]*G.Node{lab, l.sup, l.uns}, extras...)...)
	if err != nil {
		return fmt.Errorf("semi: %s: %w", l.Name, err)
	}
	return nil
}

// Log registers a node (an extra of Compile) to log under name after each step.
func (l *Learner) Log(name string, n *G.Node) { l.logs[name] = n }

// Unlabeled returns the unlabeled rows of the step's input buffer (filled before every run):
// a learner's own passes (a teacher, VAT's power iteration) read them.
func (l *Learner) Unlabeled() []float32 { return l.x[l.Cfg.Batch*l.Cfg.InputDim:] }

// BeforeStep sets work to run after the batch is drawn and before the training step.
func (l *Learner) BeforeStep(f func() error) { l.before = f }

// Capabilities: a classic learner has no generator, so no trick applies.
func (l *Learner) Capabilities() core.Capabilities { return core.Capabilities{Name: l.Name} }

// Step makes p.DSteps updates, each on a fresh labeled and unlabeled batch (stream 0). Logs:
// loss_lab, loss_unsup (the unweighted mean unsupervised loss), unsup_weight, train_err and the
// learner's own. The iteration count of the ramps is the optimiser's step count, which the
// checkpoint restores.
func (l *Learner) Step(p core.Plan, src core.Source) (core.StepResult, error) {
	if err := p.Validate(); err != nil {
		return core.StepResult{}, err
	}
	c, n := l.Cfg, l.Cfg.Batch*l.Cfg.InputDim
	var res core.StepResult
	for range p.DSteps {
		if err := src.Labeled(l.x[:n], l.ylab); err != nil {
			return res, err
		}
		if err := src.Unlabeled(0, l.x[n:]); err != nil {
			return res, err
		}
		clear(l.y)
		for i, y := range l.ylab {
			if int(y) >= c.Classes {
				return res, fmt.Errorf("semi: label %d out of range 0..%d", y, c.Classes-1)
			}
			l.y[i*c.Classes+int(y)] = 1
		}
		wt := l.weight(l.DOpt.T)
		for i := range l.w {
			l.w[i] = float32(wt / float64(len(l.w)))
		}
		if l.before != nil {
			if err := l.before(); err != nil {
				return res, err
			}
		}
		if err := l.step.Run(); err != nil {
			return res, err
		}
		if v := l.step.LossValue(); math.IsNaN(v) || math.IsInf(v, 0) {
			return res, &nn.DivergedError{What: l.Name + " loss", Value: v}
		}
		if err := l.DOpt.Step(l.step.Grads()); err != nil {
			return res, err
		}
		l.UpdateAverage()
		sup, uns := nn.Scalar(l.sup), nn.Scalar(l.uns)
		res = core.StepResult{DLoss: l.step.LossValue(), Logs: map[string]float64{
			"loss_lab": sup, "loss_unsup": uns, "unsup_weight": wt, "train_err": l.trainError()}}
		for name, node := range l.logs {
			res.Logs[name] = nn.Scalar(node)
		}
	}
	return res, nil
}

// trainError is the error rate of the last step on its labeled rows (noise on).
func (l *Learner) trainError() float64 {
	return ssgan.LabelError(nn.Floats(l.lab), l.lab.Shape()[1], l.Cfg.Classes, l.ylab)
}

// Close releases the learner's step and the model's.
func (l *Learner) Close() {
	if l.step != nil {
		l.step.Close()
	}
	l.Model.Close()
}
