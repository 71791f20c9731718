package weights

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ConfigJSON encodes a configuration struct (an ssgan.Config, a core.GANConfig) as a JSON object
// with the field names of its yaml tags, those of spec.yaml.
func ConfigJSON(v any) (json.RawMessage, error) {
	y, err := yaml.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := yaml.Unmarshal(y, &m); err != nil {
		return nil, err
	}
	return json.Marshal(m)
}

// DecodeConfig decodes a JSON object written by ConfigJSON into the struct ptr points to, strictly:
// a field the struct does not have is an error naming it.
func DecodeConfig(raw json.RawMessage, ptr any) error {
	if len(raw) == 0 {
		return fmt.Errorf("no model configuration")
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return fmt.Errorf("model: %v", err)
	}
	y, err := yaml.Marshal(m)
	if err != nil {
		return fmt.Errorf("model: %v", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(y))
	dec.KnownFields(true)
	if err := dec.Decode(ptr); err != nil {
		return fmt.Errorf("model: %s", oneLine(err.Error()))
	}
	return nil
}

// yamlLine is the line reference of a yaml error, which names a line of the intermediate YAML
// and means nothing to the reader of the JSON.
var yamlLine = regexp.MustCompile(`line \d+: `)

// oneLine joins the lines of a multi-line yaml message (it lists its errors one a line).
func oneLine(s string) string {
	var parts []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(yamlLine.ReplaceAllString(l, "")); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " ")
}
