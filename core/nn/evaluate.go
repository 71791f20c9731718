package nn

import (
	"fmt"
	"sort"

	G "gorgonia.org/gorgonia"
)

// EvaluateScalar builds a scalar expression over literal inputs and returns its value: each
// entry of inputs becomes a (rows × columns) input node of that name, build combines them, and
// the expression is run once in Eval mode. It is for checking losses against hand-worked values.
func EvaluateScalar(inputs map[string][][]float32, build func(in map[string]*G.Node) (*G.Node, error)) (float64, error) {
	g := NewGraph(Eval, nil)
	names := make([]string, 0, len(inputs))
	for name := range inputs {
		names = append(names, name)
	}
	sort.Strings(names) // a fixed graph order
	in := map[string]*G.Node{}
	for _, name := range names {
		rows := inputs[name]
		if len(rows) == 0 || len(rows[0]) == 0 {
			return 0, fmt.Errorf("nn: evaluate: input %s is empty", name)
		}
		n, buf := g.Input(name, len(rows), len(rows[0]))
		for r, row := range rows {
			if len(row) != len(rows[0]) {
				return 0, fmt.Errorf("nn: evaluate: input %s: row %d has %d values, row 0 has %d", name, r, len(row), len(rows[0]))
			}
			copy(buf[r*len(row):], row)
		}
		in[name] = n
	}
	out, err := build(in)
	if err != nil {
		return 0, err
	}
	step, err := g.Compile(out, nil, out)
	if err != nil {
		return 0, err
	}
	defer step.Close()
	if err := step.Run(); err != nil {
		return 0, err
	}
	return Scalar(out), nil
}
