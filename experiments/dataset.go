package experiments

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/ssgan/ssgan/datasets"
	"github.com/ssgan/ssgan/internal/fsutil"
)

// DatasetFile holds, in a run directory, the identity of the data the run was trained on: the
// data set's name and the SHA-256 of its four files.
const DatasetFile = "dataset.json"

// datasetName is the name the spec's data set has when its data carry none (data a test built,
// or read with datasets.Load): the registered name, or the path as written.
func (s Spec) datasetName() string {
	if s.Dataset == "" {
		return datasets.DefaultName
	}
	return s.Dataset
}

// checkData reports a method that does not fit the data: a classifier's input size or class
// count, or a GAN's image size, differ from the data set's, naming the field.
func checkData(s Spec, d *datasets.Dataset) error {
	dim, name := d.Train.Images.Dim(), cmpOr(d.Name, s.datasetName())
	size := fmt.Sprintf("%dx%d images (%d pixels)", d.Train.Images.Rows, d.Train.Images.Cols, dim)
	if s.Kind == "classifier" {
		if s.Model.InputDim != dim {
			return fmt.Errorf("experiments: %s: model.input_dim %d does not fit data set %s: %s", s.Name, s.Model.InputDim, name, size)
		}
		if k := d.ClassCount(); s.Model.Classes != k {
			return fmt.Errorf("experiments: %s: model.classes %d does not fit data set %s: %d classes", s.Name, s.Model.Classes, name, k)
		}
		return nil
	}
	if g := s.GAN.Defaults().ImageDim; g != dim {
		return fmt.Errorf("experiments: %s: gan.image_dim %d does not fit data set %s: %s", s.Name, g, name, size)
	}
	return nil
}

// fitData returns s with the sizes that come from the data: a classifier's model.input_dim and
// model.classes, and a GAN's gan.image_dim, where the spec leaves them at their defaults (MNIST's
// 784 pixels and 10 classes) and the data differ. A size the spec sets to anything else is the
// spec's, and checkData refuses it when it does not fit. On MNIST and Fashion-MNIST nothing
// changes, so the specs' hashes stay those of the runs made before.
func fitData(s Spec, d *datasets.Dataset) Spec {
	def := DefaultSpec()
	dim := d.Train.Images.Dim()
	if s.Kind == "classifier" {
		if s.Model.InputDim == def.Model.InputDim {
			s.Model.InputDim = dim
		}
		if k := d.ClassCount(); s.Model.Classes == def.Model.Classes && k > 0 {
			s.Model.Classes = k
		}
		return s
	}
	if (s.GAN.ImageDim == def.GAN.ImageDim || s.GAN.ImageDim == 0) && s.GAN.Defaults().ImageDim != dim {
		s.GAN.ImageDim = dim // 0 means the default, and stays 0 when the data have its size
	}
	return s
}

// identity is the data's identity as a run records it: the name its data carry, else the spec's.
func identity(s Spec, d *datasets.Dataset) datasets.Identity {
	id := d.Identity()
	if id.Name == "" {
		id.Name = s.datasetName()
	}
	return id
}

// checkDataset refuses a run directory made on other data than id: its dataset.json, or, in a
// directory made before data sets were recorded, its spec's data set (MNIST then).
func (d *runDir) checkDataset(id datasets.Identity) error {
	old, known, err := d.dataset()
	if err != nil || !known {
		return err
	}
	if !old.Same(id) {
		return fmt.Errorf("experiments: %s was made on data set %s, not %s; use another --out", d.path, old, id)
	}
	return nil
}

// dataset reads the identity of the data the directory's run was made on; known is false for a
// new directory.
func (d *runDir) dataset() (id datasets.Identity, known bool, err error) {
	b, err := os.ReadFile(d.file(DatasetFile))
	switch {
	case err == nil:
		if err := json.Unmarshal(b, &id); err != nil {
			return id, false, fmt.Errorf("experiments: %s: %w", d.file(DatasetFile), err)
		}
		return id, true, nil
	case !errors.Is(err, os.ErrNotExist):
		return id, false, fmt.Errorf("experiments: %w", err)
	}
	s, err := LoadSpec(d.file(SpecFile))
	if errors.Is(err, os.ErrNotExist) {
		return id, false, nil
	} else if err != nil {
		return id, false, fmt.Errorf("experiments: existing run %s: %w", d.path, err)
	}
	return datasets.Identity{Name: s.datasetName()}, true, nil
}

// saveDataset writes the directory's dataset.json on first use.
func (d *runDir) saveDataset(id datasets.Identity) error {
	if d.exists(DatasetFile) {
		return nil
	}
	b, err := json.MarshalIndent(id, "", "  ")
	if err != nil {
		return err
	}
	return fsutil.WriteFile(d.file(DatasetFile), append(b, '\n'))
}

// cmpOr returns s, or alt when s is empty.
func cmpOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// DataSets opens each data set once, for the tasks of one command: a spec's registered data set
// from dir when dir is not empty, else from the registry's directory; a path from itself.
type DataSets struct {
	dir  string
	mu   sync.Mutex
	open map[string]*datasets.Dataset
}

// NewDataSets returns an empty cache; dir, when not empty, is where registered data sets are
// read from (the --data-dir flag).
func NewDataSets(dir string) *DataSets {
	return &DataSets{dir: dir, open: map[string]*datasets.Dataset{}}
}

// For returns the data set of s, opening it on first use.
func (c *DataSets) For(s Spec) (*datasets.Dataset, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ref := s.datasetName()
	if d, ok := c.open[ref]; ok {
		return d, nil
	}
	d, err := datasets.Open(ref, c.dir)
	if err != nil {
		return nil, fmt.Errorf("%s: dataset %s: %w", s.Name, ref, err)
	}
	c.open[ref] = d
	return d, nil
}
