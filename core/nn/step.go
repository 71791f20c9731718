package nn

import (
	"fmt"
	"sync"

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
	// outs are the nodes whose snapshots this step registered (released by Close).
	outs []*G.Node
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
					return nil, fmt.Errorf("nn: compile: parameter %s is not in the graph", p.Name)
				}
			}
			grads, err := G.Grad(loss, nodes...)
			if err != nil {
				return nil, fmt.Errorf("nn: gradients: %w", err)
			}
			s.grads = grads
			roots = append(roots, grads...)
		}
	} else if len(wrt) > 0 {
		return nil, fmt.Errorf("nn: compile: parameters to train but no loss")
	}
	// Outputs are read through read ops: gorgonia may let a later op overwrite a node's memory in
	// place, so a node's own value after the run is not always what it computed.
	for _, e := range append(append([]*G.Node{}, g.extras...), extras...) {
		v := new(G.Value)
		roots = append(roots, G.Read(e, v))
		snapshots.Store(e, v)
		s.outs = append(s.outs, e)
	}
	s.vm = G.NewTapeMachine(g.G.SubgraphRoots(roots...))
	return s, nil
}

// snapshots maps each extra output node of a compiled step to the value its read op saved.
var snapshots sync.Map

// Run fills the graph's fed inputs, executes the step once and runs the after-run hooks.
//
// Feeds are filled in registration order. When some are gated (gatedFeed), one goroutine fills
// them all, in that same order, while the machine runs: the run starts once the ungated feeds
// are full, and each gated consumer waits for its own. The source is idle again before Run
// returns, so the sequence of draws is exactly that of filling everything first.
func (s *Step) Run() error {
	done := s.fill()
	s.vm.Reset()
	err := s.vm.RunAll()
	<-done
	if err != nil {
		return fmt.Errorf("nn: run: %w", err)
	}
	for _, f := range s.graph.afterRun {
		f()
	}
	return nil
}

// fill fills the feeds (see Run) and returns a channel closed once all of them are full; it
// returns after the ungated ones are.
func (s *Step) fill() <-chan struct{} {
	feeds, done := s.graph.feeds, make(chan struct{})
	gated := 0
	for _, f := range feeds {
		if f.gate != nil {
			gated++
			f.gate.Add(1)
		}
	}
	if gated == 0 {
		for _, f := range feeds {
			f.fill(f.buf)
		}
		close(done)
		return done
	}
	var ungated sync.WaitGroup
	ungated.Add(len(feeds) - gated)
	go func() {
		defer close(done)
		for _, f := range feeds {
			f.fill(f.buf)
			if f.gate != nil {
				f.gate.Done()
			} else {
				ungated.Done()
			}
		}
	}()
	ungated.Wait()
	return done
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

// Close releases the machine's resources and the step's output snapshots (which otherwise keep
// the whole graph reachable).
func (s *Step) Close() {
	for _, n := range s.outs {
		snapshots.Delete(n)
	}
	s.vm.Close()
}

// Scalar reads a scalar node's value as float64 (0 if it has none), through its snapshot when it
// is an output of a compiled step (see Floats).
func Scalar(n *G.Node) float64 {
	val := n.Value()
	if v, ok := snapshots.Load(n); ok && *v.(*G.Value) != nil {
		val = *v.(*G.Value)
	}
	if val == nil {
		return 0
	}
	switch v := val.Data().(type) {
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

// Floats returns the float32 values an output node (an extra of Compile) had when its step last
// computed it. For other nodes it returns the node's current value, which a later in-place op of
// the same run may have overwritten.
func Floats(n *G.Node) []float32 {
	if v, ok := snapshots.Load(n); ok && *v.(*G.Value) != nil {
		return (*v.(*G.Value)).Data().([]float32)
	}
	return n.Value().Data().([]float32)
}
