package experiments

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseSpecsExpands checks the expansion of sweeps: the points' names, their swept values
// and the fields they set, in the order of the fields, the last varying fastest.
func TestParseSpecsExpands(t *testing.T) {
	tests := []struct {
		name   string
		yaml   string
		names  []string
		values [][]string // each point's sweep values; nil for a plain spec
		check  func(t *testing.T, specs []Spec)
	}{
		{"plain spec", "name: x\nepochs: 3\n", []string{"x"}, [][]string{nil},
			func(t *testing.T, s []Spec) { assert.Equal(t, 3, s[0].Epochs) }},
		{"plain list field", "name: x\nmodel: {d_hidden: [20, 10]}\n", []string{"x"}, [][]string{nil},
			func(t *testing.T, s []Spec) { assert.Equal(t, []int{20, 10}, s[0].Model.DHidden) }},
		{"one field", "name: x\nmodel: {lr: [0.001, 0.003]}\n",
			[]string{"x+lr-0.001", "x+lr-0.003"},
			[][]string{{"model.lr=0.001"}, {"model.lr=0.003"}},
			func(t *testing.T, s []Spec) {
				assert.Equal(t, 0.001, s[0].Model.LR)
				assert.Equal(t, 0.003, s[1].Model.LR)
				assert.Equal(t, "x", s[1].Sweep.Name)
			}},
		{"two fields, the last fastest", "name: x\nlabels_per_class: [2, 5]\nmodel:\n  lr: [0.001, 0.003]\n",
			[]string{"x+labels_per_class-2+lr-0.001", "x+labels_per_class-2+lr-0.003", "x+labels_per_class-5+lr-0.001", "x+labels_per_class-5+lr-0.003"},
			[][]string{
				{"labels_per_class=2", "model.lr=0.001"}, {"labels_per_class=2", "model.lr=0.003"},
				{"labels_per_class=5", "model.lr=0.001"}, {"labels_per_class=5", "model.lr=0.003"},
			},
			func(t *testing.T, s []Spec) {
				assert.Equal(t, 5, s[3].LabelsPerClass)
				assert.Equal(t, 0.003, s[3].Model.LR)
				assert.Equal(t, 20, s[0].Labels())
			}},
		{"dotted key", "name: x\nmodel.lr: [0.001, 0.003]\nmodel: {batch: 20}\n",
			[]string{"x+lr-0.001", "x+lr-0.003"},
			[][]string{{"model.lr=0.001"}, {"model.lr=0.003"}},
			func(t *testing.T, s []Spec) { assert.Equal(t, 20, s[1].Model.Batch) }},
		{"dotted key without a list", "name: x\nmodel.lr: 0.01\n", []string{"x"}, [][]string{nil},
			func(t *testing.T, s []Spec) { assert.Equal(t, 0.01, s[0].Model.LR) }},
		{"integers in a float list", "name: x\nmodel: {lr: [0.5, 1]}\n",
			[]string{"x+lr-0.5", "x+lr-1"}, [][]string{{"model.lr=0.5"}, {"model.lr=1"}},
			func(t *testing.T, s []Spec) { assert.Equal(t, 1.0, s[1].Model.LR) }},
		{"a list field swept with lists", "name: x\nmodel: {d_hidden: [[20, 10], [40]]}\n",
			[]string{"x+d_hidden-20x10", "x+d_hidden-40"},
			[][]string{{"model.d_hidden=20x10"}, {"model.d_hidden=40"}},
			func(t *testing.T, s []Spec) { assert.Equal(t, []int{40}, s[1].Model.DHidden) }},
		{"strings", "name: x\nmodel: {gen_loss: [feature_matching, nonsaturating]}\n",
			[]string{"x+gen_loss-feature_matching", "x+gen_loss-nonsaturating"},
			[][]string{{"model.gen_loss=feature_matching"}, {"model.gen_loss=nonsaturating"}},
			func(t *testing.T, s []Spec) { assert.Equal(t, "nonsaturating", s[1].Model.GenLoss) }},
		{"same leaf name in two sections", "name: x\nmodel: {lr: [0.1]}\ngan: {lr: [0.2]}\n",
			[]string{"x+model.lr-0.1+gan.lr-0.2"}, [][]string{{"model.lr=0.1", "gan.lr=0.2"}},
			func(t *testing.T, s []Spec) { assert.Equal(t, 0.2, s[0].GAN.LR) }},
		{"from a base", "base: mnist-supervised-100\nname: x\nlabels_per_class: [1, 2]\n",
			[]string{"x+labels_per_class-1", "x+labels_per_class-2"},
			[][]string{{"labels_per_class=1"}, {"labels_per_class=2"}},
			func(t *testing.T, s []Spec) { assert.Equal(t, "supervised", s[0].Method()) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			specs, err := ParseSpecs("sweep.yaml", strings.NewReader(tt.yaml))
			require.NoError(t, err)
			var names []string
			var values [][]string
			for _, s := range specs {
				names = append(names, s.Name)
				if s.Sweep == nil {
					values = append(values, nil)
				} else {
					values = append(values, s.Sweep.Values)
				}
				require.NoError(t, s.Validate())
			}
			assert.Equal(t, tt.names, names)
			assert.Equal(t, tt.values, values)
			tt.check(t, specs)
		})
	}
}

