package ssgan

import (
	"fmt"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/ssgan/ssgan/core/nn"
)

// BadGANParams are the settings of method badgan (spec model.params) and their defaults.
//
// Method badgan is the K+1 SSGAN with two of the terms of Bad GAN (Dai, Yang, Yang, Cohen &
// Salakhutdinov 2017, "Good Semi-supervised Learning That Requires a Bad GAN", NeurIPS), as the
// authors' code computes them (github.com/kimiyoung/ssl_bad_gan): on D, the conditional entropy
// of its class predictions on the unlabeled rows,
//
//	ENT = −mean_i Σ_k p_ik log p_ik  (p the softmax of the K class logits, same pass as loss_unl),
//
// and on G, the pull-away term over D's features f_i of the generated batch,
//
//	PT = 1/(n(n−1)) Σ_{i≠j} (f_i·f_j / (‖f_i‖‖f_j‖))²,
//
// so that D's loss is loss_lab + unlabeled_weight·loss_unl + ent_weight·ENT and G's is its
// feature-matching loss + pt_weight·PT. The features are those feature matching compares (the
// last hidden layer by default, FeatureLayer), as in the code, which takes both from one
// dis(gen_images, feat=True) call (svhn_trainer.py lines 113-121): the output of D's last hidden
// layer, before the output layer (model.py lines 228-238; for MNIST, mnist_model.py's feat_net,
// lines 119-125). Everything else is ssgan's. Logged as loss_ent and loss_pt (unweighted);
// loss_gen is G's whole loss, PT included.
//
// The paper's third term, the low-density term on G that pushes generated images away from the
// high-density regions of a pretrained PixelCNN++ (mnist_trainer.py lines 122-136, with
// p_loss_weight 1e-4 and p_loss_prob 0.1 at config.py lines 35-36, from iteration 9,000 on), is
// left out: it needs that density model, which this repository does not have.
//
// The code's MNIST recipe (mnist_trainer.py with config.mnist_config) is feature matching plus
// that low-density term only: it has neither PT nor ENT, and mnist_config no weight for them. The
// two terms and their weights are those of the SVHN recipe, svhn_trainer.py (ENT: lines 82-83
// and 93; PT: lines 116-124) with svhn_config's ent_weight = 0.1 and pt_weight = 0.8 (config.py
// lines 67-68), the only place the code sets them. Departures: those SVHN weights on MNIST, where
// moreover feature matching is the squared difference of the feature means (as mnist_trainer.py
// line 118 and improved-gan have it) while the SVHN recipe that set pt_weight = 0.8 beside it
// uses their absolute difference (svhn_trainer.py line 114); ‖f‖ is computed as
// sqrt(Σ f² + 1e-12), so that a generated row whose ReLU features are all zero has cosine 0
// with every other rather than NaN (the code divides by the plain norm); and the rest of the
// recipe (D and G optimisers, the moving average, the learning-rate schedule, feature matching's
// real rows from an unlabeled stream of their own as in mnist_trainer.py line 111) is ssgan's,
// where the SVHN code uses Adam β = (0.5, 0.999) for D and (0.0, 0.999) for G (lines 43-44) and
// reuses D's unlabeled batch for feature matching (line 112). Neither term is ramped up in the
// code, so there is nothing to convert from epochs to iterations.
var BadGANParams = map[string]float64{
	// ent_weight is the weight of the conditional entropy in D's loss: 0.1, svhn_config's
	// ent_weight (config.py line 67), used at svhn_trainer.py line 83.
	"ent_weight": 0.1,
	// pt_weight is the weight of the pull-away term in G's loss: 0.8, svhn_config's pt_weight
	// (config.py line 68), used at svhn_trainer.py line 121.
	"pt_weight": 0.8,
}

// pullAwayEps is added to Σ f² before its square root in the pull-away term's norms.
const pullAwayEps = 1e-12

// entropyTerms builds badgan's D term on the unlabeled rows' logits.
func (m *Model) entropyTerms(unl *G.Node) ([]term, error) {
	cls, err := ClassLogits(unl, m.Cfg.Classes)
	if err != nil {
		return nil, err
	}
	ent, err := ConditionalEntropy(cls)
	if err != nil {
		return nil, err
	}
	return []term{{name: "loss_ent", node: ent, weight: param(m.Cfg, "ent_weight")}}, nil
}

// pullAwayTerms builds badgan's G term on D's features of the generated rows (fakeTaps, the
// layer outputs of D's pass over them in G's step).
func (m *Model) pullAwayTerms(fakeTaps []*G.Node) ([]term, error) {
	pt, err := PullAwayLoss(fakeTaps[m.D.Feature(m.Cfg.FeatureLayer)])
	if err != nil {
		return nil, err
	}
	return []term{{name: "loss_pt", node: pt, weight: param(m.Cfg, "pt_weight")}}, nil
}

// ConditionalEntropy is the mean over rows of the entropy −Σ_k p_k log p_k of the softmax of
// (n, K) class logits (Bad GAN's conditional-entropy term; ssl_bad_gan's utils.entropy).
func ConditionalEntropy(logits *G.Node) (*G.Node, error) {
	h, err := nn.RowEntropy(logits)
	if err != nil {
		return nil, err
	}
	return G.Mean(h)
}

// PullAwayLoss is the pull-away term 1/(n(n−1)) Σ_{i≠j} cos²(f_i, f_j) over the n ≥ 2 rows of
// (n, m) features f (Zhao, Mathieu & LeCun 2017's EBGAN term, as Bad GAN uses it), with
// ‖f_i‖ = sqrt(Σ_j f_ij² + 1e-12).
func PullAwayLoss(f *G.Node) (*G.Node, error) {
	n := f.Shape()[0]
	if n < 2 {
		return nil, fmt.Errorf("ssgan: pull-away term: %d rows, want at least 2", n)
	}
	sq, err := G.Square(f)
	if err != nil {
		return nil, err
	}
	ss, err := G.Sum(sq, 1)
	if err != nil {
		return nil, err
	}
	if ss, err = G.Add(ss, G.NewConstant(float32(pullAwayEps))); err != nil {
		return nil, err
	}
	norm, err := G.Sqrt(ss)
	if err != nil {
		return nil, err
	}
	col, err := G.Reshape(norm, []int{n, 1})
	if err != nil {
		return nil, err
	}
	unit, err := G.BroadcastHadamardDiv(f, col, nil, []byte{1})
	if err != nil {
		return nil, err
	}
	unitT, err := G.Transpose(unit)
	if err != nil {
		return nil, err
	}
	cos, err := G.Mul(unit, unitT)
	if err != nil {
		return nil, err
	}
	mask := make([]float32, n*n)
	for i := range mask {
		if i%(n+1) != 0 { // off the diagonal
			mask[i] = 1
		}
	}
	off, err := G.HadamardProd(cos, G.NewConstant(tensor.New(tensor.WithShape(n, n), tensor.WithBacking(mask))))
	if err != nil {
		return nil, err
	}
	cos2, err := G.Square(off)
	if err != nil {
		return nil, err
	}
	s, err := G.Sum(cos2)
	if err != nil {
		return nil, err
	}
	return G.Mul(s, G.NewConstant(float32(1/float64(n*(n-1)))))
}
