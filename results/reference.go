package results

import "math"

// Citations of the published reference numbers.
const (
	CiteSalimans2016 = "Salimans et al. 2016, Improved Techniques for Training GANs, Table 1"
	CiteRasmus2015   = "Rasmus et al. 2015, Semi-Supervised Learning with Ladder Networks, Table 1"
	// CiteMiyato2018 is VAT's permutation-invariant MNIST result with 100 labels.
	CiteMiyato2018 = "Miyato et al. 2018, Virtual Adversarial Training: A Regularization Method for Supervised and Semi-Supervised Learning, IEEE TPAMI, Table 2 (permutation-invariant MNIST, 100 labels)"
	// CiteSpringenberg2016 is CatGAN's permutation-invariant MNIST result with 100 labels.
	CiteSpringenberg2016 = "Springenberg 2016, Unsupervised and Semi-supervised Learning with Categorical Generative Adversarial Networks, ICLR, Table 1"
	// CiteDai2017 is Bad GAN's MNIST result with 100 labels, 79.5 ± 9.8 errors, as the code's
	// README (github.com/kimiyoung/ssl_bad_gan) gives it. The README does not say which epoch's;
	// its mnist_trainer.py evaluates on the test set during training and reports only the lowest
	// error seen ("best"), so it is taken as the best during training, not a final error.
	CiteDai2017 = "Dai et al. 2017, Good Semi-supervised Learning that Requires a Bad GAN, NeurIPS; kimiyoung/ssl_bad_gan README (best test error during training)"
)

// BestEpochMark ends the Source of a published number that is the best test error seen during
// training (chosen on the test set), not the error at the end of training.
const BestEpochMark = "(best epoch)"

// Reference is one published result, shown in the table next to the
// measured ones. It is never averaged with or tested against measured runs.
type Reference struct {
	Experiment string  // name of the row, e.g. "salimans2016-ssgan"
	Dataset    string  // data set of the result, e.g. "mnist"
	Method     string  // "ssgan", "ladder", "supervised"
	Labels     int     // labeled examples; 60000 = all
	ErrorPct   float64 // published mean test error, % of the test set
	StdPct     float64 // published ± (standard deviation over runs), in %
	Source     string  // short source shown in the table, "published: <authors year>"
	Citation   string  // full citation
	Epochs     int     // training epochs behind the number, 0 when the source does not say
}

// Errors returns the mean test error as errors out of 10,000 test images.
func (r Reference) Errors() float64 { return r.ErrorPct * 100 }

// StdErrors returns the published ± as errors out of 10,000 test images.
func (r Reference) StdErrors() float64 { return r.StdPct * 100 }

// References returns the published permutation-invariant MNIST results the
// reproduction is compared against, in a new slice.
//
// Salimans et al. report errors out of 10,000 (1677 ± 452 etc.), converted
// here to % by dividing by 100; Rasmus et al. report % test error. The
// supervised baseline is the "MLP, BN, Gaussian noise" row of the Ladder
// paper.
func References() []Reference {
	const (
		salimans = "published: Salimans et al. 2016"
		rasmus   = "published: Rasmus et al. 2015"
	)
	return []Reference{
		{Dataset: "mnist", Experiment: "salimans2016-ssgan", Method: "ssgan", Labels: 20, ErrorPct: 16.77, StdPct: 4.52, Source: salimans, Citation: CiteSalimans2016, Epochs: 300},
		{Dataset: "mnist", Experiment: "salimans2016-ssgan", Method: "ssgan", Labels: 50, ErrorPct: 2.21, StdPct: 1.36, Source: salimans, Citation: CiteSalimans2016, Epochs: 300},
		{Dataset: "mnist", Experiment: "salimans2016-ssgan", Method: "ssgan", Labels: 100, ErrorPct: 0.93, StdPct: 0.065, Source: salimans, Citation: CiteSalimans2016, Epochs: 300},
		{Dataset: "mnist", Experiment: "salimans2016-ssgan", Method: "ssgan", Labels: 200, ErrorPct: 0.90, StdPct: 0.042, Source: salimans, Citation: CiteSalimans2016, Epochs: 300},
		{Dataset: "mnist", Experiment: "rasmus2015-ladder", Method: "ladder", Labels: 100, ErrorPct: 1.06, StdPct: 0.37, Source: rasmus, Citation: CiteRasmus2015},
		{Dataset: "mnist", Experiment: "rasmus2015-mlp-baseline", Method: "supervised", Labels: 100, ErrorPct: 21.74, StdPct: 1.77, Source: rasmus, Citation: CiteRasmus2015},
		{Dataset: "mnist", Experiment: "rasmus2015-mlp-baseline", Method: "supervised", Labels: 60000, ErrorPct: 0.80, StdPct: 0.03, Source: rasmus, Citation: CiteRasmus2015},
	}
}

// ComparisonReferences returns published MNIST results with 100 labels of other methods, shown
// only by the methods comparison (BuildComparison) next to the References of its data set and
// labels, in a new slice. A StdPct of NaN means the source gives no ±. Dai et al.'s number is the
// best test error during training: its Source ends with BestEpochMark.
func ComparisonReferences() []Reference {
	return []Reference{
		{Dataset: "mnist", Experiment: "miyato2018-vat", Method: "vat", Labels: 100, ErrorPct: 1.36, StdPct: math.NaN(), Source: "published: Miyato et al. 2018", Citation: CiteMiyato2018},
		{Dataset: "mnist", Experiment: "springenberg2016-catgan", Method: "catgan", Labels: 100, ErrorPct: 1.91, StdPct: 0.10, Source: "published: Springenberg 2016", Citation: CiteSpringenberg2016},
		{Dataset: "mnist", Experiment: "dai2017-badgan", Method: "badgan", Labels: 100, ErrorPct: 0.795, StdPct: 0.098, Source: "published: Dai et al. 2017 " + BestEpochMark, Citation: CiteDai2017},
	}
}