// TestParseSpecsPointsRoundTrip checks that each expanded point written as YAML (what `ssgan
// sweep --write` and the parallel runner write) reads back as the same experiment.
func TestParseSpecsPointsRoundTrip(t *testing.T) {
	specs, err := ParseSpecs("sweep.yaml", strings.NewReader("name: x\nlabels_per_class: [2, 5]\nmodel: {lr: [0.001, 0.003]}\n"))
	require.NoError(t, err)
	hashes := map[string]bool{}
	for _, s := range specs {
		back, err := ParseSpecs(s.Name+".yaml", bytes.NewReader(s.YAML()))
		require.NoError(t, err)
		require.Len(t, back, 1, "a point is a plain spec")
		assert.Equal(t, s, back[0])
		hashes[s.Hash()] = true
	}
	assert.Len(t, hashes, len(specs), "every point trains a different model")
}

// TestParseSpecsErrors feeds bad sweeps to ParseSpecs: each fails with one line naming the
// file, the line and the field.
func TestParseSpecsErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"empty list", "name: x\nmodel: {lr: []}\n", []string{"line 2", "model.lr: empty list of values"}},
		{"mixed types", "name: x\nmodel:\n  gen_loss: [nonsaturating, 3]\n", []string{"line 3", "model.gen_loss: mixed types", "!!str and !!int"}},
		{"number and word", "name: x\nmodel: {lr: [0.001, fast]}\n", []string{"line 2", "model.lr: mixed types", "!!float and !!str"}},
		{"float for an integer", "name: x\nepochs: [1, 2.5]\n", []string{"line 2", "epochs: mixed types"}},
		{"wrong type", "name: x\nmodel: {lr: [fast, slow]}\n", []string{"line 2", "model.lr[0]", "cannot unmarshal !!str `fast` into float64"}},
		{"unknown field", "name: x\nmodel: {lrr: [0.1, 0.2]}\nepochs: [1, 2]\n", []string{"line 2", "unknown field model.lrr"}},
		{"list on an unknown field", "name: x\nmodel: {lrr: [0.1, 0.2]}\n", []string{"line 2", "unknown field model.lrr"}},
		{"unknown dotted field", "name: x\nmodel.lrr: [0.1, 0.2]\n", []string{"line 2", "unknown field model.lrr"}},
		{"unknown field beside a sweep", "name: x\nepochs: [1, 2]\nseeds: 3\n", []string{"line 3", "unknown field seeds"}},
		{"wrong type beside a sweep", "name: x\nepochs: [1, 2]\nmodel: {batch: ten}\n", []string{"line 3", "model.batch", "`ten`"}},
		{"duplicate value", "name: x\nlabels_per_class: [2, 5, 2]\n", []string{"line 2", "labels_per_class: value 2 is listed twice"}},
		{"same number twice", "name: x\nmodel: {lr: [0.1, 0.10]}\n", []string{"model.lr: value 0.10 is listed twice"}},
		{"swept name", "name: [a, b]\n", []string{"line 1", "name: cannot be swept"}},
		{"swept base", "name: x\nbase: [mnist-ssgan-100, mnist-ssgan-20]\n", []string{"line 2", "base: cannot be swept"}},
		{"swept section", "name: x\nmodel: [{lr: 0.1}, {lr: 0.2}]\n", []string{"line 2", "model: a list of values sweeps one setting"}},
		{"list in a list of values", "name: x\nepochs: [[1, 2], 3]\n", []string{"line 2", "epochs[0]: want a single value"}},
		{"lists mixed with widths", "name: x\nmodel: {d_hidden: [[20, 10], 30]}\n", []string{"line 2", "model.d_hidden: a list mixing lists and single values"}},
		{"value not fit for a name", "name: x\nmodel: {gen_loss: [\"a b\", c]}\n", []string{"line 2", `model.gen_loss: value "a b" cannot be part of an experiment name`}},
		{"duplicate key", "name: x\nepochs: [1, 2]\nepochs: 3\n", []string{"line 3", "epochs: given twice"}},
		{"dotted and nested", "name: x\nmodel: {lr: 0.1}\nmodel.lr: [0.2, 0.3]\n", []string{"line 3", "model.lr: given twice"}},
		{"sweep block in a sweep", "name: x\nepochs: [1, 2]\nsweep: {name: y, values: [a=1]}\n", []string{"line 3", "sweep: is written by the expansion"}},
		{"invalid point", "name: x\nmodel: {lr: [0.1, -1]}\n", []string{"sweep.yaml (model.lr=-1)", "lr -1", "must be positive"}},
		{"plain spec error unchanged", "name: x\nepoch: 3\n", []string{"line 2", "unknown field epoch"}},
		{"bad sweep block", "name: x\nsweep: {name: y, values: [lr]}\n", []string{"sweep:", `"lr"`, "want field=value"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSpecs("sweep.yaml", strings.NewReader(tt.yaml))
			require.Error(t, err)
			msg := err.Error()
			assert.True(t, strings.HasPrefix(msg, "experiments: sweep.yaml"), msg)
			assert.NotContains(t, msg, "\n", "one line")
			for _, w := range tt.want {
				assert.Contains(t, msg, w)
			}
		})
	}
}
