package core

import "github.com/ssgan/ssgan/core/nn"

// Method is every trainable thing the framework runs: the article's GAN, the K+1 SSGAN, the
// supervised baseline, the classic semi-supervised learners, the sample-quality classifier. A
// method is built from its configuration and model seed by its constructor (the registry in
// package experiments names them); the Trainer then calls Step once per iteration, and package
// experiments does everything else (seeds, data order, epochs, evaluation, checkpoints, resume,
// provenance, records) the same way for every method.
type Method interface {
	// Init is the data-dependent initialisation, on rows of training images in the method's
	// pixel range (see Capabilities). Methods without one return nil.
	Init(rows []float32) error
	// Step runs one training iteration as the plan says, drawing its rows from src: each of
	// Plan.DSteps discriminator (or classifier) updates on a fresh batch, then Plan.GSteps
	// generator updates, each on fresh noise (and fresh real rows where its loss needs them).
	Step(p Plan, src Source) (StepResult, error)
	// Save stores the method's whole state (parameters, buffers, moving averages, optimiser
	// moments, noise stream) in ck; Load restores it into a method built with the same
	// configuration and seed. Checkpoint.Encode turns it into bytes; core touches no files.
	Save(ck *Checkpoint) error
	Load(ck *Checkpoint) error
	// Optimizers are the optimisers the learning-rate schedule sets, every one at the same rate.
	Optimizers() []*nn.Adam
	// Close releases the compiled steps.
	Close()
}

// Classifier is a method that classifies images: its test errors are what a run reports.
type Classifier interface {
	Method
	// Predict returns the class of each row of x, with the moving average of the weights when
	// averaged is true and the method keeps one; Probabilities returns their class
	// probabilities (Classes() values per row).
	Predict(x []float32, averaged bool) ([]int, error)
	Probabilities(x []float32, averaged bool) ([]float32, error)
	// Classes is the number of classes it tells apart.
	Classes() int
}

// Capabilities say what a method can honour, so that a spec asking for a trick it cannot is
// refused when it is validated, naming the field, rather than failing or doing nothing later.
type Capabilities struct {
	// Name is the method's name, for the messages that refuse a trick.
	Name string
	// Generator: the method trains a generator, which Plan.GSteps steps and pretraining freezes.
	Generator bool
	// RealFake: the method reports D's accuracy and its losses on real and generated rows apart
	// (StepResult.RealFake), which BEGAN's controller and the d_acc_above threshold read.
	RealFake bool
	// FakeWeight: the method weights D's loss on generated rows by Plan.FakeWeight.
	FakeWeight bool
}

// StepResult is what one iteration reports. The typed fields are what the tricks' hooks read;
// Logs holds every number the run logs, under the method's own names.
type StepResult struct {
	// DLoss is the discriminator's (or classifier's) whole loss on its last batch of the
	// iteration, measured before its update.
	DLoss float64
	// RealFake says DAcc, DLossReal and DLossFake are set: D's accuracy at telling real from
	// generated rows, and its losses on the real and on the generated rows.
	RealFake                   bool
	DAcc, DLossReal, DLossFake float64
	// GStepped says G made at least one update this iteration; GLoss is the last one's loss.
	GStepped bool
	GLoss    float64
	// Logs are the numbers to log (losses, error rates), by name.
	Logs map[string]float64
}

// who names the method in a message: "method NAME", or "the method".
func (c Capabilities) who() string {
	if c.Name == "" {
		return "the method"
	}
	return "method " + c.Name
}
