// Package ssgan is the semi-supervised GAN of Salimans et al. (2016): a discriminator with K
// class outputs plus "generated", trained on a few labeled images, all the unlabeled ones and a
// generator's output, so that it becomes a classifier. It builds on package core.
package ssgan

import (
	"fmt"
	"math"
)

// Config holds every setting of the model and its optimisation. The zero value of a field means
// its default, given by Defaults (the MNIST recipe of the paper's reference code).
type Config struct {
	// Method is the registered method that trains this discriminator: "ssgan" (K+1-class GAN),
	// its variants "ctgan" (with CT-GAN's consistency term) and "badgan" (with Bad GAN's entropy
	// and pull-away terms), and "supervised" (the same D on labels only) are this package's; the
	// others are named by package experiments' registry.
	Method string `yaml:"method"`
	// Form is "implicit" (K logits, fake logit fixed at 0; Salimans et al.) or "explicit"
	// (K+1 logits; Odena 2016).
	Form string `yaml:"form"`
	// GenLoss is "feature_matching" or "nonsaturating".
	GenLoss string `yaml:"gen_loss"`
	// FeatureLayer is the hidden layer of D whose batch means feature matching compares
	// (0-based; −1 = the last hidden layer, the reference choice).
	FeatureLayer int `yaml:"feature_layer"`

	Classes  int `yaml:"classes"`   // K, 10 for MNIST
	InputDim int `yaml:"input_dim"` // 784 for MNIST
	NoiseDim int `yaml:"noise_dim"` // generator input size, 100

	DHidden     []int   `yaml:"d_hidden"`     // 1000, 500, 250, 250, 250
	InputNoise  float64 `yaml:"input_noise"`  // σ of the Gaussian noise on D's input, 0.3
	HiddenNoise float64 `yaml:"hidden_noise"` // σ after each hidden layer of D, 0.5
	GHidden     []int   `yaml:"g_hidden"`     // 500, 500
	BNMomentum  float64 `yaml:"bn_momentum"`  // generator batch-norm running-average momentum, 0.9
	// DInitStd is the standard deviation of D's initial weight-norm directions V, 0.1 as in the
	// reference (its DenseLayer's theta). It leaves D's outputs unchanged but sets ‖V‖, and with
	// it the effective learning rate: 0.05 doubles it at the start.
	DInitStd float64 `yaml:"d_init_std"`
	// TrainHiddenScales makes the weight-norm scales of D's hidden layers trainable; the
	// reference code fixes them at their data-dependent initial values (false).
	TrainHiddenScales bool `yaml:"train_hidden_scales"`
	// GenBNScale gives G's batch norms a trained scale γ; the reference code has none (false),
	// and with one, feature matching can shrink γ towards 0 and collapse G to a single image.
	GenBNScale bool `yaml:"gen_bn_scale"`

	UnlabeledWeight float64 `yaml:"unlabeled_weight"` // weight of the unsupervised D loss, 1
	LR              float64 `yaml:"lr"`               // Adam learning rate of both networks, 0.003
	Beta1           float64 `yaml:"beta1"`            // Adam β1, 0.5
	Batch           int     `yaml:"batch"`            // rows of each kind per iteration, 100
	// EMADecay is the decay of the exponential moving average of D's parameters used for
	// evaluation (the reference uses 0.9999 over 300 epochs; 0.999 suits runs of tens of epochs).
	EMADecay float64 `yaml:"ema_decay"`
	// InitRows is the number of training images used for data-dependent initialisation, 500.
	InitRows int `yaml:"init_rows"`
	// EMAFromZero starts the moving average at zero, as the reference code does (a ← a +
	// (1 − decay)(p − a) from a = 0, no bias correction), rather than at the initialised weights.
	EMAFromZero bool `yaml:"ema_from_zero,omitempty"`
	// Params are the method's own settings by name (a consistency weight, VAT's radius), with
	// the defaults its registry entry declares; empty for ssgan and supervised.
	Params map[string]float64 `yaml:"params,omitempty"`
}

