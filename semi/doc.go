// Package semi holds the classic semi-supervised learners, each in a file named after it, on the
// same discriminator as the K+1 SSGAN (package ssgan: weight-normalised MLP, Gaussian noise on
// its input and after every hidden layer) and on the same labeled splits: entropy minimisation
// (Grandvalet & Bengio 2005), pseudo-labelling (Lee 2013), the Π-model (Laine & Aila 2017), mean
// teacher (Tarvainen & Valpola 2017) and virtual adversarial training (Miyato et al. 2018).
//
// Each is a core.Classifier built on Learner, which owns the discriminator, its optimiser and
// moving average, the evaluation and the checkpoint; a learner adds only its loss. Package
// experiments registers each one (methods_semi.go), which gives it seeds, resume, shards, tables
// and weights files.
package semi
