package core

import (
	"fmt"

	G "gorgonia.org/gorgonia"
)

// Step is a compiled graph: a loss, the gradients of the loss with respect to the parameters it
// trains, and any extra outputs. Only the subgraph these need is compiled, so no gradient is
// computed for a parameter the step does not train (a frozen network costs nothing and cannot
// change).
type Step struct {
	Loss  *G.Node
	Wrt   []*Param
	grads []*G.Node
	graph *Graph
	vm    G.VM
}

// Compile builds the gradients of loss with respect to wrt and compiles the pruned graph.
// extras are further nodes whose values the caller reads after Run. loss may be nil for a
// forward-only step, in which case wrt must be empty.
func (g *Graph) Compile(loss *G.Node, wrt []*Param, extras ...*G.Node) (*Step, error) {
	s := &Step{Loss: loss, Wrt: wrt, graph: g}
	roots := append(append([]*G.Node{}, g.extras...), extras...)
	if loss != nil {
		roots = append(roots, loss)
		if len(wrt) > 0 {
			nodes := make([]*G.Node, len(wrt))
			for i, p := range wrt {
				nodes[i] = g.nodes[p]
				if nodes[i] == nil {
					return nil, fmt.Errorf("core: compile: parameter %s is not in the graph", p.Name)
				}
			}
			grads, err := G.Grad(loss, nodes...)
			if err != nil {
				return nil, fmt.Errorf("core: gradients: %w", err)
			}
			s.grads = grads
			roots = append(roots, grads...)
		}
	} else if len(wrt) > 0 {
		return nil, fmt.Errorf("core: compile: parameters to train but no loss")
	}
	s.vm = G.NewTapeMachine(g.G.SubgraphRoots(roots...))
	return s, nil
}

// Run fills the graph's fed inputs, executes the step once and runs the after-run hooks.
func (s *Step) Run() error {
	for _, f := range s.graph.feeds {
		f.fill(f.buf)
	}
	s.vm.Reset()
	if err := s.vm.RunAll(); err != nil {
		return fmt.Errorf("core: run: %w", err)
	}
	for _, f := range s.graph.afterRun {
		f()
	}
	return nil
}

// LossValue returns the scalar loss of the last run.
func (s *Step) LossValue() float64 { return Scalar(s.Loss) }

// Grad returns the gradient of the i-th trained parameter from the last run.
func (s *Step) Grad(i int) []float32 { return s.grads[i].Value().Data().([]float32) }

// Grads returns the gradients of all trained parameters from the last run, in Wrt order.
func (s *Step) Grads() [][]float32 {
	out := make([][]float32, len(s.grads))
	for i := range s.grads {
		out[i] = s.Grad(i)
	}
	return out
}

// Close releases the machine's resources.
func (s *Step) Close() { s.vm.Close() }

// Scalar reads a scalar node's value as float64 (0 if it has none).
func Scalar(n *G.Node) float64 {
	switch v := n.Value().Data().(type) {
	case float32:
		return float64(v)
	case float64:
		return v
	case []float32:
		return float64(v[0])
	case []float64:
		return v[0]
	}
	return 0
}

// Floats returns a node's float32 values from the last run.
func Floats(n *G.Node) []float32 { return n.Value().Data().([]float32) }
