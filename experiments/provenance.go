package experiments

import (
	"encoding/json"
	"fmt"

	"github.com/ssgan/ssgan/core"
)

// The lists of what trained a run so far, under these keys of a checkpoint's Extra, so that a run
// resumed by another build or on other kernels says so in its result.json: the git revisions of
// the binaries, and the matrix-product libraries with their kernels (engine.BLAS/core name),
// which round the products their own way.
const (
	commitsKey = "commits"
	blasesKey  = "blases"
)

// unrecorded stands for the binary (or BLAS) of a session whose checkpoint predates its list.
const unrecorded = "(unrecorded)"

// provenance is the list of revisions (or BLASes) that trained a run, oldest first, without
// repeats in a row.
type provenance []string

// resumedProvenance reads the list under key from a checkpoint; a checkpoint written before lists
// were kept gives the placeholder for its unknown binary.
func resumedProvenance(ck *core.Checkpoint, key string) (provenance, error) {
	raw, ok := ck.Extra[key]
	if !ok {
		return provenance{unrecorded}, nil
	}
	var p provenance
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	return p, nil
}

// last is the most recent entry ("" for an empty list).
func (p provenance) last() string {
	if len(p) == 0 {
		return ""
	}
	return p[len(p)-1]
}

// with returns the list with commit appended unless it is already the last entry.
func (p provenance) with(commit string) provenance {
	if commit == "" {
		commit = unrecorded
	}
	if p.last() == commit {
		return p
	}
	return append(append(provenance{}, p...), commit)
}

// session returns the list once this session is counted: its commit is added only if it trained
// (a session that resumed and only finished the record, or was stopped at once, changed nothing).
func (p provenance) session(commit string, trained bool) provenance {
	if trained || len(p) == 0 {
		return p.with(commit)
	}
	return p
}

// save stores the list under key, with this session's entry if it trained, in a checkpoint.
func (p provenance) save(ck *core.Checkpoint, key, commit string, trained bool) error {
	raw, err := json.Marshal(p.session(commit, trained))
	if err != nil {
		return err
	}
	ck.Extra[key] = raw
	return nil
}

// mixed returns the full list when more than one binary trained the run, else nil (the record's
// Commit says it all).
func (p provenance) mixed(commit string, trained bool) []string {
	if all := p.session(commit, trained); len(all) > 1 {
		return all
	}
	return nil
}
