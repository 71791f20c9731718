package experiments

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlError rewrites a YAML decoding error as one line that names the field of each problem,
// e.g. "line 4: model.lr: cannot unmarshal !!str `fast` into float64" or
// "line 2: unknown field epoch"; other errors (syntax) keep their own one-line text.
func yamlError(data []byte, err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return err
	}
	fields := fieldLines(data)
	msgs := make([]string, len(te.Errors))
	for i, e := range te.Errors {
		msgs[i] = e
		var line int
		if _, serr := fmt.Sscanf(e, "line %d:", &line); serr != nil {
			continue
		}
		prefix := "line " + strconv.Itoa(line) + ":"
		rest := strings.TrimSpace(strings.TrimPrefix(e, prefix))
		field, ok := fields[line]
		switch {
		case !ok:
		case strings.Contains(rest, " not found in type "):
			msgs[i] = fmt.Sprintf("%s unknown field %s (misspelt? see DefaultSpec for the keys)", prefix, field)
		default:
			msgs[i] = fmt.Sprintf("%s %s: %s", prefix, field, rest)
		}
	}
	return errors.New(strings.Join(msgs, "; "))
}

// fieldLines maps each line of a YAML document holding exactly one key or value to the dotted
// path of its field ("model.d_hidden[1]"); lines holding several (flow mappings) are left out.
func fieldLines(data []byte) map[int]string {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil {
		return nil
	}
	seen := map[int]string{}
	ambiguous := map[int]bool{}
	note := func(line int, path string) {
		if old, ok := seen[line]; ok && old != path && !strings.HasPrefix(path, old) {
			ambiguous[line] = true
		}
		seen[line] = path
	}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := n.Content[i].Value
				if path != "" {
					p = path + "." + p
				}
				note(n.Content[i].Line, p)
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", path, i))
			}
		case yaml.ScalarNode, yaml.AliasNode:
			if path != "" {
				note(n.Line, path)
			}
		}
	}
	walk(&root, "")
	for line := range ambiguous {
		delete(seen, line)
	}
	return seen
}
