package results

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/ssgan/ssgan/internal/fsutil"
)

// Status values of a Record.
const (
	StatusFinished = "finished" // trained to the end; the only status that is averaged
	StatusDiverged = "diverged" // training stopped on divergence (NaN loss, ...)
	StatusRunning  = "running"  // in progress, or a partial record of a run that stopped
)

// RecordFile is the name of the file holding one run's Record.
const RecordFile = "result.json"

// Record is the result of one run (one experiment, one seed pair), saved as result.json.
type Record struct {
	Experiment       string    `json:"experiment"`                       // e.g. "mnist-ssgan-100"
	Method           string    `json:"method"`                           // "ssgan", "supervised", "gan"
	Labels           int       `json:"labels"`                           // labeled examples used (e.g. 100); 60000 = all
	ModelSeed        uint64    `json:"model_seed"`                       // seed of the weights and the noise
	DataSeed         uint64    `json:"data_seed"`                        // seed of the labeled subset and the shuffling
	Status           string    `json:"status"`                           // "finished", "diverged", "running" (in progress / partial)
	Epochs           int       `json:"epochs"`                           // epochs completed
	Iterations       int       `json:"iterations"`                       // optimizer steps completed
	TestSize         int       `json:"test_size"`                        // 10000
	FinalTestErrors  int       `json:"final_test_errors"`                // errors of the model at the end of training: THE reported number
	FinalAccuracy    float64   `json:"final_accuracy"`                   // 1 - FinalTestErrors/TestSize
	BestTestErrors   int       `json:"best_test_errors_during_training"` // best epoch seen; for information only, never the headline
	BestEpoch        int       `json:"best_epoch"`                       // epoch of BestTestErrors
	PerClassAccuracy []float64 `json:"per_class_accuracy"`               // final accuracy of each true class
	Confusion        [][]int   `json:"confusion"`                        // final confusion matrix, rows = truth
	Seconds          float64   `json:"seconds"`                          // wall-clock training time
	SecondsPerEpoch  float64   `json:"seconds_per_epoch"`                // Seconds / Epochs
	BLAS             string    `json:"blas"`                             // matrix-product library of the binary
	Threads          int       `json:"threads"`                          // BLAS / worker threads
	GoVersion        string    `json:"go_version"`                       // runtime.Version()
	CPU              string    `json:"cpu,omitempty"`                    // processor model the run (last) trained on
	ConfigHash       string    `json:"config_hash"`                      // hash of the run configuration
	Commit           string    `json:"commit,omitempty"`                 // git revision of the binary that (last) trained it
	Commits          []string  `json:"commits,omitempty"`                // every revision that trained part of it, oldest first, when more than one did
	BLASes           []string  `json:"blases,omitempty"`                 // every BLAS (library/kernels) that trained or finished part of it, oldest first, when more than one did
	Note             string    `json:"note,omitempty"`                   // e.g. divergence message
	Sweep            *Sweep    `json:"sweep,omitempty"`                  // the sweep point the experiment is, if it is one
	Weights          string    `json:"weights,omitempty"`                // file of the final weights in the run directory (weights.npz), once written
	WeightsSHA256    string    `json:"weights_sha256,omitempty"`         // SHA-256 of that file, hex

	// Dataset names the data set the run trained and was tested on: "mnist", "fashion-mnist" or
	// an IDX directory. Records made before data sets were named have none: they are MNIST's.
	Dataset string `json:"dataset,omitempty"`
	// DatasetSHA256 maps each of the data set's four files to its SHA-256 (hex).
	DatasetSHA256 map[string]string `json:"dataset_sha256,omitempty"`
	// Engine names the numerics that trained the run (EngineCounter, the counter-based
	// random stream and float32 kernels); records made before it was recorded have none and
	// were trained by EngineEarlier. Runs of two engines are never averaged together.
	Engine string `json:"engine,omitempty"`
}

// The training engines a record can name.
const (
	// EngineEarlier is the engine of the runs published up to 0c49581: one sequential PCG
	// stream of noise and float64-exact element-wise kernels.
	EngineEarlier = "pcg-f64"
	// EngineCounter is the engine since 3248b9f (2026-12-01): Philox4x32-10 noise addressed by
	// counter and float32 vector kernels.
	EngineCounter = "philox-f32"
)

// EngineName is the record's engine, EngineEarlier for records that name none.
func (r Record) EngineName() string {
	if r.Engine == "" {
		return EngineEarlier
	}
	return r.Engine
}

// WriteRecord writes rec as indented JSON to path atomically: it writes a
// temporary *.tmp file in the same directory, syncs it and renames it over
// path, so a reader never sees a half-written record.
func WriteRecord(path string, rec *Record) error {
	if rec == nil {
		return fmt.Errorf("results: write %s: nil record", path)
	}
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return fmt.Errorf("results: encode %s: %w", path, err)
	}
	data = append(data, '\n')
	if err := fsutil.WriteFile(path, data); err != nil {
		return fmt.Errorf("results: write %s: %w", path, err)
	}
	return nil
}

// ReadRecord reads the Record saved at path. Unknown fields are ignored, so
// records written by newer runners still load; trailing data after the JSON
// object is an error.
func ReadRecord(path string) (Record, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Record{}, fmt.Errorf("results: read %s: %w", path, err)
	}
	var rec Record
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&rec); err != nil {
		return Record{}, fmt.Errorf("results: decode %s: %w", path, err)
	}
	if dec.More() {
		return Record{}, fmt.Errorf("results: decode %s: trailing data after the record", path)
	}
	return rec, nil
}

// DefaultDataset is the data set of a record that names none.
const DefaultDataset = "mnist"

// DatasetName is the record's data set, DefaultDataset for a record that names none.
func (r Record) DatasetName() string {
	if r.Dataset == "" {
		return DefaultDataset
	}
	return r.Dataset
}
