package experiments

import (
	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/ssgan"
)

// The methods the framework started with: the K+1 SSGAN and its supervised baseline (package
// ssgan), and the source article's GAN (package core).
func init() {
	newClassifier := func(s Spec, seed uint64) (core.Method, error) { return ssgan.New(s.Model, seed) }
	caps := func(s Spec) core.Capabilities { return ssgan.CapabilitiesOf(s.Model) }
	registerMethod(Method{
		Name: "ssgan", Kind: "classifier",
		Summary: "K+1-class semi-supervised GAN with feature matching (Salimans et al. 2016, openai/improved-gan)",
		New:     newClassifier, Capabilities: caps, Pixels: [2]float32{0, 1}, Labeled: true,
		// D's unlabeled rows, and feature matching's real rows.
		Streams: func(s Spec) int {
			if s.Model.GenLoss == "nonsaturating" {
				return 1
			}
			return 2
		},
		Weights: classifierWeights,
	})
	ganStreams := func(s Spec) int { // D's unlabeled rows, and feature matching's real rows
		if s.Model.GenLoss == "nonsaturating" {
			return 1
		}
		return 2
	}
	registerMethod(Method{
		Name: "ctgan", Kind: "classifier",
		Summary: "the K+1 SSGAN with CT-GAN's consistency term on D (Wei et al. 2018, biuyq/CT-GAN)",
		New:     newClassifier, Capabilities: caps, Pixels: [2]float32{0, 1}, Labeled: true,
		Streams: ganStreams, Params: ssgan.CTGANParams, Weights: classifierWeights,
	})
	registerMethod(Method{
		Name: "badgan", Kind: "classifier",
		Summary: "the K+1 SSGAN with Bad GAN's entropy term on D and pull-away term on G (Dai et al. 2017, kimiyoung/ssl_bad_gan)",
		New:     newClassifier, Capabilities: caps, Pixels: [2]float32{0, 1}, Labeled: true,
		Streams: ganStreams, Params: ssgan.BadGANParams, Weights: classifierWeights,
	})
	registerMethod(Method{
		Name: "supervised", Kind: "classifier",
		Summary: "the same discriminator (noise layers on) trained on the labeled rows only: the baseline",
		New:     newClassifier, Capabilities: caps, Pixels: [2]float32{0, 1}, Labeled: true,
		Weights: classifierWeights,
	})
	registerMethod(Method{
		Name: "gan", Kind: "gan",
		Summary:      "the source article's Keras MLP GAN (batch 32, Adam 2e-4)",
		New:          func(s Spec, seed uint64) (core.Method, error) { return core.NewGAN(s.GAN, seed) },
		Capabilities: func(Spec) core.Capabilities { return core.GANCapabilities },
		Pixels:       [2]float32{-1, 1}, Streams: func(Spec) int { return 1 },
		Weights: ganWeights,
	})
}
