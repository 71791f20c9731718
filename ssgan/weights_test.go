package ssgan

import (
	"encoding/json"
	"github.com/ssgan/ssgan/core"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/internal/weights"
)

// tinyConfig is a small SSGAN (or its supervised baseline) on 16-pixel images.
func tinyConfig(method string) Config {
	c := Defaults()
	c.Method, c.InputDim, c.NoiseDim, c.Classes = method, 16, 4, 3
	c.DHidden, c.GHidden, c.Batch, c.InitRows = []int{8, 6}, []int{7}, 6, 12
	return c
}

// trainedTiny trains a tiny model for 3 iterations on synthetic data, so that D, its moving
// average and G's batch-norm statistics all differ from their initial values and from each other.
func trainedTiny(t *testing.T, c Config) *Model {
	t.Helper()
	m, err := New(c, 5)
	require.NoError(t, err)
	t.Cleanup(m.Close)
	require.NoError(t, m.Init(synthetic(c.InitRows*c.InputDim, 1)))
	for it := range 3 {
		_, err := m.Step(core.DefaultPlan(m.Capabilities()), iterationBatch(c, it))
		require.NoError(t, err)
	}
	return m
}

// writeTiny writes m's weights file with the metadata a run would give it.
func writeTiny(t *testing.T, m *Model, edit func(*weights.Meta)) string {
	t.Helper()
	tensors, nets, err := m.Weights()
	require.NoError(t, err)
	model, err := weights.ConfigJSON(m.Cfg)
	require.NoError(t, err)
	meta := weights.Meta{Kind: "classifier", Method: m.Cfg.Method, ImageRows: 4, ImageCols: 4, PixelRange: [2]float64{0, 1},
		Classes: m.Cfg.Classes, Model: model, Networks: nets, Notes: WeightsNotes(m.Cfg)}
	if edit != nil {
		edit(&meta)
	}
	path := filepath.Join(t.TempDir(), weights.FileName)
	_, err = weights.Write(path, meta, tensors)
	require.NoError(t, err)
	return path
}

// TestWeightsRoundTrip rebuilds trained models from their weights files: the classes and
// probabilities are those of the moving average of the original D, and an SSGAN's generator
// draws the same images.
func TestWeightsRoundTrip(t *testing.T) {
	for _, method := range []string{"ssgan", "supervised", "ctgan", "badgan"} {
		t.Run(method, func(t *testing.T) {
			m := trainedTiny(t, tinyConfig(method))
			path := writeTiny(t, m, nil)
			f, err := weights.Read(path)
			require.NoError(t, err)
			want := []string{"D/layer0/V", "D/layer0/g", "D/layer0/b", "D/layer1/V", "D/layer1/g", "D/layer1/b", "D/out/V", "D/out/g", "D/out/b"}
			if m.G != nil {
				want = append(want, "G/layer0/W", "G/layer0/bn/beta", "G/layer0/bn/running_mean", "G/layer0/bn/running_var", "G/out/V", "G/out/g", "G/out/b")
			}
			assert.Equal(t, want, f.Names())
			back, err := FromWeights(f)
			require.NoError(t, err)
			defer back.Close()

			x := synthetic(50*16, 99)
			wantPred, err := m.Predict(x, true)
			require.NoError(t, err)
			raw, err := m.Predict(x, false)
			require.NoError(t, err)
			require.NotEqual(t, wantPred, raw, "the moving average must differ from D for the test to mean something")
			got, err := back.Predict(x, true)
			require.NoError(t, err)
			assert.Equal(t, wantPred, got)
			classes, probs, err := back.Classify(x)
			require.NoError(t, err)
			assert.Equal(t, wantPred, classes)
			_, origProbs, err := m.Classify(x)
			require.NoError(t, err)
			assert.Equal(t, origProbs, probs)
			for i, p := range probs {
				require.Len(t, p, 3)
				assert.InDelta(t, 1, p[0]+p[1]+p[2], 1e-12, "row %d", i)
				assert.Equal(t, classes[i], argmax([]float32{float32(p[0]), float32(p[1]), float32(p[2])}), "row %d", i)
			}
			if m.G != nil {
				a, err := SampleGenerator(m.G, m.Cfg, 5, rand.New(rand.NewPCG(3, 3)))
				require.NoError(t, err)
				b, err := SampleGenerator(back.G, back.Cfg, 5, rand.New(rand.NewPCG(3, 3)))
				require.NoError(t, err)
				assert.Equal(t, a, b)
				require.Len(t, a, 5*16)
				for _, v := range a {
					require.True(t, v >= 0 && v <= 1, "pixel %v outside [0, 1]", v)
				}
			}
		})
	}
}