// Defaults returns the recipe of the paper's MNIST reference code (train_mnist_feature_matching.py)
// with every field set.
func Defaults() Config {
	return Config{
		Method: "ssgan", Form: "implicit", GenLoss: "feature_matching", FeatureLayer: -1,
		Classes: 10, InputDim: 784, NoiseDim: 100,
		DHidden: []int{1000, 500, 250, 250, 250}, InputNoise: 0.3, HiddenNoise: 0.5,
		GHidden: []int{500, 500}, BNMomentum: 0.9, DInitStd: 0.1,
		UnlabeledWeight: 1, LR: 0.003, Beta1: 0.5, Batch: 100, EMADecay: 0.999, InitRows: 500,
	}
}

// Validate reports the first impossible setting of the networks and their optimisation, naming
// its field. Which methods exist is the registry's business (New accepts ssgan, supervised,
// ctgan and badgan, and checks the last two's Params).
func (c Config) Validate() error {
	switch {
	case c.Form != "implicit" && c.Form != "explicit":
		return fmt.Errorf("ssgan: form %q: want implicit or explicit", c.Form)
	case c.GenLoss != "feature_matching" && c.GenLoss != "nonsaturating":
		return fmt.Errorf("ssgan: gen_loss %q: want feature_matching or nonsaturating", c.GenLoss)
	case c.Classes < 2:
		return fmt.Errorf("ssgan: classes %d: want at least 2", c.Classes)
	case c.InputDim <= 0 || c.NoiseDim <= 0:
		return fmt.Errorf("ssgan: input_dim and noise_dim must be positive")
	case len(c.DHidden) == 0:
		return fmt.Errorf("ssgan: d_hidden is empty")
	case c.FeatureLayer >= len(c.DHidden) || c.FeatureLayer < -1:
		return fmt.Errorf("ssgan: feature_layer %d: want -1 or 0..%d", c.FeatureLayer, len(c.DHidden)-1)
	case !(c.LR > 0) || math.IsInf(c.LR, 0):
		return fmt.Errorf("ssgan: lr %g: must be positive and finite", c.LR)
	case !(c.Beta1 >= 0 && c.Beta1 < 1):
		return fmt.Errorf("ssgan: beta1 %g: want 0 <= beta1 < 1", c.Beta1)
	case c.Batch <= 0:
		return fmt.Errorf("ssgan: batch %d: must be positive", c.Batch)
	case !(c.EMADecay >= 0 && c.EMADecay < 1):
		return fmt.Errorf("ssgan: ema_decay %g: want 0 <= ema_decay < 1", c.EMADecay)
	case !(c.DInitStd > 0):
		return fmt.Errorf("ssgan: d_init_std %g: must be positive", c.DInitStd)
	case c.InitRows <= 0:
		return fmt.Errorf("ssgan: init_rows %d: must be positive", c.InitRows)
	case !(c.UnlabeledWeight >= 0) || math.IsInf(c.UnlabeledWeight, 0):
		return fmt.Errorf("ssgan: unlabeled_weight %g: must not be negative", c.UnlabeledWeight)
	}
	for i, h := range c.DHidden {
		if h <= 0 {
			return fmt.Errorf("ssgan: d_hidden[%d] = %d: must be positive", i, h)
		}
	}
	for i, h := range c.GHidden {
		if h <= 0 {
			return fmt.Errorf("ssgan: g_hidden[%d] = %d: must be positive", i, h)
		}
	}
	return nil
}

// HasGenerator reports whether c's method is one of this package's GAN methods, which train a
// generator: ssgan, ctgan and badgan.
func (c Config) HasGenerator() bool {
	return c.Method == "ssgan" || c.Method == "ctgan" || c.Method == "badgan"
}

// outputs is the number of D logits: K in the implicit form, K+1 in the explicit one.
func (c Config) outputs() int {
	if c.Form == "explicit" {
		return c.Classes + 1
	}
	return c.Classes
}
