package weights

import (
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core/nn"
)

// testNet is a network with every kind of layer a weights file names: weight-normalised and
// plain dense layers (with and without bias), a batch norm without scale, noise and activations.
func testNet(seed uint64) *nn.Sequential {
	rng := rand.New(rand.NewPCG(seed, 1))
	bn := nn.NewBatchNorm("n.0.bn", 2, 0.9)
	bn.Gamma = nil
	bn.RunMean.FillNormal(rng, 1)
	wn := nn.NewWNDense("n.0", 4, 3, 0.1, rng)
	wn.Scale.FillNormal(rng, 1)
	return &nn.Sequential{Layers: []nn.Layer{
		nn.GaussianNoise{Std: 0.3}, wn, nn.ReLU,
		nn.NewDense("n.1", 3, 2, false, rng), bn, nn.LeakyReLU(0.2),
		nn.NewDense("n.out", 2, 5, true, rng), nn.Activation{},
	}}
}

// otherLayer is a layer type Network does not know.
type otherLayer struct{ nn.Activation }

func TestNetwork(t *testing.T) {
	entries, layers, err := Network("N", testNet(1))
	require.NoError(t, err)
	var names []string
	var shapes [][]int
	for _, e := range entries {
		names, shapes = append(names, e.Name), append(shapes, e.Shape)
	}
	assert.Equal(t, []string{"N/layer0/V", "N/layer0/g", "N/layer0/b", "N/layer1/W", "N/layer1/bn/beta",
		"N/layer1/bn/running_mean", "N/layer1/bn/running_var", "N/out/W", "N/out/b"}, names)
	assert.Equal(t, [][]int{{4, 3}, {3}, {3}, {3, 2}, {2}, {2}, {2}, {2, 5}, {5}}, shapes)
	assert.Equal(t, []Layer{
		{Type: "gaussian_noise", Std: 0.3},
		{Type: "wn_dense", Name: "N/layer0", In: 4, Out: 3},
		{Type: "relu"},
		{Type: "dense", Name: "N/layer1", In: 3, Out: 2},
		{Type: "batch_norm", Name: "N/layer1/bn", Out: 2, Epsilon: 1e-3, Momentum: 0.9},
		{Type: "leaky_relu", Alpha: 0.2},
		{Type: "dense", Name: "N/out", In: 2, Out: 5},
		{Type: "identity"},
	}, layers)

	// An unknown layer with parameters, or a batch norm with no dense layer before it, has no name.
	_, _, err = Network("N", &nn.Sequential{Layers: []nn.Layer{nn.NewBatchNorm("x", 2, 0.9)}})
	assert.EqualError(t, err, "weights: N layer 0: a batch norm before any dense layer has no name")
	_, _, err = Network("N", &nn.Sequential{Layers: []nn.Layer{otherLayer{}}})
	assert.EqualError(t, err, "weights: N layer 0: weights.otherLayer has no form in a weights file")
}

// TestNetworkRoundTrip writes a network, with one parameter replaced, and loads it into another
// network of the same shape: every value arrives, the replacement included.
func TestNetworkRoundTrip(t *testing.T) {
	src, dst := testNet(1), testNet(2)
	entries, _, err := Network("N", src)
	require.NoError(t, err)
	avg := make([]float32, 12)
	for i := range avg {
		avg[i] = float32(i) / 7
	}
	v := src.Layers[1].(*nn.WNDense).V
	tensors, err := Tensors(entries, map[*nn.Param][]float32{v: avg})
	require.NoError(t, err)
	_, err = Tensors(entries, map[*nn.Param][]float32{v: avg[:3]})
	assert.EqualError(t, err, `weights: array "N/layer0/V": 3 values replace 12`)

	path := filepath.Join(t.TempDir(), FileName)
	_, err = Write(path, testMeta(), tensors)
	require.NoError(t, err)
	f, err := Read(path)
	require.NoError(t, err)
	into, _, err := Network("N", dst)
	require.NoError(t, err)
	require.NoError(t, f.Load(into))
	require.NoError(t, f.Unused())
	for i, e := range into {
		want := entries[i].Param.Data()
		if entries[i].Param == v {
			want = avg
		}
		assert.Equal(t, want, e.Param.Data(), e.Name)
	}
}

func TestConfigJSON(t *testing.T) {
	type inner struct {
		Widths []int   `yaml:"widths"`
		Rate   float64 `yaml:"rate"`
		Name   string  `yaml:"name"`
		Flag   bool    `yaml:"flag"`
	}
	in := inner{Widths: []int{1000, 500}, Rate: 0.003, Name: "x", Flag: true}
	raw, err := ConfigJSON(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"widths": [1000, 500], "rate": 0.003, "name": "x", "flag": true}`, string(raw))
	var out inner
	require.NoError(t, DecodeConfig(raw, &out))
	assert.Equal(t, in, out)

	tests := []struct {
		name, raw, want string
	}{
		{"unknown field", `{"widths": [1], "depth": 3}`, "model: yaml: unmarshal errors: field depth not found in type weights.inner"},
		{"wrong type", `{"widths": "wide"}`, "model: yaml: unmarshal errors: cannot unmarshal !!str `wide` into []int"},
		{"not an object", `[1, 2]`, "model: json: cannot unmarshal array into Go value of type map[string]interface {}"},
		{"absent", ``, "no model configuration"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out inner
			assert.EqualError(t, DecodeConfig([]byte(tc.raw), &out), tc.want)
		})
	}
}