// TestSampleGeneratorPerImage checks that inference-mode samples depend on each image's own
// noise only: the first images of a larger grid are the images of a smaller one.
func TestSampleGeneratorPerImage(t *testing.T) {
	m := trainedTiny(t, tinyConfig("ssgan"))
	small, err := SampleGenerator(m.G, m.Cfg, 2, rand.New(rand.NewPCG(1, 2)))
	require.NoError(t, err)
	large, err := SampleGenerator(m.G, m.Cfg, 9, rand.New(rand.NewPCG(1, 2)))
	require.NoError(t, err)
	assert.Equal(t, small, large[:len(small)])
	_, err = SampleGenerator(m.G, m.Cfg, 0, rand.New(rand.NewPCG(1, 2)))
	assert.EqualError(t, err, "ssgan: sample 0 images: must be positive")
}

// TestFromWeightsErrors gives FromWeights files whose metadata does not fit their arrays or is
// not a classifier's: each is a one-line error naming the file.
func TestFromWeightsErrors(t *testing.T) {
	m := trainedTiny(t, tinyConfig("ssgan"))
	tests := []struct {
		name string
		edit func(*weights.Meta)
		want string
	}{
		{"gan kind", func(w *weights.Meta) { w.Kind = "gan" }, `meta.json kind "gan": not a classifier's weights`},
		{"wider layer", func(w *weights.Meta) { w.Model = setField(t, w.Model, "d_hidden", []int{9, 6}) },
			`array "D/layer0/V" has shape (16, 8), the model meta.json describes needs (16, 9)`},
		{"extra layer", func(w *weights.Meta) { w.Model = setField(t, w.Model, "d_hidden", []int{8, 6, 6}) },
			`array "D/layer2/V" is missing (the model meta.json describes needs it, shape (6, 6))`},
		{"supervised", func(w *weights.Meta) {
			w.Method = "supervised"
			w.Model = setField(t, w.Model, "method", "supervised")
		}, `array "G/layer0/W" is not part of the model meta.json describes`},
		{"method differs", func(w *weights.Meta) { w.Method = "supervised" }, `meta.json: method "supervised", but the model's is "ssgan"`},
		{"classes differ", func(w *weights.Meta) { w.Classes = 10 }, "meta.json: 10 classes, but the model has 3"},
		{"image size", func(w *weights.Meta) { w.ImageRows = 28 }, "meta.json: images of 28×4 pixels, but the model's input has 16"},
		{"invalid config", func(w *weights.Meta) { w.Model = setField(t, w.Model, "batch", 0) }, "meta.json model: ssgan: batch 0: must be positive"},
		{"unknown field", func(w *weights.Meta) { w.Model = setField(t, w.Model, "depth", 3) }, "meta.json: model: yaml: unmarshal errors: field depth not found in type ssgan.Config"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeTiny(t, m, tc.edit)
			f, err := weights.Read(path)
			require.NoError(t, err)
			_, err = FromWeights(f)
			require.Error(t, err)
			assert.Equal(t, "weights: "+path+": "+tc.want, err.Error())
		})
	}
}

// setField returns the JSON object raw with field k set to v.
func setField(t *testing.T, raw json.RawMessage, k string, v any) json.RawMessage {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	m[k] = v
	out, err := json.Marshal(m)
	require.NoError(t, err)
	return out
}
