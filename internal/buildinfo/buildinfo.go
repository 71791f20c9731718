// Package buildinfo reports the source revision a binary was built from, so every result can be
// traced to the code that produced it.
package buildinfo

import "runtime/debug"

// Revision returns the git commit the binary was built from (from the Go toolchain's embedded
// VCS stamp), with "+dirty" when the working tree had uncommitted changes, or "" when the binary
// carries no stamp (go test binaries, builds outside a repository).
func Revision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	return revision(info.Settings)
}

func revision(settings []debug.BuildSetting) string {
	var rev string
	dirty := false
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" && dirty {
		rev += "+dirty"
	}
	return rev
}
