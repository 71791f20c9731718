package experiments

import (
	"bytes"
	"fmt"
	"os"

	"github.com/ssgan/ssgan/core"
)

// LoadCheckpoint reads the checkpoint file at path (a run's checkpoint.gob, a cached quality
// classifier) written by SaveCheckpoint. A missing file is an error that wraps os.ErrNotExist;
// every error names the file.
func LoadCheckpoint(path string) (*core.Checkpoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("experiments: %w", err)
	}
	defer f.Close()
	ck, err := core.DecodeCheckpoint(f)
	if err != nil {
		return nil, fmt.Errorf("experiments: %s: %w", path, err)
	}
	return ck, nil
}

// SaveCheckpoint writes ck to path atomically (see writeFile): a crash at any moment leaves
// either the old or the new checkpoint.
func SaveCheckpoint(path string, ck *core.Checkpoint) error {
	var buf bytes.Buffer
	if err := ck.Encode(&buf); err != nil {
		return fmt.Errorf("experiments: %s: %w", path, err)
	}
	return writeFile(path, buf.Bytes())
}
