package experiments

import (
	"fmt"
	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/internal/weights"
	"github.com/ssgan/ssgan/results"
	"github.com/ssgan/ssgan/ssgan"
)

// WeightsFile is the final weights of a finished run, in its run directory.
const WeightsFile = weights.FileName

// runMeta is the part of a weights file's metadata that every run kind fills the same way: the
// data set as the record names it, and the image size of its data.
func runMeta(spec Spec, rec *results.Record, data *datasets.Dataset) weights.Meta {
	im := data.Train.Images
	return weights.Meta{
		Kind: spec.Kind, Method: rec.Method, Experiment: spec.Name, Dataset: rec.DatasetName(), ImageRows: im.Rows, ImageCols: im.Cols,
		ModelSeed: rec.ModelSeed, DataSeed: rec.DataSeed, Epochs: rec.Epochs, Iterations: rec.Iterations,
		ConfigHash: rec.ConfigHash, Commit: rec.Commit, BLAS: rec.BLAS,
	}
}

// writeWeights writes the method's final weights (for a classifier, D's moving average, with
// which rec's test errors were measured, and G) to weights.npz and records the file and its
// SHA-256 in rec. A method without a Weights entry writes none.
func (r *run) writeWeights(rec *results.Record) error {
	if r.entry.Weights == nil {
		return nil
	}
	ex, err := r.entry.Weights(r.method, r.spec)
	if err != nil {
		return err
	}
	meta := runMeta(r.spec, rec, r.data)
	if meta.Model, err = weights.ConfigJSON(ex.Config); err != nil {
		return err
	}
	meta.PixelRange = [2]float64{float64(r.entry.Pixels[0]), float64(r.entry.Pixels[1])}
	meta.Networks, meta.Notes = ex.Networks, ex.Notes
	if r.entry.Kind == "classifier" {
		errs := rec.FinalTestErrors
		meta.Classes, meta.Labels = r.spec.Model.Classes, rec.Labels
		meta.TestSize, meta.FinalTestErrors = rec.TestSize, &errs
	}
	sum, err := weights.Write(r.dir.file(WeightsFile), meta, ex.Tensors)
	if err != nil {
		return err
	}
	rec.Weights, rec.WeightsSHA256 = WeightsFile, sum
	return nil
}

// ganNotes says how the arrays of an article GAN's weights file compute.
const ganNotes = "G maps noise_dim N(0, 1) values to an image of image_dim pixels in [-1, 1]: each hidden dense layer " +
	"x @ W + b, then leaky ReLU, then batch norm (inference: (x - running_mean) / sqrt(running_var + epsilon) * gamma + beta); " +
	"G/out is dense, then tanh. D maps an image to one real-vs-fake logit: dense layers with leaky ReLU, then D/out."

// ganWeights exports the article GAN's G (with its batch-norm running statistics) and D.
func ganWeights(m core.Method, _ Spec) (Export, error) {
	g := m.(*core.GAN)
	ex := Export{Networks: map[string][]weights.Layer{}, Notes: ganNotes, Config: g.Cfg}
	for _, n := range []struct {
		prefix string
		net    *nn.Sequential
	}{{"G", g.G}, {"D", g.D}} {
		entries, layers, err := weights.Network(n.prefix, n.net)
		if err != nil {
			return ex, err
		}
		t, err := weights.Tensors(entries, nil)
		if err != nil {
			return ex, err
		}
		ex.Tensors, ex.Networks[n.prefix] = append(ex.Tensors, t...), layers
	}
	return ex, nil
}

// weighted is a method on the K+1 SSGAN's discriminator (an *ssgan.Model, or a learner that
// embeds one), which exports D's moving average and, where it has one, G.
type weighted interface {
	Weights() ([]weights.Tensor, map[string][]weights.Layer, error)
}

// classifierWeights exports a method on the K+1 SSGAN's discriminator.
func classifierWeights(m core.Method, s Spec) (Export, error) {
	w, ok := m.(weighted)
	if !ok {
		return Export{}, fmt.Errorf("experiments: method %s has no weights to export", s.Method())
	}
	tensors, nets, err := w.Weights()
	return Export{Tensors: tensors, Networks: nets, Notes: ssgan.WeightsNotes(s.Model), Config: s.Model}, err
}
