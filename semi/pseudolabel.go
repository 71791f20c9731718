package semi

import (
	"fmt"
	"github.com/ssgan/ssgan/core/nn"
	"hash"
	"hash/fnv"
	"math"

	"github.com/chewxy/hm"
	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/ssgan/ssgan/ssgan"
)

// PseudoLabelParams are pseudo-labelling's settings (spec model.params) and their defaults.
var PseudoLabelParams = map[string]float64{
	// weight is α_f, the pseudo-label term's weight once ramped up: 3, the paper's (Lee 2013, the
	// schedule of α(t) for MNIST).
	"weight": 3,
	// ramp_start is T1, the iteration before which α is 0: 300 (half an epoch of 600). The paper
	// starts at its epoch 100 (200 after DAE pre-training), once the network fits its labels;
	// this D fits 100 labels within a few hundred iterations.
	"ramp_start": 300,
	// ramp_end is T2, the iteration from which α is α_f: 1800 (3 epochs), which keeps the
	// paper's T1:T2 = 100:600 and leaves the last 40 % of the comparison's 3,000 iterations at
	// full weight (and all but the first 1 % of a 180,000-iteration run).
	"ramp_end": 1800,
}

// NewPseudoLabel builds pseudo-labelling (Lee 2013, "Pseudo-Label: The Simple and Efficient
// Semi-Supervised Learning Method for Deep Neural Networks", ICML 2013 workshop on challenges in
// representation learning): the supervised cross-entropy on the labeled rows plus α(t) times the
// mean cross-entropy of the unlabeled rows against their pseudo-labels, the one-hot of the class
// D itself rates most likely, used as if it were the true label (each term averaged over its own
// rows, as in the paper's loss). The pseudo-labels are recomputed at every update, as in the
// paper, from the step's own forward pass, by an op in the graph that takes the argmax of the
// unlabeled rows' class logits and passes no gradient; so they cost no extra pass, and the term
// is lse(l) − max_k l_k per row, with gradient softmax(l) − onehot(argmax l). α(t) is 0 before
// ramp_start, rises linearly to weight at ramp_end and stays there, t counting iterations. The
// paper publishes no code; this follows its equations.
//
// Departures: the network is the K+1 SSGAN's discriminator, whose Gaussian noise layers are on in
// the pass that both makes and fits the pseudo-labels (the paper's is a one-hidden-layer dropout
// network, in its best variant pre-trained as a denoising auto-encoder), optimised by the SSGAN's
// Adam recipe instead of SGD with momentum, on the SSGAN's batches of 100 labeled and 100
// unlabeled rows; T1 and T2 are in iterations, scaled down from the paper's 100 and 600 epochs
// as PseudoLabelParams says.
func NewPseudoLabel(c ssgan.Config, modelSeed uint64) (*Learner, error) {
	alpha, t1, t2 := c.Params["weight"], c.Params["ramp_start"], c.Params["ramp_end"]
	switch {
	case !(alpha >= 0) || math.IsInf(alpha, 0):
		return nil, fmt.Errorf("semi: pseudolabel: weight %g: want a finite value >= 0", alpha)
	case !(t1 >= 0) || !(t2 >= t1) || math.IsInf(t2, 0):
		return nil, fmt.Errorf("semi: pseudolabel: ramp_start %g, ramp_end %g: want 0 <= ramp_start <= ramp_end, finite", t1, t2)
	}
	l, err := NewLearner("pseudolabel", c, modelSeed)
	if err != nil {
		return nil, err
	}
	err = l.Compile(pseudoLabelRows, func(iter int) float64 { return pseudoLabelWeight(iter, alpha, t1, t2) })
	if err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

// pseudoLabelRows is the per-row pseudo-label loss of the unlabeled rows: the cross-entropy of
// their class logits against the one-hot of their own argmax.
func pseudoLabelRows(p Pass) (*G.Node, error) {
	cls, err := ssgan.ClassLogits(p.Unl, p.Classes)
	if err != nil {
		return nil, err
	}
	target, err := argmaxOneHot(cls)
	if err != nil {
		return nil, err
	}
	return nn.RowCrossEntropy(cls, target)
}

// pseudoLabelWeight is Lee's α(t): 0 for t < t1, alpha·(t − t1)/(t2 − t1) for t1 ≤ t < t2 and
// alpha from t2 on.
func pseudoLabelWeight(iter int, alpha, t1, t2 float64) float64 {
	switch t := float64(iter); {
	case t < t1:
		return 0
	case t >= t2:
		return alpha
	default:
		return alpha * (t - t1) / (t2 - t1)
	}
}

// argmaxOneHot returns, for each row of (n, k) float32 logits, the one-hot row of its largest
// entry (the first on a tie), as a node that no gradient flows through.
func argmaxOneHot(x *G.Node) (*G.Node, error) {
	if x.Dtype() != tensor.Float32 || x.Dims() != 2 {
		return nil, fmt.Errorf("semi: argmax one-hot: want a float32 matrix, have %v %v", x.Dtype(), x.Shape())
	}
	return G.ApplyOp(&argmaxOneHotOp{}, x)
}

// argmaxOneHotOp is argmaxOneHot's op. It is not differentiable (DiffWRT is false), so gorgonia
// treats its output as a constant of the run: the pseudo-labels are targets, not functions of the
// weights. Like the ops of package nn it reuses its output buffer from run to run, and writes all
// of it every run.
type argmaxOneHotOp struct {
	out *tensor.Dense
}

func (op *argmaxOneHotOp) Arity() int { return 1 }
func (op *argmaxOneHotOp) Type() hm.Type {
	a := hm.TypeVariable('a')
	return hm.NewFnType(a, a)
}
func (op *argmaxOneHotOp) InferShape(in ...G.DimSizer) (tensor.Shape, error) {
	return in[0].(tensor.Shape).Clone(), nil
}
func (op *argmaxOneHotOp) Do(in ...G.Value) (G.Value, error) {
	shape := in[0].Shape()
	if len(shape) != 2 {
		return nil, fmt.Errorf("semi: argmax one-hot: input of shape %v, want a matrix", shape)
	}
	x, ok := in[0].Data().([]float32)
	if !ok {
		return nil, fmt.Errorf("semi: argmax one-hot: want float32 values, have %T", in[0].Data())
	}
	if op.out == nil || !op.out.Shape().Eq(shape) {
		op.out = tensor.New(tensor.Of(tensor.Float32), tensor.WithShape(shape.Clone()...))
	}
	y := op.out.Data().([]float32)
	clear(y)
	k := shape[1]
	for r := range shape[0] {
		row, best := x[r*k:(r+1)*k], 0
		for j := 1; j < k; j++ {
			if row[j] > row[best] {
				best = j
			}
		}
		y[r*k+best] = 1
	}
	return op.out, nil
}
func (op *argmaxOneHotOp) ReturnsPtr() bool      { return false }
func (op *argmaxOneHotOp) CallsExtern() bool     { return false }
func (op *argmaxOneHotOp) OverwritesInput() int  { return -1 }
func (op *argmaxOneHotOp) WriteHash(h hash.Hash) { fmt.Fprint(h, "argmax_onehot") }
func (op *argmaxOneHotOp) Hashcode() uint32 {
	h := fnv.New32a()
	op.WriteHash(h)
	return h.Sum32()
}
func (op *argmaxOneHotOp) String() string { return "ArgmaxOneHot" }

// DiffWRT: not differentiable with respect to its input.
func (op *argmaxOneHotOp) DiffWRT(int) []bool { return []bool{false} }

// SymDiff is never called (DiffWRT is false); it refuses.
func (op *argmaxOneHotOp) SymDiff(G.Nodes, *G.Node, *G.Node) (G.Nodes, error) {
	return nil, fmt.Errorf("semi: %v has no gradient", op)
}
