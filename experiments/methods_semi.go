package experiments

import (
	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/semi"
	"github.com/ssgan/ssgan/ssgan"
)

// The classic semi-supervised learners of package semi, on the SSGAN's discriminator: labeled
// rows and one unlabeled stream, no generator (so no trick applies), pixels in [0, 1].
func init() {
	learner := func(name, summary string, build func(ssgan.Config, uint64) (*semi.Learner, error), params map[string]float64) {
		registerMethod(Method{
			Name: name, Kind: "classifier", Summary: summary,
			New:          func(s Spec, seed uint64) (core.Method, error) { return build(s.Model, seed) },
			Capabilities: func(Spec) core.Capabilities { return core.Capabilities{Name: name} },
			Pixels:       [2]float32{0, 1}, Labeled: true, Streams: func(Spec) int { return 1 },
			Params: params, Weights: classifierWeights,
		})
	}
	learner("entmin", "entropy minimisation on the unlabeled rows (Grandvalet & Bengio 2005)", semi.NewEntMin, semi.EntMinParams)
	learner("pseudolabel", "pseudo-labelling: cross-entropy to D's own argmax on the unlabeled rows, ramped up (Lee 2013)", semi.NewPseudoLabel, semi.PseudoLabelParams)
	learner("pimodel", "Π-model: squared distance of two noisy passes' class probabilities (Laine & Aila 2017)", semi.NewPiModel, semi.PiModelParams)
	learner("meanteacher", "mean teacher: squared distance to the class probabilities of the weights' moving average, ramped up (Tarvainen & Valpola 2017)", semi.NewMeanTeacher, semi.MeanTeacherParams)
	learner("vat", "virtual adversarial training: KL divergence under the adversarial perturbation found by power iteration (Miyato et al. 2018)", semi.NewVAT, semi.VATParams)
}
