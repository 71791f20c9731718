package datasets

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// DefaultName is the data set of a spec that names none.
const DefaultName = "mnist"

// Known is a registered data set: where its files are by default and the SHA-256 of each of its
// four gzip files, so that a directory can be recognised and checked.
type Known struct {
	// Name is how specs and tables name it.
	Name string
	// Description is a one-line summary.
	Description string
	// EnvVar, when set in the environment, is the directory of its files.
	EnvVar string
	// DefaultDir is the directory of its files when EnvVar is unset.
	DefaultDir string
	// SHA256 maps each standard (.gz) file name to the SHA-256 of the file.
	SHA256 map[string]string
	// Source says where the files and their checksums come from.
	Source string
}

// Dir returns the directory of the data set's files: $EnvVar if set, else DefaultDir.
func (k Known) Dir() string {
	if d := os.Getenv(k.EnvVar); k.EnvVar != "" && d != "" {
		return d
	}
	return k.DefaultDir
}

// registry lists the known data sets.
var registry = []Known{
	{
		Name:        "mnist",
		Description: "MNIST handwritten digits (LeCun et al. 1998), 60,000 + 10,000 images of 28x28, 10 classes",
		EnvVar:      "SSGAN_DATA",
		DefaultDir:  filepath.Join("data", "mnist"),
		SHA256:      KnownSHA256,
		Source:      "the original MNIST distribution's four gzip files, as `make data` fetches them",
	},
	{
		Name:        "fashion-mnist",
		Description: "Fashion-MNIST (Xiao et al. 2017), Zalando article images in MNIST's format: 60,000 + 10,000 images of 28x28, 10 classes",
		EnvVar:      "SSGAN_FASHION_MNIST",
		DefaultDir:  filepath.Join("/usr", "share", "datasets", "fashion-mnist"),
		SHA256:      FashionMNISTSHA256,
		Source: "Debian's package dataset-fashion-mnist 0.0~git20200523.55506a9-1 (apt-get install " +
			"dataset-fashion-mnist), which installs the four files in /usr/share/datasets/fashion-mnist",
	},
}

// Registered returns the known data sets, in a new slice.
func Registered() []Known { return slices.Clone(registry) }

// Lookup returns the registered data set of that name.
func Lookup(name string) (Known, bool) {
	for _, k := range registry {
		if k.Name == name {
			return k, true
		}
	}
	return Known{}, false
}

// Names lists the registered data sets' names.
func Names() []string {
	out := make([]string, len(registry))
	for i, k := range registry {
		out[i] = k.Name
	}
	return out
}

// CheckRef reports whether ref names a data set a spec may use: a registered name, or a path to
// an IDX directory (it must contain a "/", e.g. ./kmnist, so that a misspelt name is not taken
// for a directory). The directory itself is only read when the data set is opened.
func CheckRef(ref string) error {
	if _, ok := Lookup(ref); ok || strings.ContainsRune(ref, '/') {
		return nil
	}
	return fmt.Errorf("%q: not a registered data set (%s) nor a path to an IDX directory (a path contains /, e.g. ./%s)",
		ref, strings.Join(Names(), ", "), ref)
}

// pathRef is ref, a path to an IDX directory, cleaned but still a path: "./kmn" stays "./kmn"
// (filepath.Clean would make it "kmn", which names no registered data set and no path), so the
// name recorded for a run opens the same directory again.
func pathRef(ref string) string {
	p := filepath.Clean(ref)
	if !strings.ContainsRune(p, '/') {
		p = "./" + p
	}
	return p
}

// Open reads the data set ref names: a registered name, read from dir if dir is not empty and
// from the registered directory otherwise, or a path to an IDX directory (dir is then ignored).
// The files' SHA-256 sums name the data: a directory holding a registered data set's files is
// that data set, and a directory given for one registered data set that holds another's is an
// error naming both. Sums that match no registered data set are recorded, not refused (the files
// may have been recompressed); `ssgan data verify` checks them.
func Open(ref, dir string) (*Dataset, error) {
	if ref == "" {
		ref = DefaultName
	}
	if err := CheckRef(ref); err != nil {
		return nil, fmt.Errorf("datasets: %w", err)
	}
	k, registered := Lookup(ref)
	switch {
	case !registered:
		dir = pathRef(ref)
	case dir == "":
		dir = k.Dir()
	}
	d, err := Load(dir)
	if err != nil {
		return nil, err
	}
	found, full := identify(d.Files)
	switch {
	case registered && full && found.Name != k.Name:
		return nil, fmt.Errorf("datasets: %s holds %s (the SHA-256 of its four files), not %s", dir, found.Name, k.Name)
	case registered:
		d.Name = k.Name
	case full:
		d.Name = found.Name
	default:
		d.Name = dir
	}
	return d, nil
}
