package experiments

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// EpochLog is one line of metrics.jsonl: the state of a classifier run at the end of an epoch.
type EpochLog struct {
	Epoch      int                `json:"epoch"`
	Iter       int                `json:"iter"`
	LR         float64            `json:"lr"`
	TestErrors int                `json:"test_errors"`
	TestSize   int                `json:"test_size"`
	Seconds    float64            `json:"seconds"`
	Train      map[string]float64 `json:"train"`
	Counters   map[string]int     `json:"counters,omitempty"`
}

// appendJSONLine appends one JSON line to path.
func appendJSONLine(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("experiments: %w", err)
	}
	if _, err = f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("experiments: write %s: %w", path, err)
	}
	return f.Close()
}

// truncateLog keeps the lines of a JSON-lines log whose "iter" is at most iter (the lines written
// after the checkpoint a run resumes from are dropped, so a resumed log has no duplicates). A
// torn last line from a crash is dropped too.
func truncateLog(path string, iter int) error {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	} else if err != nil {
		return fmt.Errorf("experiments: %w", err)
	}
	var keep []string
	for _, line := range strings.Split(string(data), "\n") {
		var v struct {
			Iter *int `json:"iter"`
		}
		if json.Unmarshal([]byte(line), &v) == nil && v.Iter != nil && *v.Iter <= iter {
			keep = append(keep, line)
		}
	}
	out := strings.Join(keep, "\n")
	if len(keep) > 0 {
		out += "\n"
	}
	return os.WriteFile(path, []byte(out), 0o644)
}
