package experiments

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseSpecErrors feeds broken spec files to ParseSpec: each must fail with one line that
// starts with "experiments:", names the file and contains the words that locate the problem.
func TestParseSpecErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // substrings of the error
	}{
		{"empty file", "", []string{"empty spec"}},
		{"only a comment", "# nothing\n", []string{"empty spec"}},
		{"misspelt key", "name: x\nepoch: 3\n", []string{"line 2", "unknown field epoch"}},
		{"misspelt nested key", "name: x\nmodel:\n  lerning_rate: 0.1\n", []string{"line 3", "unknown field model.lerning_rate"}},
		{"unknown key after base", "base: mnist-ssgan-100\nname: x\nseeds: 3\n", []string{"line 3", "unknown field seeds"}},
		{"wrong type", "name: x\nepochs: ten\n", []string{"line 2", "epochs", "cannot unmarshal", "`ten`"}},
		{"wrong nested type", "name: x\nmodel:\n  lr: fast\n", []string{"line 3", "model.lr", "`fast`"}},
		{"wrong element type", "name: x\nmodel:\n  d_hidden:\n    - 20\n    - wide\n", []string{"line 5", "model.d_hidden[1]"}},
		{"list for a number", "name: x\nepochs: [1]\n", []string{"line 2", "epochs", "cannot unmarshal !!seq"}},
		{"not a mapping", "- a\n- b\n", []string{"line 1", "cannot unmarshal"}},
		{"bad indentation", "name: x\n\tepochs: 3\n", []string{"line 2", "tab"}},
		{"duplicate key", "name: x\nname: y\n", []string{"line 2", "already defined"}},
		{"zero epochs", "name: x\nepochs: 0\n", []string{"epochs: 0", "must be positive"}},
		{"negative epochs", "name: x\nepochs: -3\n", []string{"epochs: -3", "must be positive"}},
		{"zero iterations per epoch", "name: x\niters_per_epoch: 0\n", []string{"iters_per_epoch: 0"}},
		{"zero batch", "name: x\nmodel: {batch: 0}\n", []string{"model:", "batch 0", "must be positive"}},
		{"negative batch", "name: x\nmodel: {batch: -10}\n", []string{"batch -10"}},
		{"zero lr", "name: x\nmodel: {lr: 0}\n", []string{"model:", "lr 0", "must be positive"}},
		{"negative lr", "name: x\nmodel: {lr: -0.003}\n", []string{"lr -0.003"}},
		{"negative labels", "name: x\nlabels_per_class: -1\n", []string{"labels_per_class: -1"}},
		{"no name", "epochs: 3\n", []string{"name: must not be empty"}},
		{"name escaping the output directory", "name: ../../etc\n", []string{`name: "../../etc"`, "run directory"}},
		{"name with a slash", "name: a/b\n", []string{`name: "a/b"`}},
		{"name with a space", "name: my run\n", []string{`name: "my run"`}},
		{"dot name", "name: ..\n", []string{`name: ".."`}},
		{"unknown kind", "name: x\nkind: regression\n", []string{"kind", "regression"}},
		{"unknown base", "base: mnist-ssgan-1000\nname: x\n", []string{"base", `"mnist-ssgan-1000"`, "ssgan list"}},
		{"all labels with ssgan", "name: x\nlabels_per_class: 0\n", []string{"labels_per_class: 0", "supervised"}},
		{"negative hidden width", "name: x\nmodel: {d_hidden: [20, -1]}\n", []string{"d_hidden[1] = -1"}},
		{"unknown method", "name: x\nmodel: {method: magic}\n", []string{"method", "magic"}},
		{"gan with batch 1", "name: x\nkind: gan\ngan: {batch: 1}\n", []string{"gan:", "batch 1"}},
		{"NaN lr", "name: x\nmodel: {lr: .nan}\n", []string{"model:", "lr NaN", "finite"}},
		{"infinite lr", "name: x\nmodel: {lr: .inf}\n", []string{"lr +Inf"}},
		{"NaN decay start", "name: x\nlr_decay_start: .nan\n", []string{"lr_decay_start: NaN"}},
		{"NaN EMA decay", "name: x\nmodel: {ema_decay: .nan}\n", []string{"ema_decay NaN"}},
		{"unknown init sample", "name: x\ninit_sample: random\n", []string{"init_sample", `"random"`, "first or shuffled"}},
		{"began on the K+1 classifier", "name: x\ntricks: {balance: {policy: began}}\n", []string{"tricks.balance.policy: began", "generated rows"}},
		{"D accuracy bound on the K+1 classifier", "name: x\ntricks: {balance: {policy: thresholds, thresholds: {d_acc_above: 0.9}}}\n",
			[]string{"tricks.balance.thresholds.d_acc_above", "no accuracy"}},
		{"pretraining without a generator", "name: x\nmodel: {method: supervised}\ntricks: {pretrain: {steps: 10}}\n", []string{"tricks.pretrain.steps", "supervised"}},
		{"schedule without a generator", "name: x\nmodel: {method: supervised}\ntricks: {schedule: {d_steps: 1, g_steps: 2}}\n", []string{"tricks.schedule", "supervised"}},
		{"balance without a generator", "name: x\nmodel: {method: supervised}\ntricks: {balance: {policy: thresholds, thresholds: {g_loss_above: 1}}}\n",
			[]string{"tricks.balance.policy: thresholds", "supervised"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSpec("bad.yaml", strings.NewReader(tt.yaml))
			require.Error(t, err)
			msg := err.Error()
			assert.True(t, strings.HasPrefix(msg, "experiments: bad.yaml: "), msg)
			assert.NotContains(t, msg, "\n", "one line")
			for _, w := range tt.want {
				assert.Contains(t, msg, w)
			}
		})
	}
}

