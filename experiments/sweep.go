package experiments

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ssgan/ssgan/results"
)

// A sweep is a spec file some of whose fields hold a list of values instead of one value:
//
//	name: lr-labels
//	base: mnist-ssgan-100
//	labels_per_class: [2, 5, 10, 20]
//	model: {lr: [0.001, 0.003]}
//
// It stands for one experiment per combination of the values (here 4 × 2 = 8), each a spec of
// its own named after the sweep and its values (lr-labels+labels_per_class-2+lr-0.001, ...) and
// carrying them in its sweep: block, so that `ssgan table` can group the results by them. A key
// may also be a dotted path (model.lr: [0.001, 0.003]). A field that is itself a list (the
// hidden widths) is swept with a list of lists: d_hidden: [[20, 10], [40, 20]].

// maxSweepPoints bounds the number of experiments one sweep may expand to.
const maxSweepPoints = 10000

// notSwept are the fields a sweep may not vary: they name and describe the sweep itself.
var notSwept = map[string]bool{"name": true, "base": true, "description": true}

// nameToken is what a swept value must look like to become part of an experiment name.
var nameToken = regexp.MustCompile(`^[A-Za-z0-9._+-]+$`)

// LoadSpecs reads a spec file, expanding it if it is a sweep (see ParseSpecs).
func LoadSpecs(path string) ([]Spec, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("experiments: %w", err)
	}
	defer f.Close()
	return ParseSpecs(path, f)
}

// ParseSpecs reads a spec file strictly, as ParseSpec does, and returns its experiment, or, when
// some of its fields hold lists of values, one experiment per combination of the values, in the
// order of the fields in the file, the last varying fastest. A bad list (empty, of mixed types,
// with a value listed twice or one that cannot be part of a name, on an unknown field or on one
// that cannot be swept) is an error of one line naming the file, the line and the field.
func ParseSpecs(name string, r io.Reader) ([]Spec, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("experiments: %s: %w", name, err)
	}
	one := func() ([]Spec, error) {
		s, err := ParseSpec(name, bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		return []Spec{s}, nil
	}
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		return one() // ParseSpec reports what is wrong
	}
	w := &sweepWalker{}
	w.mapping(root.Content[0], reflect.TypeOf(Spec{}), "")
	if !w.swept && !w.dotted {
		return one()
	}
	if sw := mappingValue(root.Content[0], "sweep"); sw != nil && len(w.axes) > 0 && w.err == nil {
		w.fail(sw.Line, "sweep: is written by the expansion of a sweep; leave it out of a sweep file")
	}
	if w.err != nil {
		return nil, fmt.Errorf("experiments: %s: %w", name, w.err)
	}
	return w.expand(name, &root)
}

// sweepAxis is one swept field: its list in the document and the list's values.
type sweepAxis struct {
	path   string       // dotted path of the field, e.g. model.lr
	short  string       // its name in experiment names: the last element of path, unless ambiguous
	node   *yaml.Node   // the list
	values []*yaml.Node // its elements
	labels []string     // each value as it appears in names and in the sweep: block
}

// sweepWalker walks a spec document beside the Spec type, collecting the swept fields and the
// first problem found.
type sweepWalker struct {
	axes   []*sweepAxis
	dotted bool // a key was a dotted path and was rewritten as nested mappings
	swept  bool // a field holds a list of values (perhaps a bad one)
	err    error
}

// fail keeps the first error.
func (w *sweepWalker) fail(line int, format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf("line %d: %s", line, fmt.Sprintf(format, args...))
	}
}

// mapping walks a mapping node of struct type t at path.
func (w *sweepWalker) mapping(n *yaml.Node, t reflect.Type, path string) {
	w.nestDotted(n)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		p := joinPath(path, k.Value)
		if line, dup := seen[k.Value]; dup {
			w.fail(k.Line, "%s: given twice (first at line %d)", p, line)
			continue
		}
		seen[k.Value] = k.Line
		f, ok := fieldByTag(t, k.Value)
		if !ok {
			if v.Kind == yaml.SequenceNode {
				w.swept = true // a list meant as a sweep: this message names the field, in a flow mapping too
			}
			w.fail(k.Line, "unknown field %s (misspelt? see DefaultSpec for the keys)", p)
			continue
		}
		w.field(v, f.Type, p)
	}
}

