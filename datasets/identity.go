package datasets

import (
	"maps"
	"slices"
	"strings"
)

// Identity names the data a run was trained on: the data set's name and the SHA-256 of each of
// its four files, keyed by file name.
type Identity struct {
	Name   string            `json:"name"`
	SHA256 map[string]string `json:"sha256,omitempty"`
}

// Same reports whether two identities name the same data: the same SHA-256 sums when both have
// them (the same files, whatever their name or directory), else the same name. A name "" stands
// for DefaultName (records and run directories made before data sets were named).
func (id Identity) Same(o Identity) bool {
	if len(id.SHA256) > 0 && len(o.SHA256) > 0 {
		return maps.Equal(id.SHA256, o.SHA256)
	}
	return id.name() == o.name()
}

// name is the identity's name, DefaultName for "".
func (id Identity) name() string {
	if id.Name == "" {
		return DefaultName
	}
	return id.Name
}

// String gives the name and the first 12 hex digits of each file's SHA-256 in file-name order,
// e.g. "mnist (sha256 t10k-images-idx3-ubyte.gz 8d422c7b0a1c, ...)", or the name alone.
func (id Identity) String() string {
	if len(id.SHA256) == 0 {
		return id.name()
	}
	var parts []string
	for _, f := range slices.Sorted(maps.Keys(id.SHA256)) {
		sum := id.SHA256[f]
		parts = append(parts, f+" "+sum[:min(12, len(sum))])
	}
	return id.name() + " (sha256 " + strings.Join(parts, ", ") + ")"
}
