package experiments

import (
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

// writeWeights writes the classifier's final weights (D's moving average, with which rec's test
// errors were measured, and G) to weights.npz and records the file and its SHA-256 in rec.
func (r *classifierRun) writeWeights(rec *results.Record) error {
	tensors, nets, err := r.model.m.Weights()
	if err != nil {
		return err
	}
	meta := runMeta(r.spec, rec, r.data)
	if meta.Model, err = weights.ConfigJSON(r.spec.Model); err != nil {
		return err
	}
	errs := rec.FinalTestErrors
	meta.PixelRange = [2]float64{0, 1}
	meta.Classes, meta.Labels, meta.Networks = r.spec.Model.Classes, rec.Labels, nets
	meta.Notes = ssgan.WeightsNotes(r.spec.Model)
	meta.TestSize, meta.FinalTestErrors = rec.TestSize, &errs
	sum, err := weights.Write(r.dir.file(WeightsFile), meta, tensors)
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

// writeWeights writes the GAN's final G (with its batch-norm running statistics) and D to
// weights.npz and records the file and its SHA-256 in rec.
func (r *ganRun) writeWeights(rec *results.Record) error {
	meta := runMeta(r.spec, rec, r.data)
	meta.Networks = map[string][]weights.Layer{}
	var tensors []weights.Tensor
	for _, n := range []struct {
		prefix string
		net    *nn.Sequential
	}{{"G", r.model.G}, {"D", r.model.D}} {
		entries, layers, err := weights.Network(n.prefix, n.net)
		if err != nil {
			return err
		}
		t, err := weights.Tensors(entries, nil)
		if err != nil {
			return err
		}
		tensors, meta.Networks[n.prefix] = append(tensors, t...), layers
	}
	var err error
	if meta.Model, err = weights.ConfigJSON(r.model.Cfg); err != nil {
		return err
	}
	meta.PixelRange, meta.Notes = [2]float64{-1, 1}, ganNotes
	sum, err := weights.Write(r.dir.file(WeightsFile), meta, tensors)
	if err != nil {
		return err
	}
	rec.Weights, rec.WeightsSHA256 = WeightsFile, sum
	return nil
}
