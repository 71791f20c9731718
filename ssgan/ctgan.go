package ssgan

import (
	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/ssgan/ssgan/core/nn"
)

// CTGANParams are the settings of method ctgan (spec model.params) and their defaults.
//
// Method ctgan is the K+1 SSGAN with the consistency term of CT-GAN (Wei, Gong, Liu, Lu & Wang
// 2018, "Improving the Improved Training of Wasserstein GANs: A Consistency Term and Its Dual
// Effect", ICLR) added to D's loss, as its authors' semi-supervised MNIST code computes it
// (github.com/biuyq/CT-GAN, CT-GANs/Theano_classifier/CT_MNIST.py, which is improved-gan's
// train_mnist_feature_matching.py with the term added). D's loss becomes
//
//	loss_lab + unlabeled_weight·loss_unl + weight·CT,
//	CT = mean_i max(0, d(p′_i, p″_i) + hidden·d(h′_i, h″_i) − margin),  d(u, v) = mean_j (u_j − v_j)²,
//
// over the unlabeled rows x_i of D's batch, where ′ and ″ are two passes of D over the same rows,
// each drawing its own noise in D's Gaussian-noise layers, p is the softmax of the K class logits
// and h the last hidden layer. The first pass is D's ordinary pass over the unlabeled rows (the
// one loss_unl is computed from), the second a further pass in the same training graph, as in
// CT_MNIST.py lines 65-66. G and everything else are ssgan's. Logged as loss_ct (CT, unweighted).
//
// The paper writes the term with the Euclidean distance and dropout perturbations, CT =
// E[max(0, d(D(x′), D(x″)) + 0.1·d(D_(x′), D_(x″)) − M′)]; the code it published for
// semi-supervised MNIST uses, and this follows:
//   - the softmax of the class logits (line 80; an alternative on D(x) = Z/(Z+1) is commented
//     out at line 79), compared by the mean over classes of the squared difference (lasagne's
//     squared_error, then T.mean(axis=1)), not the Euclidean distance;
//   - the D of improved-gan with its Gaussian-noise layers (σ 0.3 on the input, 0.5 after each
//     hidden layer), not dropout, as the perturbation;
//   - the hidden-layer term multiplied by 0.0 (line 84, with the comment at line 82 "no
//     normalization, this term makes the model unstable"): hidden defaults to 0; the paper's 0.1
//     is also the CIFAR-10 code's ratio (CT_CIFAR.py line 123: 0.05·loss_comp_ + 0.5·loss_comp);
//   - LAMBDA_2 = 0.1 (line 15) times the distance, minus factor_M = 0.0 (line 14), inside the
//     hinge, and the hinged mean inside loss_unl = 0.5·(CT_ + ...) (lines 84-87) with
//     unlabeled_weight 1 (line 19): in all 0.5·max(0, 0.1·d − factor_M) = 0.05·max(0, d −
//     10·factor_M), hence weight 0.05 and margin 0 here (margin is 10·factor_M);
//   - the term at full weight from the first iteration: the code has no ramp-up, so there is
//     nothing to convert from epochs to iterations.
//
// Departures from that code: weight is a setting of its own, not scaled by unlabeled_weight
// (the code's CT sits inside loss_unl, so unlabeled_weight scales both); h is the last hidden
// layer's ReLU output (the layer feature matching uses) rather than lasagne's layers[-2], the
// Gaussian-noise layer after it, whose added noise would only add variance (this matters only
// with hidden > 0); in the explicit form p is the softmax of the first K of the K+1 logits (the
// code has only the implicit form); the rest of the recipe (moving average, learning rate and its
// schedule, run length) is ssgan's rather than the code's 300 epochs at a constant 0.003.
var CTGANParams = map[string]float64{
	// weight is the consistency term's weight in D's loss: 0.05 = 0.5·LAMBDA_2 = 0.5·0.1
	// (CT_MNIST.py lines 15, 84 and 87, with unlabeled_weight 1 at line 19).
	"weight": 0.05,
	// hidden is the factor of the hidden-layer distance: 0 as in CT_MNIST.py line 84 (the paper's
	// formula and CT_CIFAR.py line 123 have 0.1).
	"hidden": 0,
	// margin is M′ in units of the distance d: 0, since CT_MNIST.py line 14 has factor_M = 0.0
	// (margin = 10·factor_M, see above).
	"margin": 0,
}

// consistencyTerms builds ctgan's term: a second pass of D over the unlabeled rows (rows b..2b
// of D's input x) compared with the first, whose logits are unl and layer outputs taps.
func (m *Model) consistencyTerms(g *nn.Graph, x, unl *G.Node, taps []*G.Node) ([]term, error) {
	c, b := m.Cfg, m.Cfg.Batch
	xUnl, err := G.Slice(x, tensor.S(b, 2*b))
	if err != nil {
		return nil, err
	}
	logits2, taps2, err := m.D.Forward(g, xUnl)
	if err != nil {
		return nil, err
	}
	cls1, err := ClassLogits(unl, c.Classes)
	if err != nil {
		return nil, err
	}
	cls2, err := ClassLogits(logits2, c.Classes)
	if err != nil {
		return nil, err
	}
	var h1, h2 *G.Node
	hidden := param(c, "hidden")
	if hidden > 0 {
		f := m.D.Feature(-1)
		if h1, err = G.Slice(taps[f], tensor.S(b, 2*b)); err != nil {
			return nil, err
		}
		h2 = taps2[f]
	}
	ct, err := ConsistencyLoss(cls1, cls2, h1, h2, hidden, param(c, "margin"))
	if err != nil {
		return nil, err
	}
	return []term{{name: "loss_ct", node: ct, weight: param(c, "weight")}}, nil
}

// ConsistencyLoss is CT-GAN's consistency term between two passes over the same n rows, as the
// authors' semi-supervised code computes it (see CTGANParams):
// mean_i max(0, d(softmax(a_i), softmax(b_i)) + hidden·d(ha_i, hb_i) − margin), with a and b the
// two passes' (n, K) class logits, ha and hb their (n, m) hidden-layer outputs (both nil for no
// hidden-layer term), and d(u, v) = mean_j (u_j − v_j)².
func ConsistencyLoss(a, b, ha, hb *G.Node, hidden, margin float64) (*G.Node, error) {
	pa, err := nn.Softmax(a)
	if err != nil {
		return nil, err
	}
	pb, err := nn.Softmax(b)
	if err != nil {
		return nil, err
	}
	d, err := nn.RowMeanSquaredDistance(pa, pb)
	if err != nil {
		return nil, err
	}
	if ha != nil {
		dh, err := nn.RowMeanSquaredDistance(ha, hb)
		if err != nil {
			return nil, err
		}
		if dh, err = G.Mul(dh, G.NewConstant(float32(hidden))); err != nil {
			return nil, err
		}
		if d, err = G.Add(d, dh); err != nil {
			return nil, err
		}
	}
	if margin != 0 {
		if d, err = G.Sub(d, G.NewConstant(float32(margin))); err != nil {
			return nil, err
		}
	}
	hinged, err := nn.ReLU.Forward(nil, d)
	if err != nil {
		return nil, err
	}
	return G.Mean(hinged)
}
