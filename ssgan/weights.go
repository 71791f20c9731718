package ssgan

import (
	"fmt"

	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/internal/weights"
)

// Weights returns the arrays of the model's weights file and the layers of its networks: D under
// D/ with the moving average of its parameters (the weights every reported test error is
// measured with) and its fixed hidden-layer scales, and for the GAN method G under G/ with its
// batch-norm running statistics. The tensors share the model's memory.
func (m *Model) Weights() ([]weights.Tensor, map[string][]weights.Layer, error) {
	dEntries, dLayers, err := weights.Network("D", m.D.Sequential)
	if err != nil {
		return nil, nil, err
	}
	avg := map[*nn.Param][]float32{}
	if m.EMA != nil {
		for i, p := range m.D.Params() {
			avg[p] = m.EMA[i].Data()
		}
	}
	tensors, err := weights.Tensors(dEntries, avg)
	if err != nil {
		return nil, nil, err
	}
	nets := map[string][]weights.Layer{"D": dLayers}
	if m.G != nil {
		gEntries, gLayers, err := weights.Network("G", m.G)
		if err != nil {
			return nil, nil, err
		}
		gt, err := weights.Tensors(gEntries, nil)
		if err != nil {
			return nil, nil, err
		}
		tensors, nets["G"] = append(tensors, gt...), gLayers
	}
	return tensors, nets, nil
}

// WeightsNotes says in words how the arrays of a weights file with config c compute.
func WeightsNotes(c Config) string {
	s := "D classifies images of input_dim pixels in [0, 1], flattened row-major, with noise off: " +
		"each wn_dense layer computes y = (x @ V) * (g / norm(V, axis=0)) + b, ReLU after the hidden ones. " +
		"The D arrays are the moving average of D's parameters (decay ema_decay), with which every reported test error is measured. "
	if c.Form == "explicit" {
		s += "D/out gives K+1 logits, the last for 'generated'; the class is the argmax of the first K. "
	} else {
		s += "D/out gives K class logits (the 'generated' logit is fixed at 0); the class is their argmax. "
	}
	if c.HasGenerator() {
		s += "G maps noise_dim U[0, 1) values to an image: each hidden dense layer x @ W, then batch norm " +
			"(inference: (x - running_mean) / sqrt(running_var + epsilon) + beta), then softplus; G/out is wn_dense, then sigmoid."
	}
	return s
}

// FromWeights rebuilds the model of a classifier's weights file: its config from meta.json and
// every array checked by name and shape. D's parameters and their moving average both hold the
// file's D arrays, so Predict gives the same classes with or without ema.
func FromWeights(f *weights.File) (*Model, error) {
	meta := f.Meta
	if meta.Kind != "classifier" {
		return nil, f.Errorf("%s kind %q: not a classifier's weights", weights.MetaArray, meta.Kind)
	}
	var c Config
	if err := weights.DecodeConfig(meta.Model, &c); err != nil {
		return nil, f.Errorf("%s: %v", weights.MetaArray, err)
	}
	if err := c.Validate(); err != nil {
		return nil, f.Errorf("%s model: %v", weights.MetaArray, err)
	}
	switch {
	case meta.Method != c.Method:
		return nil, f.Errorf("%s: method %q, but the model's is %q", weights.MetaArray, meta.Method, c.Method)
	case meta.Classes != c.Classes:
		return nil, f.Errorf("%s: %d classes, but the model has %d", weights.MetaArray, meta.Classes, c.Classes)
	case meta.ImageRows*meta.ImageCols != c.InputDim:
		return nil, f.Errorf("%s: images of %d×%d pixels, but the model's input has %d", weights.MetaArray, meta.ImageRows, meta.ImageCols, c.InputDim)
	}
	if !c.HasGenerator() { // any other method on this discriminator has no generator
		c.Method, c.Params = "supervised", nil
	}
	m, err := New(c, 0)
	if err != nil {
		return nil, f.Errorf("%s model: %v", weights.MetaArray, err)
	}
	if err := m.loadWeights(f); err != nil {
		m.Close()
		return nil, err
	}
	return m, nil
}

// loadWeights copies the file's arrays into D and G and starts the moving average at D.
func (m *Model) loadWeights(f *weights.File) error {
	nets := []*nn.Sequential{m.D.Sequential}
	prefixes := []string{"D"}
	if m.G != nil {
		nets, prefixes = append(nets, m.G), append(prefixes, "G")
	}
	for i, s := range nets {
		entries, _, err := weights.Network(prefixes[i], s)
		if err != nil {
			return fmt.Errorf("ssgan: %w", err)
		}
		if err := f.Load(entries); err != nil {
			return err
		}
	}
	if err := f.Unused(); err != nil {
		return err
	}
	m.EMA = nn.CloneParams(m.D.Params())
	return nil
}
