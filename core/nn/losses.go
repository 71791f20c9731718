package nn

import (
	G "gorgonia.org/gorgonia"
)

// LogSumExp returns log Σ_j exp(x_ij) for each row i of a (n, k) node, computed stably as
// m + log Σ exp(x − m) with m the row maximum. (gorgonia's own LogSumExp fails to build on
// matrices and uses a wrong formula.)
func LogSumExp(x *G.Node) (*G.Node, error) {
	m, err := G.Max(x, 1)
	if err != nil {
		return nil, err
	}
	mc, err := G.Reshape(m, []int{x.Shape()[0], 1})
	if err != nil {
		return nil, err
	}
	shifted, err := G.BroadcastSub(x, mc, nil, []byte{1})
	if err != nil {
		return nil, err
	}
	e, err := G.Exp(shifted)
	if err != nil {
		return nil, err
	}
	s, err := G.Sum(e, 1)
	if err != nil {
		return nil, err
	}
	l, err := G.Log(s)
	if err != nil {
		return nil, err
	}
	return G.Add(l, m)
}

// CrossEntropy returns the mean over rows of −log softmax(logits)[label] for (n, k) logits and a
// (n, k) one-hot target: mean(lse(logits) − Σ logits ⊙ onehot).
func CrossEntropy(logits, onehot *G.Node) (*G.Node, error) {
	lse, err := LogSumExp(logits)
	if err != nil {
		return nil, err
	}
	prod, err := G.HadamardProd(logits, onehot)
	if err != nil {
		return nil, err
	}
	picked, err := G.Sum(prod, 1)
	if err != nil {
		return nil, err
	}
	d, err := G.Sub(lse, picked)
	if err != nil {
		return nil, err
	}
	return G.Mean(d)
}

// BCEWithLogits returns the mean binary cross-entropy of sigmoid(logits) against targets t in
// [0,1], computed stably as mean(softplus(x) − t·x).
func BCEWithLogits(logits, targets *G.Node) (*G.Node, error) {
	d, err := bceTerms(logits, targets)
	if err != nil {
		return nil, err
	}
	return G.Mean(d)
}

// bceTerms returns the elementwise binary cross-entropy softplus(x) − t·x of sigmoid(x) against
// targets t: stable for any x, since softplus never overflows.
func bceTerms(logits, targets *G.Node) (*G.Node, error) {
	sp, err := G.Softplus(logits)
	if err != nil {
		return nil, err
	}
	tx, err := G.HadamardProd(targets, logits)
	if err != nil {
		return nil, err
	}
	return G.Sub(sp, tx)
}

// WeightedBCEWithLogits returns Σ_i w_i·(softplus(x_i) − t_i·x_i): the binary cross-entropy of
// sigmoid(logits) against targets, each row weighted (weights 1/n give the mean).
func WeightedBCEWithLogits(logits, targets, weights *G.Node) (*G.Node, error) {
	d, err := bceTerms(logits, targets)
	if err != nil {
		return nil, err
	}
	wd, err := G.HadamardProd(weights, d)
	if err != nil {
		return nil, err
	}
	return G.Sum(wd)
}

// MeanSquaredDistance returns mean((a − b)²) over all elements.
func MeanSquaredDistance(a, b *G.Node) (*G.Node, error) {
	d, err := G.Sub(a, b)
	if err != nil {
		return nil, err
	}
	sq, err := G.Square(d)
	if err != nil {
		return nil, err
	}
	return G.Mean(sq)
}
