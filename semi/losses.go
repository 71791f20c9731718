package semi

import (
	G "gorgonia.org/gorgonia"

	"github.com/ssgan/ssgan/core/nn"
)

// LogSoftmax returns x − lse(x) for each row of (n, k) logits: the log class probabilities.
func LogSoftmax(x *G.Node) (*G.Node, error) {
	lse, err := nn.LogSumExp(x)
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

// Entropy returns −Σ_j p_j log p_j for each row of (n, k) logits, p = softmax: a vector of n.
func Entropy(x *G.Node) (*G.Node, error) {
	ls, err := LogSoftmax(x)
	if err != nil {
		return nil, err
	}
	p, err := G.Exp(ls)
	if err != nil {
		return nil, err
	}
	prod, err := G.HadamardProd(p, ls)
	if err != nil {
		return nil, err
	}
	s, err := G.Sum(prod, 1)
	if err != nil {
		return nil, err
	}
	return G.Neg(s)
}

// CrossEntropyTo returns −Σ_j t_j log softmax(x)_j for each row of (n, k) logits against
// targets t (probabilities or one-hot rows, an input the learner fills): a vector of n.
func CrossEntropyTo(x, t *G.Node) (*G.Node, error) {
	ls, err := LogSoftmax(x)
	if err != nil {
		return nil, err
	}
	prod, err := G.HadamardProd(t, ls)
	if err != nil {
		return nil, err
	}
	s, err := G.Sum(prod, 1)
	if err != nil {
		return nil, err
	}
	return G.Neg(s)
}

// SquaredDistance returns Σ_j (a_j − b_j)² for each row of two (n, k) nodes: a vector of n.
func SquaredDistance(a, b *G.Node) (*G.Node, error) {
	d, err := G.Sub(a, b)
	if err != nil {
		return nil, err
	}
	sq, err := G.Square(d)
	if err != nil {
		return nil, err
	}
	return G.Sum(sq, 1)
}
