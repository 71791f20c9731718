package ssgan

import (
	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/ssgan/ssgan/core/nn"
)

// realness returns, per row, a = log Z(x) − l_fake, the log-odds that x is real rather than
// generated: with Z(x) = Σ_k exp(l_k) over the K class logits, D(x) = Z/(Z + exp(l_fake)) =
// sigmoid(a). In the implicit form the fake logit is fixed at 0 and a = lse(l). In the explicit
// form (K+1 logits) a = lse(l_1..K) − l_{K+1}.
func realness(logits *G.Node, classes int) (*G.Node, error) {
	if logits.Shape()[1] == classes {
		return nn.LogSumExp(logits)
	}
	rows := logits.Shape()[0]
	cls, err := G.Slice(logits, nil, tensor.S(0, classes))
	if err != nil {
		return nil, err
	}
	lse, err := nn.LogSumExp(cls)
	if err != nil {
		return nil, err
	}
	fake, err := G.Slice(logits, nil, tensor.S(classes))
	if err != nil {
		return nil, err
	}
	if fake, err = G.Reshape(fake, []int{rows}); err != nil {
		return nil, err
	}
	return G.Sub(lse, fake)
}

// ClassLogits returns the K class logits of D's output (all of them in the implicit form; the
// first K of the explicit form's K+1).
func ClassLogits(logits *G.Node, classes int) (*G.Node, error) {
	if logits.Shape()[1] == classes {
		return logits, nil
	}
	return G.Slice(logits, nil, tensor.S(0, classes))
}

// SupervisedLoss is the cross-entropy of the labeled rows over the K classes, −log p(y | x, y ≤ K).
func SupervisedLoss(logits, onehot *G.Node, classes int) (*G.Node, error) {
	cls, err := ClassLogits(logits, classes)
	if err != nil {
		return nil, err
	}
	return nn.CrossEntropy(cls, onehot)
}

// UnsupervisedLoss is D's loss on unlabeled and generated rows, ½·E_unl[−log D(x)] +
// ½·E_fake[−log(1 − D(G(z)))] with D(x) = sigmoid(a(x)). In terms of a it is
// ½·E[softplus(a_unl) − a_unl] + ½·E[softplus(a_fake)], which in the implicit form is the
// reference code's −½·E[lse(l_unl)] + ½·E[softplus(lse(l_unl))] + ½·E[softplus(lse(l_fake))].
func UnsupervisedLoss(unl, fake *G.Node, classes int) (*G.Node, error) {
	aUnl, err := realness(unl, classes)
	if err != nil {
		return nil, err
	}
	aFake, err := realness(fake, classes)
	if err != nil {
		return nil, err
	}
	spUnl, err := G.Softplus(aUnl)
	if err != nil {
		return nil, err
	}
	realTerm, err := G.Sub(spUnl, aUnl)
	if err != nil {
		return nil, err
	}
	spFake, err := G.Softplus(aFake)
	if err != nil {
		return nil, err
	}
	mr, err := G.Mean(realTerm)
	if err != nil {
		return nil, err
	}
	mf, err := G.Mean(spFake)
	if err != nil {
		return nil, err
	}
	sum, err := G.Add(mr, mf)
	if err != nil {
		return nil, err
	}
	return G.Mul(sum, G.NewConstant(float32(0.5)))
}

// FeatureMatchingLoss is mean_j (E[f_j(x_real)] − E[f_j(G(z))])², the squared distance between
// the batch means of D's features on real and generated rows (Salimans et al. 2016, §3.1).
func FeatureMatchingLoss(real, fake *G.Node) (*G.Node, error) {
	mr, err := G.Mean(real, 0)
	if err != nil {
		return nil, err
	}
	mf, err := G.Mean(fake, 0)
	if err != nil {
		return nil, err
	}
	return nn.MeanSquaredDistance(mr, mf)
}

// NonSaturatingLoss is G's loss −E[log D(G(z))] = E[softplus(−a_fake)].
func NonSaturatingLoss(fake *G.Node, classes int) (*G.Node, error) {
	a, err := realness(fake, classes)
	if err != nil {
		return nil, err
	}
	na, err := G.Neg(a)
	if err != nil {
		return nil, err
	}
	sp, err := G.Softplus(na)
	if err != nil {
		return nil, err
	}
	return G.Mean(sp)
}
