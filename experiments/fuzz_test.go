package experiments

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseSpec feeds arbitrary bytes to ParseSpec: it must never panic, every error must start
// with "experiments:" and be one line, and a spec it accepts must validate and survive the trip
// through the YAML written beside a run with the same hash.
func FuzzParseSpec(f *testing.F) {
	for _, name := range Names() {
		s, _ := Lookup(name)
		f.Add(s.YAML())
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "tiny.yaml")); err == nil {
		f.Add(b)
	}
	for _, broken := range []string{
		"", "# only a comment\n", "null\n", "---\n---\n", "[1, 2]\n", "name: x\nepoch: 3\n",
		"name: x\nepochs: ten\n", "base: nope\nname: x\n", "base: [1]\n", "name: x\n\tepochs: 3\n",
		"name: x\nmodel: {d_hidden: [20, -1], lr: .nan}\n", "name: &a x\nbase: *a\n",
		"a: &a [*a, *a]\n", "name: x\nmodel:\n  d_hidden: !!str 20\n", "name: x\nkind: gan\ngan: {batch: 1}\n",
		"name: x\nlabels_per_class: 99999999999999999999\n", "name: x\nlr_decay_start: 1e400\n",
		"name: \"\\xff\\xfe\"\n", "base: mnist-gan\nname: g\ntricks: {balance: {policy: began}}\n",
	} {
		f.Add([]byte(broken))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSpec("fuzz.yaml", bytes.NewReader(data))
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "experiments: ") {
				t.Fatalf("error without the package prefix: %q", msg)
			}
			if strings.Contains(msg, "\n") {
				t.Fatalf("error of several lines: %q", msg)
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("accepted an invalid spec: %v", err)
		}
		back, err := ParseSpec("resolved.yaml", bytes.NewReader(s.YAML()))
		if err != nil {
			t.Fatalf("the resolved YAML does not parse back: %v\n%s", err, s.YAML())
		}
		if back.Hash() != s.Hash() {
			t.Fatalf("hash changed through the resolved YAML: %s, then %s\n%s", s.Hash(), back.Hash(), s.YAML())
		}
	})
}
