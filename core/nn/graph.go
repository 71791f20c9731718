package nn

import (
	"fmt"
	"sync"

	G "gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// Mode selects how layers behave while a graph is built: noise and batch statistics in Train,
// deterministic layers and running statistics in Eval.
type Mode int

const (
	// Train enables noise layers and uses batch statistics in batch norm.
	Train Mode = iota
	// Eval disables noise layers and uses the running statistics in batch norm.
	Eval
)

// Graph is one gorgonia expression graph under construction. It binds each Param to a node whose
// value is the Param's own tensor (so in-place updates are seen by every graph), owns the input
// buffers fed before each run, and collects the work layers must do after a run (batch-norm
// running statistics).
type Graph struct {
	G    *G.ExprGraph
	Mode Mode
	// Noise is the seeded stream that fills noise inputs before each run; nil disables noise.
	Noise *Stream

	nodes    map[*Param]*G.Node
	subst    map[*Param]*Param
	feeds    []feed
	afterRun []func()
	extras   []*G.Node
	names    map[string]int
}

type feed struct {
	buf  []float32
	fill func(buf []float32)
	// gate, when set, is the feed's readiness for an op that waits on it: such a feed is filled
	// while the run is already under way (see Step.Run).
	gate *sync.WaitGroup
}

// NewGraph starts an empty graph in the given mode.
func NewGraph(mode Mode, noise *Stream) *Graph {
	return &Graph{G: G.NewGraph(), Mode: mode, Noise: noise, nodes: map[*Param]*G.Node{}, names: map[string]int{}}
}

// unique returns name, or name with a counter appended if it was used before in this graph.
func (g *Graph) unique(name string) string {
	n := g.names[name]
	g.names[name] = n + 1
	if n == 0 {
		return name
	}
	return fmt.Sprintf("%s#%d", name, n)
}

// Param returns the node bound to p in this graph, creating it on first use.
func (g *Graph) Param(p *Param) *G.Node {
	if n, ok := g.nodes[p]; ok {
		return n
	}
	v := p.Value
	if q, ok := g.subst[p]; ok {
		v = q.Value
	}
	n := G.NodeFromAny(g.G, v, G.WithName(g.unique(p.Name)))
	g.nodes[p] = n
	return n
}

// Node returns the node bound to p, or nil if p is not used in this graph.
func (g *Graph) Node(p *Param) *G.Node { return g.nodes[p] }

// Input adds an input node of the given shape backed by a preallocated buffer, which the caller
// writes before each run.
func (g *Graph) Input(name string, shape ...int) (*G.Node, []float32) {
	t := tensor.New(tensor.Of(tensor.Float32), tensor.WithShape(shape...))
	n := G.NodeFromAny(g.G, t, G.WithName(g.unique(name)))
	return n, t.Data().([]float32)
}

// Feed adds an input node that fill writes before every run (noise, for instance). When the graph
// also has gated feeds (noise layers), fill runs on the goroutine that fills them, before the run
// starts; a fill must not panic.
func (g *Graph) Feed(name string, fill func([]float32), shape ...int) *G.Node {
	n, buf := g.Input(name, shape...)
	g.feeds = append(g.feeds, feed{buf: buf, fill: fill})
	return n
}

// gatedFeed is Feed for an input read only by an op that calls wait first (the fused noise
// addition): Step.Run fills such feeds in a second goroutine while the run proceeds, in
// registration order and from the same source, so the values are those Feed would give. A
// consumer that reads the input without calling wait would race with the filling.
func (g *Graph) gatedFeed(name string, fill func([]float32), shape ...int) (n *G.Node, wait func()) {
	n, _ = g.Input(name, shape...)
	gate := new(sync.WaitGroup)
	g.feeds = append(g.feeds, feed{buf: f32(n.Value()), fill: fill, gate: gate})
	return n, gate.Wait
}

// AfterRun registers work to do after every run of a step compiled from this graph.
func (g *Graph) AfterRun(f func()) { g.afterRun = append(g.afterRun, f) }

// Substitute makes every layer that uses params[i] in this graph read with[i] instead: an
// evaluation graph over an exponential moving average of the weights, for instance.
func (g *Graph) Substitute(params, with []*Param) {
	if g.subst == nil {
		g.subst = map[*Param]*Param{}
	}
	for i := range params {
		g.subst[params[i]] = with[i]
	}
}
