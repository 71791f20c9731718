package nn

import (
	G "gorgonia.org/gorgonia"
)

// LogSoftmax returns x − lse(x) for each row of (n, k) logits: the log class probabilities.
func LogSoftmax(x *G.Node) (*G.Node, error) {
	lse, err := LogSumExp(x)
	if err != nil {
		return nil, err
	}
	col, err := G.Reshape(lse, []int{x.Shape()[0], 1})
	if err != nil {
		return nil, err
	}
	return G.BroadcastSub(x, col, nil, []byte{1})
}

// Softmax returns the class probabilities of each row of (n, k) logits.
func Softmax(x *G.Node) (*G.Node, error) {
	ls, err := LogSoftmax(x)
	if err != nil {
		return nil, err
	}
	return G.Exp(ls)
}

// RowEntropy returns −Σ_j p_j log p_j for each row of (n, k) logits, p = softmax: a vector of n.
func RowEntropy(x *G.Node) (*G.Node, error) {
	ls, err := LogSoftmax(x)
	if err != nil {
		return nil, err
	}
	p, err := G.Exp(ls)
	if err != nil {
		return nil, err
	}
	return negRowDot(p, ls)
}

// RowCrossEntropy returns −Σ_j t_j log softmax(x)_j for each row of (n, k) logits against targets
// t (probabilities or one-hot rows, an input or a node without gradient): a vector of n.
func RowCrossEntropy(x, t *G.Node) (*G.Node, error) {
	ls, err := LogSoftmax(x)
	if err != nil {
		return nil, err
	}
	return negRowDot(t, ls)
}

// negRowDot returns −Σ_j a_j b_j for each row of two (n, k) nodes: a vector of n.
func negRowDot(a, b *G.Node) (*G.Node, error) {
	prod, err := G.HadamardProd(a, b)
	if err != nil {
		return nil, err
	}
	s, err := G.Sum(prod, 1)
	if err != nil {
		return nil, err
	}
	return G.Neg(s)
}

// RowSquaredDistance returns Σ_j (a_j − b_j)² for each row of two (n, k) nodes, and
// RowMeanSquaredDistance the mean over j: vectors of n.
func RowSquaredDistance(a, b *G.Node) (*G.Node, error) { return rowSquares(a, b, G.Sum) }

// RowMeanSquaredDistance returns mean_j (a_j − b_j)² for each row of two (n, k) nodes.
func RowMeanSquaredDistance(a, b *G.Node) (*G.Node, error) { return rowSquares(a, b, G.Mean) }

// rowSquares reduces (a − b)² over each row with reduce (G.Sum or G.Mean).
func rowSquares(a, b *G.Node, reduce func(*G.Node, ...int) (*G.Node, error)) (*G.Node, error) {
	d, err := G.Sub(a, b)
	if err != nil {
		return nil, err
	}
	sq, err := G.Square(d)
	if err != nil {
		return nil, err
	}
	return reduce(sq, 1)
}
