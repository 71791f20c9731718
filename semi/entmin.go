package semi

import (
	"github.com/ssgan/ssgan/core/nn"
	G "gorgonia.org/gorgonia"

	"github.com/ssgan/ssgan/ssgan"
)

// EntMinParams are entropy minimisation's settings (spec model.params) and their defaults.
var EntMinParams = map[string]float64{
	// weight is λ, the weight of the entropy term: 1, as VAT's "VAT+EntMin" uses it (Miyato et
	// al. 2018, section 4.1); Grandvalet & Bengio choose it by cross-validation.
	"weight": 1,
}

// NewEntMin builds entropy minimisation (Grandvalet & Bengio 2005, "Semi-supervised learning by
// entropy minimization"): the supervised cross-entropy on the labeled rows plus λ times the mean
// entropy −Σ_k p(k|x) log p(k|x) of D's class probabilities on the unlabeled rows, which pushes
// the decision boundary away from the unlabeled data. Departures: the network is the K+1 SSGAN's
// discriminator with its noise layers (on in both terms), optimised by its Adam recipe; λ is
// constant from the first iteration.
func NewEntMin(c ssgan.Config, modelSeed uint64) (*Learner, error) {
	l, err := NewLearner("entmin", c, modelSeed)
	if err != nil {
		return nil, err
	}
	weight := c.Params["weight"]
	err = l.Compile(func(p Pass) (*G.Node, error) {
		cls, err := ssgan.ClassLogits(p.Unl, p.Classes)
		if err != nil {
			return nil, err
		}
		return nn.RowEntropy(cls)
	}, func(int) float64 { return weight })
	if err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}