// field walks the value node v of a field of type t at path p.
func (w *sweepWalker) field(v *yaml.Node, t reflect.Type, p string) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.Struct && v.Kind == yaml.MappingNode:
		w.mapping(v, t, p)
	case t.Kind() == reflect.Struct && v.Kind == yaml.SequenceNode:
		w.swept = true
		w.fail(v.Line, "%s: a list of values sweeps one setting: put it on a field of %s, not on the whole section", p, p)
	case v.Kind == yaml.SequenceNode && isSweep(v, t):
		w.axis(v, t, p)
	case t.Kind() == reflect.Slice && v.Kind == yaml.SequenceNode && hasList(v):
		w.swept = true
		w.fail(v.Line, "%s: a list mixing lists and single values; a sweep of a list field is a list of lists, e.g. [[20, 10], [40, 20]]", p)
	default:
		w.decodes(v, t, p)
	}
}

// isSweep reports whether the list v given for a field of type t is a list of values to sweep:
// any list for a single value, a list of lists for a list field.
func isSweep(v *yaml.Node, t reflect.Type) bool {
	if t.Kind() != reflect.Slice {
		return true
	}
	if len(v.Content) == 0 {
		return false // an empty list of widths, not an empty sweep
	}
	for _, c := range v.Content {
		if c.Kind != yaml.SequenceNode {
			return false
		}
	}
	return true
}

// hasList reports whether some element of the list v is itself a list.
func hasList(v *yaml.Node) bool {
	for _, c := range v.Content {
		if c.Kind == yaml.SequenceNode {
			return true
		}
	}
	return false
}

// decodes checks that v decodes into a value of type t.
func (w *sweepWalker) decodes(v *yaml.Node, t reflect.Type, p string) {
	if err := v.Decode(reflect.New(t).Interface()); err != nil {
		w.fail(v.Line, "%s: %s", p, decodeMessage(err))
	}
}

// axis checks the list of values v of the field at path p and records it as a swept field.
func (w *sweepWalker) axis(v *yaml.Node, t reflect.Type, p string) {
	w.swept = true
	if notSwept[p] {
		w.fail(v.Line, "%s: cannot be swept (one sweep has one name; its points are named after it and their values)", p)
		return
	}
	if len(v.Content) == 0 {
		w.fail(v.Line, "%s: empty list of values (a sweep needs at least one)", p)
		return
	}
	ax := &sweepAxis{path: p, short: p[strings.LastIndex(p, ".")+1:], node: v, values: v.Content}
	seen := map[string]int{}
	firstTag := ""
	for i, c := range v.Content {
		if t.Kind() != reflect.Slice && c.Kind != yaml.ScalarNode {
			w.fail(c.Line, "%s[%d]: want a single value, not a list or a mapping", p, i)
			return
		}
		if tag := scalarKind(c, t); firstTag == "" {
			firstTag = tag
		} else if tag != firstTag {
			w.fail(c.Line, "%s: mixed types in the list of values (%s and %s): give every value the same type", p, firstTag, tag)
			return
		}
		val := reflect.New(t)
		if err := c.Decode(val.Interface()); err != nil {
			w.fail(c.Line, "%s[%d]: %s", p, i, decodeMessage(err))
			return
		}
		label := c.Value
		if c.Kind == yaml.SequenceNode {
			parts := make([]string, len(c.Content))
			for j, e := range c.Content {
				parts[j] = e.Value
			}
			label = strings.Join(parts, "x")
		}
		if !nameToken.MatchString(label) {
			w.fail(c.Line, "%s: value %q cannot be part of an experiment name (letters, digits and . _ + - only)", p, label)
			return
		}
		key := fmt.Sprint(val.Elem().Interface())
		if j, dup := seen[key]; dup {
			w.fail(c.Line, "%s: value %s is listed twice (values %d and %d)", p, label, j, i)
			return
		}
		seen[key] = i
		ax.labels = append(ax.labels, label)
	}
	w.axes = append(w.axes, ax)
}

// scalarKind is the YAML type of a value for the mixed-types check: its tag, with integers
// counted as floats for a float field (0.001 and 1 are both learning rates).
func scalarKind(c *yaml.Node, t reflect.Type) string {
	if c.Kind == yaml.SequenceNode {
		return "!!seq"
	}
	tag := c.ShortTag()
	if tag == "!!int" && (t.Kind() == reflect.Float64 || t.Kind() == reflect.Float32) {
		return "!!float"
	}
	return tag
}

