package experiments

import (
	"fmt"
	"maps"
	"sort"

	"github.com/ssgan/ssgan/core"
)

// registry maps each named experiment to its spec; each entry states only what differs from
// DefaultSpec.
var registry = map[string]func() Spec{}

// register adds a named experiment built by editing the defaults.
func register(name, description string, edit func(*Spec)) {
	registry[name] = func() Spec {
		s := DefaultSpec()
		s.Name, s.Description = name, description
		if edit != nil {
			edit(&s)
		}
		return s
	}
}

func init() {
	register("mnist-ssgan-100", "Salimans et al. 2016 K+1 SSGAN, feature matching, 100 labels (the headline)", nil)
	for _, n := range []int{20, 50, 200} {
		perClass := n / 10
		register(fmt.Sprintf("mnist-ssgan-%d", n), fmt.Sprintf("K+1 SSGAN as the headline with %d labels", n),
			func(s *Spec) { s.LabelsPerClass = perClass })
	}
	register("mnist-ssgan-100-explicit", "headline with the explicit K+1-logit discriminator (Odena 2016)",
		func(s *Spec) { s.Model.Form = "explicit" })
	register("mnist-ssgan-100-nonsat", "headline with the non-saturating generator loss instead of feature matching",
		func(s *Spec) { s.Model.GenLoss = "nonsaturating" })
	register("mnist-ssgan-100-balance", "headline with balance control: an extra G step whenever the feature-matching loss exceeds 1",
		func(s *Spec) {
			s.Tricks.Balance = core.Balance{Policy: "thresholds", Thresholds: core.Thresholds{GLossAbove: 1, GExtraSteps: 1}}
		})
	// The reference code's own schedule (openai/improved-gan, train_mnist_feature_matching.py):
	// the rate constant for all 300 epochs, the parameter average a ← a + 0.0001·(p − a) from
	// zero without bias correction, data-dependent initialisation on 500 rows of the training set
	// permuted with the seed.
	register("mnist-ssgan-100-reference", "headline on the reference code's schedule: constant rate, average from zero at 0.9999, shuffled init rows",
		func(s *Spec) {
			s.LRDecayStart = 1
			s.InitSample = "shuffled"
			s.Model.EMADecay, s.Model.EMAFromZero = 0.9999, true
		})
	supervised100 := func(s *Spec) { s.Model.Method = "supervised"; s.Epochs = 20 } // the published baseline's length
	register("mnist-supervised-100", "the same discriminator trained only on the same 100 labels (noise layers on)", supervised100)
	for _, n := range []int{20, 50, 200} { // the baselines of mnist-ssgan-20, -50, -200, on their splits
		perClass := n / 10
		register(fmt.Sprintf("mnist-supervised-%d", n), fmt.Sprintf("mnist-supervised-100's recipe on the same %d labels as mnist-ssgan-%d", n, n),
			func(s *Spec) { supervised100(s); s.LabelsPerClass = perClass })
	}
	// The same two recipes on Fashion-MNIST: only the data set differs.
	onFashion := func(edit func(*Spec)) func(*Spec) {
		return func(s *Spec) {
			if edit != nil {
				edit(s)
			}
			s.Dataset = "fashion-mnist"
		}
	}
	register("fashion-mnist-ssgan-100", "the headline recipe (K+1 SSGAN, feature matching, 100 labels) on Fashion-MNIST", onFashion(nil))
	register("fashion-mnist-supervised-100", "mnist-supervised-100's recipe (100 labels only) on Fashion-MNIST", onFashion(supervised100))
	// The classic semi-supervised learners (package semi) and the K+1 SSGAN's variants (package
	// ssgan) on the same discriminator and splits.
	for _, m := range []string{"entmin", "pseudolabel", "pimodel", "meanteacher", "vat", "ctgan", "badgan"} {
		entry := methods[m]
		register("mnist-"+m+"-100", entry.Summary+", 100 labels", func(s *Spec) {
			s.Model.Method, s.Model.Params = m, maps.Clone(entry.Params)
		})
	}
	register("mnist-supervised-all", "the same discriminator trained on all 60,000 labels",
		func(s *Spec) { s.Model.Method = "supervised"; s.LabelsPerClass = 0; s.Epochs = 30 })
	register("mnist-gan", "the source article's Keras MLP GAN (batch 32, Adam 2e-4, 30,000 steps)",
		func(s *Spec) { s.Kind = "gan" })
	register("mnist-gan-pretrain", "article GAN with 500 steps of discriminator pretraining",
		func(s *Spec) { s.Kind = "gan"; s.Tricks.Pretrain = core.Pretrain{Steps: 500} })
	register("mnist-gan-schedule", "article GAN with alternating freezing, 1 D step per 2 G steps",
		func(s *Spec) { s.Kind = "gan"; s.Tricks.Schedule = core.Schedule{DSteps: 1, GSteps: 2} })
	register("mnist-gan-balance", "article GAN with threshold balance control (skip D above 90 % accuracy)",
		func(s *Spec) {
			s.Kind = "gan"
			s.Tricks.Balance = core.Balance{Policy: "thresholds", Thresholds: core.Thresholds{DAccAbove: 0.9, GLossAbove: 3, GExtraSteps: 1}}
		})
	register("mnist-gan-began", "article GAN with a BEGAN-style proportional balance controller",
		func(s *Spec) { s.Kind = "gan"; s.Tricks.Balance = core.Balance{Policy: "began"} })
}

// Lookup returns the registered experiment of that name.
func Lookup(name string) (Spec, bool) {
	f, ok := registry[name]
	if !ok {
		return Spec{}, false
	}
	return f(), true
}

// Names lists the registered experiments in order.
func Names() []string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
