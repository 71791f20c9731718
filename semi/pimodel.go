package semi

import (
	"fmt"
	"github.com/ssgan/ssgan/core/nn"
	"math"

	G "gorgonia.org/gorgonia"

	"github.com/ssgan/ssgan/ssgan"
)

// PiModelParams are the Π-model's settings (spec model.params) and their defaults.
var PiModelParams = map[string]float64{
	// weight is w_max, the consistency term's weight after the ramp-up, on the squared distance
	// of the two passes' class probabilities averaged over the K classes (the paper's and its
	// code's form): 100, the authors' unsup_weight_max for the Π-model on SVHN and CIFAR
	// (smlaine2/tempens, config.py). Their train.py multiplies it by M/N (labels / training
	// rows) because its cross-entropy is a mean over batches drawn from all N rows, of which a
	// fraction M/N is labeled: its expected loss is (M/N)·(E_lab[CE] + w_max·E[MSE]). Here the
	// cross-entropy is a mean over a batch of labeled rows, so the same balance is w_max itself
	// (Adam is blind to the overall factor M/N). On the class sum Σ_k (the package's
	// SquaredDistance) it is w_max/K, 10 for MNIST.
	"weight": 100,
	// ramp_length is T, the iterations of the Gaussian ramp-up w_max·exp(−5(1 − t/T)²): 1800
	// (3 epochs of 600). The paper ramps up over its first 80 of 300 epochs (40,000 iterations
	// on CIFAR-10, about 58,600 on SVHN, at its batch of 100), which the comparison's 3,000
	// iterations would never finish; 1800 leaves their last 40 % at full weight, as
	// pseudolabel's ramp does, and is a short start of a 180,000-iteration run.
	"ramp_length": 1800,
}

// NewPiModel builds the Π-model (Laine & Aila 2017, "Temporal Ensembling for Semi-Supervised
// Learning", ICLR): each unlabeled row goes through D twice, each pass with its own draws of D's
// Gaussian noise, and the unsupervised loss is w(t) times the squared distance between the two
// passes' class probabilities, averaged over the classes and the rows; both passes receive its
// gradient, as in the paper (neither is a fixed target). w(t) = w_max·exp(−5(1 − t/T)²) for
// t < T and w_max after, the paper's Gaussian ramp-up, with t in iterations. The first pass is
// the step's shared one over [labeled; unlabeled] rows, the second a pass of the unlabeled rows
// alone. It follows the authors' code (github.com/smlaine2/tempens, train.py: the loss, the
// ramp-up and w_max) for the facts.
//
// Departures: the network is the K+1 SSGAN's discriminator, its stochasticity the Gaussian noise
// of its input and hidden layers (the paper's convolutional network adds random translations,
// and flips on CIFAR, with input noise 0.15 and dropout 0.5), optimised by the SSGAN's Adam
// recipe (the paper's Adam has β1 0.9, a learning rate ramped up with w(t) and ramped down at
// the end); the consistency term covers the unlabeled batch (drawn from all training rows,
// labeled ones included) where the paper's covers its whole mixed batch; w(t) changes every
// iteration rather than every epoch, and is w_max·e⁻⁵ rather than 0 at the first one; w_max is
// not scaled by M/N and T is in iterations, as PiModelParams explains.
func NewPiModel(c ssgan.Config, modelSeed uint64) (*Learner, error) {
	wmax, ramp := c.Params["weight"], c.Params["ramp_length"]
	switch {
	case !(wmax >= 0) || math.IsInf(wmax, 0):
		return nil, fmt.Errorf("semi: pimodel: weight %g: want a finite value >= 0", wmax)
	case !(ramp >= 0) || math.IsInf(ramp, 0):
		return nil, fmt.Errorf("semi: pimodel: ramp_length %g: want a finite value >= 0", ramp)
	}
	l, err := NewLearner("pimodel", c, modelSeed)
	if err != nil {
		return nil, err
	}
	err = l.Compile(piModelRows, func(iter int) float64 { return piModelWeight(iter, wmax, ramp) })
	if err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

// piModelRows is the per-row Π-model loss: a second noisy pass of the unlabeled rows and the
// class-averaged squared distance of its probabilities to those of the step's pass.
func piModelRows(p Pass) (*G.Node, error) {
	second, _, err := p.D.Forward(p.Graph, p.UnlInput)
	if err != nil {
		return nil, err
	}
	a, err := ssgan.ClassLogits(p.Unl, p.Classes)
	if err != nil {
		return nil, err
	}
	b, err := ssgan.ClassLogits(second, p.Classes)
	if err != nil {
		return nil, err
	}
	return probabilityMSE(a, b)
}

// probabilityMSE returns (1/K)·Σ_k (softmax(a)_k − softmax(b)_k)² for each row of two (n, K)
// logit nodes: a vector of n.
func probabilityMSE(a, b *G.Node) (*G.Node, error) {
	pa, err := nn.Softmax(a)
	if err != nil {
		return nil, err
	}
	pb, err := nn.Softmax(b)
	if err != nil {
		return nil, err
	}
	d, err := nn.RowSquaredDistance(pa, pb)
	if err != nil {
		return nil, err
	}
	return G.Mul(d, G.NewConstant(float32(1/float64(a.Shape()[1]))))
}

// piModelWeight is the paper's ramp-up: wmax·exp(−5(1 − t/T)²) for t < T, wmax from T on.
func piModelWeight(iter int, wmax, T float64) float64 {
	t := float64(iter)
	if t >= T {
		return wmax
	}
	p := 1 - t/T
	return wmax * math.Exp(-5*p*p)
}
