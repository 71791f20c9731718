package experiments

import (
	"encoding/json"
	"fmt"

	"github.com/ssgan/ssgan/core"
)

// commitsKey names, in a checkpoint's Extra, the git revisions of the binaries that trained the
// run so far, so a run resumed by another build says so in its result.json.
const commitsKey = "commits"

// unrecordedCommit stands for the binary of a session whose checkpoint predates the commit list.
const unrecordedCommit = "(unrecorded)"

// provenance is the list of revisions that trained a run, oldest first, without repeats in a row.
type provenance []string

// resumedProvenance reads the list from a checkpoint; a checkpoint written before lists were kept gives
// the placeholder for its unknown binary.
func resumedProvenance(ck *core.Checkpoint) (provenance, error) {
	raw, ok := ck.Extra[commitsKey]
	if !ok {
		return provenance{unrecordedCommit}, nil
	}
	var p provenance
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", commitsKey, err)
	}
	return p, nil
}

// with returns the list with commit appended unless it is already the last entry.
func (p provenance) with(commit string) provenance {
	if commit == "" {
		commit = unrecordedCommit
	}
	if n := len(p); n > 0 && p[n-1] == commit {
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

// save stores the list, with this session's commit if it trained, in a checkpoint.
func (p provenance) save(ck *core.Checkpoint, commit string, trained bool) error {
	raw, err := json.Marshal(p.session(commit, trained))
	if err != nil {
		return err
	}
	ck.Extra[commitsKey] = raw
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
