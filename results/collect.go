package results

import (
	"fmt"
	"io/fs"
	"path/filepath"
)

// Collect walks dir recursively and reads every file named result.json, in
// lexical path order. Only the exact name matches, so the temporary files
// (result.json.*.tmp) of an interrupted WriteRecord are skipped. The first
// unreadable or malformed record stops the walk with an error naming its
// path. A directory with no records gives an empty result, not an error.
func Collect(dir string) ([]Record, error) {
	return collectFiles(dir, RecordFile, ReadRecord)
}

// collectFiles walks dir recursively in lexical path order and reads every file with exactly the
// given name; the first error stops the walk.
func collectFiles[T any](dir, name string, read func(path string) (T, error)) ([]T, error) {
	var out []T
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("results: collect %s: %w", dir, err)
		}
		if d.IsDir() || d.Name() != name {
			return nil
		}
		v, err := read(path)
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
