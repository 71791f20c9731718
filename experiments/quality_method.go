package experiments

import (
	"fmt"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/datasets"
)

// qualityMethod trains the sample-quality classifier's network as a core.Method: each step is
// one Adam step of its cross-entropy on a labeled batch of qualityBatch rows.
type qualityMethod struct {
	net  *nn.Sequential
	opt  *nn.Adam
	step *nn.Step
	x, y []float32
	ylab []uint8
}

// newQualityMethod compiles the training step of net (images of dim pixels).
func newQualityMethod(net *nn.Sequential, dim int) (*qualityMethod, error) {
	k := datasets.MNISTClasses
	g := nn.NewGraph(nn.Train, nil)
	x, xbuf := g.Input("x", qualityBatch, dim)
	y, ybuf := g.Input("y", qualityBatch, k)
	logits, _, err := net.Forward(g, x)
	if err != nil {
		return nil, err
	}
	loss, err := nn.CrossEntropy(logits, y)
	if err != nil {
		return nil, err
	}
	step, err := g.Compile(loss, net.Params())
	if err != nil {
		return nil, fmt.Errorf("experiments: quality classifier: %w", err)
	}
	return &qualityMethod{net: net, opt: nn.NewAdam(net.Params(), qualityLR, 0.9), step: step,
		x: xbuf, y: ybuf, ylab: make([]uint8, qualityBatch)}, nil
}

// Init does nothing: the network has no data-dependent initialisation.
func (q *qualityMethod) Init([]float32) error { return nil }

// Step makes p.DSteps Adam steps, each on a fresh labeled batch.
func (q *qualityMethod) Step(p core.Plan, src core.Source) (core.StepResult, error) {
	var res core.StepResult
	k := datasets.MNISTClasses
	for range p.DSteps {
		if err := src.Labeled(q.x, q.ylab); err != nil {
			return res, err
		}
		clear(q.y)
		for r, c := range q.ylab {
			q.y[r*k+int(c)] = 1
		}
		if err := q.step.Run(); err != nil {
			return res, fmt.Errorf("experiments: quality classifier: %w", err)
		}
		res.DLoss = q.step.LossValue()
		if err := q.opt.Step(q.step.Grads()); err != nil {
			return res, err
		}
	}
	return res, nil
}

// Save stores the network and its optimiser.
func (q *qualityMethod) Save(ck *core.Checkpoint) error {
	ck.PutParams(qualityPrefix, q.net.Params())
	ck.PutAdam(qualityPrefix, q.opt)
	return nil
}

// Load restores what Save stored.
func (q *qualityMethod) Load(ck *core.Checkpoint) error {
	if err := ck.GetParams(qualityPrefix, q.net.Params()); err != nil {
		return err
	}
	return ck.GetAdam(qualityPrefix, q.opt)
}

// Optimizers is the one Adam.
func (q *qualityMethod) Optimizers() []*nn.Adam { return []*nn.Adam{q.opt} }

// Close releases the compiled step.
func (q *qualityMethod) Close() { q.step.Close() }
