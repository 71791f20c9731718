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
	var recs []Record
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("results: collect %s: %w", dir, err)
		}
		if d.IsDir() || d.Name() != RecordFile {
			return nil
		}
		rec, err := ReadRecord(path)
		if err != nil {
			return err
		}
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return recs, nil
}