// nestDotted rewrites the dotted keys of a mapping (model.lr: x) as nested mappings
// (model: {lr: x}), merged into the mappings already there.
func (w *sweepWalker) nestDotted(n *yaml.Node) {
	var kept []*yaml.Node
	type moved struct{ k, v *yaml.Node }
	var dotted []moved
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind == yaml.ScalarNode && strings.Contains(k.Value, ".") {
			dotted = append(dotted, moved{k, n.Content[i+1]})
			continue
		}
		kept = append(kept, k, n.Content[i+1])
	}
	if len(dotted) == 0 {
		return
	}
	w.dotted = true
	n.Content = kept
	for _, d := range dotted {
		parts := strings.Split(d.k.Value, ".")
		m := n
		for _, part := range parts[:len(parts)-1] {
			sub := mappingValue(m, part)
			if sub == nil {
				sub = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: d.k.Line, Column: d.k.Column}
				m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: part, Line: d.k.Line, Column: d.k.Column}, sub)
			} else if sub.Kind != yaml.MappingNode {
				w.fail(d.k.Line, "%s: %s is not a section", d.k.Value, part)
				return
			}
			m = sub
		}
		last := parts[len(parts)-1]
		if mappingValue(m, last) != nil {
			w.fail(d.k.Line, "%s: given twice (dotted and nested)", d.k.Value)
			return
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: last, Line: d.k.Line, Column: d.k.Column}, d.v)
	}
}

// mappingValue returns the value of key in the mapping n, nil when absent.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// expand returns one spec per combination of the axes' values: the document with each list
// replaced by one of its values, parsed strictly, then named after the sweep and the values.
func (w *sweepWalker) expand(name string, root *yaml.Node) ([]Spec, error) {
	points := 1
	for _, ax := range w.axes {
		points *= len(ax.values)
		if points > maxSweepPoints {
			return nil, fmt.Errorf("experiments: %s: the sweep has more than %d points", name, maxSweepPoints)
		}
	}
	shorts := map[string]int{}
	for _, ax := range w.axes {
		shorts[ax.short]++
	}
	for _, ax := range w.axes {
		if shorts[ax.short] > 1 { // model.lr and gan.lr
			ax.short = ax.path
		}
	}
	specs := make([]Spec, 0, points)
	idx := make([]int, len(w.axes))
	for range points {
		saved := make([]yaml.Node, len(w.axes))
		var values, suffix []string
		for a, ax := range w.axes {
			saved[a] = *ax.node
			*ax.node = *ax.values[idx[a]]
			values = append(values, ax.path+"="+ax.labels[idx[a]])
			suffix = append(suffix, "+"+ax.short+"-"+ax.labels[idx[a]])
		}
		doc, err := yaml.Marshal(root)
		for a, ax := range w.axes {
			*ax.node = saved[a]
		}
		if err != nil {
			return nil, fmt.Errorf("experiments: %s: %w", name, err)
		}
		point := name
		if len(values) > 0 {
			point = fmt.Sprintf("%s (%s)", name, strings.Join(values, ", "))
		}
		s, err := ParseSpec(point, bytes.NewReader(doc))
		if err != nil {
			return nil, err
		}
		if len(values) > 0 {
			s.Sweep = &results.Sweep{Name: s.Name, Values: values}
			s.Name += strings.Join(suffix, "")
			if err := s.Validate(); err != nil {
				return nil, fmt.Errorf("experiments: %s: %w", point, err)
			}
		}
		specs = append(specs, s)
		for a := len(idx) - 1; a >= 0; a-- { // the odometer: the last axis fastest
			if idx[a]++; idx[a] < len(w.axes[a].values) {
				break
			}
			idx[a] = 0
		}
	}
	return specs, nil
}

// fieldByTag returns the field of struct type t whose yaml tag names key.
func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// joinPath appends a key to a dotted path.
func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// decodeMessage is a YAML decoding error without its "yaml: unmarshal errors" heading and line
// prefix (the caller names the line and the field).
func decodeMessage(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg := te.Errors[0]
		if _, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(msg, "line ") {
			return rest
		}
		return msg
	}
	return err.Error()
}

// validSweep checks a spec's sweep: block: a name, and values of the form field=value.
func validSweep(s *results.Sweep) error {
	if s == nil {
		return nil
	}
	if s.Name == "" {
		return errors.New("sweep: name: must not be empty")
	}
	if len(s.Values) == 0 {
		return errors.New("sweep: values: must not be empty")
	}
	if _, _, err := s.Pairs(); err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	return nil
}
