package weights

import (
	"fmt"

	"github.com/ssgan/ssgan/core/nn"
)

// Entry is one array of a network in a weights file: its name, the parameter or buffer that holds
// its values, and its shape in the file.
type Entry struct {
	Name  string
	Param *nn.Param
	Shape []int
}

// Network names the arrays of network s under prefix and describes its layers. The dense layers
// are prefix/layer0, prefix/layer1, ... and the last one prefix/out; their arrays are V, g and b
// (weight-normalised: y = (x·V) ⊙ g/‖V‖ + b, column norms) or W and b (y = x·W + b), with V and
// W of shape (in, out) and the vectors of shape (out,). A batch norm belongs to the dense layer
// before it: NAME/bn/gamma (when it has a scale), NAME/bn/beta, NAME/bn/running_mean and
// NAME/bn/running_var.
func Network(prefix string, s *nn.Sequential) ([]Entry, []Layer, error) {
	dense := 0
	for _, l := range s.Layers {
		switch l.(type) {
		case *nn.Dense, *nn.WNDense:
			dense++
		}
	}
	var entries []Entry
	var layers []Layer
	block, k := "", 0
	add := func(name string, p *nn.Param) {
		entries = append(entries, Entry{Name: block + "/" + name, Param: p, Shape: fileShape(p)})
	}
	for i, l := range s.Layers {
		switch l := l.(type) {
		case *nn.WNDense, *nn.Dense:
			block = fmt.Sprintf("%s/layer%d", prefix, k)
			if k == dense-1 {
				block = prefix + "/out"
			}
			k++
			if wn, ok := l.(*nn.WNDense); ok {
				in, out := wn.V.Shape()[0], wn.V.Shape()[1]
				layers = append(layers, Layer{Type: "wn_dense", Name: block, In: in, Out: out})
				add("V", wn.V)
				add("g", wn.Scale)
				add("b", wn.B)
				continue
			}
			d := l.(*nn.Dense)
			layers = append(layers, Layer{Type: "dense", Name: block, In: d.W.Shape()[0], Out: d.W.Shape()[1]})
			add("W", d.W)
			if d.B != nil {
				add("b", d.B)
			}
		case *nn.BatchNorm:
			if block == "" {
				return nil, nil, fmt.Errorf("weights: %s layer %d: a batch norm before any dense layer has no name", prefix, i)
			}
			layers = append(layers, Layer{Type: "batch_norm", Name: block + "/bn", Out: l.Beta.Size(), Epsilon: l.Epsilon, Momentum: l.Momentum})
			if l.Gamma != nil {
				add("bn/gamma", l.Gamma)
			}
			add("bn/beta", l.Beta)
			add("bn/running_mean", l.RunMean)
			add("bn/running_var", l.RunVar)
		case nn.GaussianNoise:
			layers = append(layers, Layer{Type: "gaussian_noise", Std: l.Std})
		case nn.Activation:
			kind := l.Kind
			if kind == "" {
				kind = "identity"
			}
			layers = append(layers, Layer{Type: kind, Alpha: l.Alpha})
		default:
			return nil, nil, fmt.Errorf("weights: %s layer %d: %T has no form in a weights file", prefix, i, l)
		}
	}
	return entries, layers, nil
}

// fileShape is a parameter's shape in the file: (in, out) matrices as they are, (1, n) rows as
// vectors (n,).
func fileShape(p *nn.Param) []int {
	s := p.Shape()
	if len(s) == 2 && s[0] == 1 {
		return []int{s[1]}
	}
	return append([]int(nil), s...)
}

// Tensors returns the entries' values as tensors. A non-nil values[i] replaces the values of
// entries[i] (the moving average of a parameter, for instance); it must have the same size.
func Tensors(entries []Entry, values map[*nn.Param][]float32) ([]Tensor, error) {
	out := make([]Tensor, len(entries))
	for i, e := range entries {
		v := e.Param.Data()
		if alt, ok := values[e.Param]; ok {
			if len(alt) != len(v) {
				return nil, fmt.Errorf("weights: array %q: %d values replace %d", e.Name, len(alt), len(v))
			}
			v = alt
		}
		out[i] = Tensor{Name: e.Name, Shape: e.Shape, Data: v}
	}
	return out, nil
}

// Load copies the file's arrays into the entries' parameters, checking each name and shape.
func (f *File) Load(entries []Entry) error {
	for _, e := range entries {
		v, err := f.Take(e.Name, e.Shape)
		if err != nil {
			return err
		}
		copy(e.Param.Data(), v)
	}
	return nil
}
