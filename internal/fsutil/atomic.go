// Package fsutil writes files so that a crash at any moment leaves either the old or the new
// content, never a torn file.
package fsutil

import (
	"os"
	"path/filepath"
)

// WriteFile writes data to a temporary file beside path (named path.*.tmp, mode 0644), syncs it
// and renames it over path. On error the temporary file is removed and path is untouched.
func WriteFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	err = tmp.Chmod(0o644) // CreateTemp makes 0600; results are meant to be shared
	if err == nil {
		_, err = tmp.Write(data)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}
