package experiments

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/internal/weights"
)

// Method is a registry entry: everything the run lifecycle needs to train, evaluate and export
// one method. Adding a method is a file that implements core.Method (or core.Classifier) plus one
// registerMethod call; seeds, data order, epochs, evaluation, checkpoints, resume, shards,
// provenance, records, tables and weights files then come from the lifecycle.
type Method struct {
	// Name is what spec files write (model.method, or kind gan's "gan").
	Name string
	// Kind is "classifier" (a core.Classifier: a run reports its test errors each epoch) or
	// "gan" (a run reports sample grids and, at its end, their quality).
	Kind string
	// Summary is one line for `ssgan list` and the docs: what it is and which paper.
	Summary string
	// New builds the method from a validated spec and a model seed.
	New func(s Spec, modelSeed uint64) (core.Method, error)
	// Capabilities are what the method honours, checked against the spec's tricks.
	Capabilities func(s Spec) core.Capabilities
	// Pixels is the range the training and test images are mapped to (0..1 or -1..1).
	Pixels [2]float32
	// Labeled says the method draws labeled rows; Streams is how many unlabeled streams it draws
	// from (each an independent shuffle of the training set).
	Labeled bool
	Streams func(s Spec) int
	// Params are the defaults of the method's own settings (spec model.params), nil if it has
	// none: a spec may set only these keys, and every one it leaves out takes its default here.
	Params map[string]float64
	// Weights, when set, gives the arrays and the network layout of the method's weights file,
	// and the notes that say how they compute.
	Weights func(m core.Method, s Spec) (Export, error)
}

// Export is the content of a weights file.
type Export struct {
	Tensors  []weights.Tensor
	Networks map[string][]weights.Layer
	Notes    string
	// Config is the configuration recorded in the file's meta.json.
	Config any
}

// methods is the registry, by name.
var methods = map[string]Method{}

// registerMethod adds a method to the registry; a second entry of the same name is a bug.
func registerMethod(m Method) {
	if _, dup := methods[m.Name]; dup {
		panic("experiments: method " + m.Name + " registered twice")
	}
	if m.Streams == nil {
		m.Streams = func(Spec) int { return 0 }
	}
	methods[m.Name] = m
}

// LookupMethod returns the registered method of a name.
func LookupMethod(name string) (Method, bool) {
	m, ok := methods[name]
	return m, ok
}

// MethodNames lists the registered methods of a kind ("" for all), sorted.
func MethodNames(kind string) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(methods)) {
		if kind == "" || methods[name].Kind == kind {
			out = append(out, name)
		}
	}
	return out
}

// methodOf returns the registry entry of a spec's method, or an error naming the field.
func methodOf(s Spec) (Method, error) {
	m, ok := methods[s.Method()]
	switch {
	case !ok && s.Kind == "gan":
		return Method{}, fmt.Errorf("kind: gan: no method gan is registered")
	case !ok:
		return Method{}, fmt.Errorf("model.method: %q: want one of %s", s.Model.Method, strings.Join(MethodNames("classifier"), ", "))
	case m.Kind != s.Kind:
		return Method{}, fmt.Errorf("model.method: %q is a %s method, not a %s one", s.Model.Method, m.Kind, s.Kind)
	}
	return m, nil
}

// resolveParams checks a spec's model.params against the method's and fills in the defaults.
func (m Method) resolveParams(given map[string]float64) (map[string]float64, error) {
	for k := range given {
		if _, ok := m.Params[k]; !ok {
			known := "none"
			if len(m.Params) > 0 {
				known = strings.Join(slices.Sorted(maps.Keys(m.Params)), ", ")
			}
			return nil, fmt.Errorf("model.params.%s: method %s has no such setting (it has: %s)", k, m.Name, known)
		}
	}
	if len(m.Params) == 0 {
		return nil, nil
	}
	out := maps.Clone(m.Params)
	maps.Copy(out, given)
	return out, nil
}
