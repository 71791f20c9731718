package experiments

import (
	"fmt"

	"github.com/ssgan/ssgan/internal/fsutil"
)

// writeFile writes data to path atomically: to a temporary file beside it (mode 0644), synced,
// then renamed over path, so a crash leaves either the old or the new file.
func writeFile(path string, data []byte) error {
	if err := fsutil.WriteFile(path, data); err != nil {
		return fmt.Errorf("experiments: write %s: %w", path, err)
	}
	return nil
}