// TestParseSpecOverrides checks that a spec file holding only differences from its base (or
// from DefaultSpec) resolves to the base with exactly those fields changed.
func TestParseSpecOverrides(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want func() Spec
	}{
		{"defaults", "name: mine\n", func() Spec {
			s := DefaultSpec()
			s.Name = "mine"
			return s
		}},
		{"base with two changes", "base: mnist-supervised-100\nname: sup-short\nepochs: 7\nmodel:\n  lr: 0.001\n", func() Spec {
			s, _ := Lookup("mnist-supervised-100")
			s.Base, s.Name, s.Epochs, s.Model.LR = "mnist-supervised-100", "sup-short", 7, 0.001
			return s
		}},
		{"base keeps its own changes", "base: mnist-ssgan-20\nname: x\nmodel: {batch: 50}\n", func() Spec {
			s, _ := Lookup("mnist-ssgan-20")
			s.Base, s.Name, s.Model.Batch = "mnist-ssgan-20", "x", 50
			return s
		}},
		{"a list replaces the base's list", "base: mnist-ssgan-100\nname: x\nmodel: {d_hidden: [20]}\n", func() Spec {
			s, _ := Lookup("mnist-ssgan-100")
			s.Base, s.Name, s.Model.DHidden = "mnist-ssgan-100", "x", []int{20}
			return s
		}},
		{"nested tricks", "base: mnist-gan\nname: g\ntricks: {pretrain: {steps: 10}}\n", func() Spec {
			s, _ := Lookup("mnist-gan")
			s.Base, s.Name, s.Tricks.Pretrain.Steps = "mnist-gan", "g", 10
			return s
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSpec("diff.yaml", strings.NewReader(tt.yaml))
			require.NoError(t, err)
			assert.Equal(t, tt.want(), got)
		})
	}
}

// TestSpecRoundTrip checks that the YAML written beside a run parses back to the same spec and
// hash, for every registered experiment and the test fixture.
func TestSpecRoundTrip(t *testing.T) {
	specs := []Spec{tinySpec(t, nil)}
	for _, name := range Names() {
		s, _ := Lookup(name)
		specs = append(specs, s)
	}
	for _, s := range specs {
		back, err := ParseSpec(s.Name, strings.NewReader(string(s.YAML())))
		require.NoError(t, err, s.Name)
		assert.Equal(t, s, back, s.Name)
		assert.Equal(t, s.Hash(), back.Hash(), s.Name)
	}
}

// TestRegistered checks that every registered experiment validates, is named after its key,
// says what it is, and has a distinct training configuration.
func TestRegistered(t *testing.T) {
	names := Names()
	require.NotEmpty(t, names)
	assert.Contains(t, names, "mnist-ssgan-100")
	assert.Contains(t, names, "mnist-supervised-100")
	hashes := map[string]string{}
	for _, name := range names {
		s, ok := Lookup(name)
		require.True(t, ok, name)
		assert.NoError(t, s.Validate(), name)
		assert.Equal(t, name, s.Name)
		assert.NotEmpty(t, s.Description, name)
		if other, dup := hashes[s.Hash()]; dup {
			t.Errorf("%s and %s train the same model (hash %s)", name, other, s.Hash())
		}
		hashes[s.Hash()] = name
	}
	_, ok := Lookup("no-such-experiment")
	assert.False(t, ok)
}

// TestLabelsPerClassTooLarge asks for more labels per class than MNIST has (class 0, the first
// checked, has 5,923 training images): the run fails when it draws the split, naming the setting
// and the class.
func TestLabelsPerClassTooLarge(t *testing.T) {
	data := loadMNIST(t)
	task := tinyTask(t, func(s *Spec) { s.LabelsPerClass = 6000 })
	rec, err := RunTask(context.Background(), task, data, quiet(t.TempDir()))
	require.Error(t, err)
	assert.Nil(t, rec)
	assert.Contains(t, err.Error(), "labels_per_class 6000")
	assert.Contains(t, err.Error(), "class 0 has 5923 examples")
}

// TestLoadSpecMissingFile names the path and starts with the package name.
func TestLoadSpecMissingFile(t *testing.T) {
	_, err := LoadSpec(filepath.Join(t.TempDir(), "nope.yaml"))
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "experiments: "), err.Error())
	assert.Contains(t, err.Error(), "nope.yaml")
}

// TestBaselinesShareSplits checks that each SSGAN's registered supervised baseline draws the
// same labeled split (a split is a function of the data set, labels per class and data seed)
// and differs from it only in the method and the baseline's length.
func TestBaselinesShareSplits(t *testing.T) {
	tests := []struct {
		ssgan, supervised string
		perClass          int
	}{
		{"mnist-ssgan-20", "mnist-supervised-20", 2},
		{"mnist-ssgan-50", "mnist-supervised-50", 5},
		{"mnist-ssgan-100", "mnist-supervised-100", 10},
		{"mnist-ssgan-200", "mnist-supervised-200", 20},
	}
	for _, tt := range tests {
		t.Run(tt.supervised, func(t *testing.T) {
			a, okA := Lookup(tt.ssgan)
			b, okB := Lookup(tt.supervised)
			require.True(t, okA && okB)
			assert.Equal(t, tt.perClass, a.LabelsPerClass)
			assert.Equal(t, a.LabelsPerClass, b.LabelsPerClass)
			assert.Equal(t, a.Dataset, b.Dataset)
			assert.Equal(t, "supervised", b.Model.Method)
			assert.Equal(t, 20, b.Epochs, "the published baseline's length")
			b.Name, b.Description, b.Model.Method, b.Epochs = a.Name, a.Description, a.Model.Method, a.Epochs
			assert.Equal(t, a, b, "nothing else differs")
		})
	}
}
