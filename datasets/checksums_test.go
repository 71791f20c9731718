package datasets

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// registerFixture adds a registered data set named name whose checksums are those of f's files,
// for the duration of the test.
func registerFixture(t *testing.T, name string, f fixture) {
	t.Helper()
	sums := map[string]string{}
	for file, data := range f {
		h := sha256.Sum256(data)
		sums[file] = hex.EncodeToString(h[:])
	}
	saved := registry
	registry = append(Registered(), Known{Name: name, SHA256: sums, DefaultDir: "unused"})
	t.Cleanup(func() { registry = saved })
}

func TestVerifyChecksums(t *testing.T) {
	known := smallMNIST(t)
	registerFixture(t, "tiny", known)
	other := smallMNIST(t)
	other[TestLabelsFile] = gz(t, idxLabels(1, 1, 1, 1, 1))

	tests := []struct {
		name    string
		files   fixture
		against string   // "" = Verify, else VerifyAs
		dataset string   // every report's Dataset
		ok      bool     // every report's ChecksumOK
		errs    []string // "" = no error
	}{
		{name: "known data set, identified", files: known, dataset: "tiny", ok: true},
		{name: "known data set, named", files: known, against: "tiny", dataset: "tiny", ok: true},
		{name: "unknown data set: reported, not refused", files: fixture{
			TrainImagesFile: gz(t, idxImages(3, 4, 4)), TrainLabelsFile: gz(t, idxLabels(0, 1, 1)),
			TestImagesFile: gz(t, idxImages(1, 4, 4)), TestLabelsFile: gz(t, idxLabels(1)),
		}},
		{name: "one file of a known data set differs", files: other,
			errs: []string{filepath.Join("DIR", TestLabelsFile) + ": sha256 mismatch: got ", "(tiny)"}},
		{name: "another data set checked against a known one", files: known, against: "mnist", dataset: "mnist",
			errs: []string{filepath.Join("DIR", TrainImagesFile) + ": sha256 mismatch", "want " + KnownSHA256[TrainImagesFile] + " (mnist)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.files.write(t)
			var reps []FileReport
			var err error
			if tc.against == "" {
				reps, err = Verify(dir)
			} else {
				reps, err = VerifyAs(dir, tc.against)
			}
			require.Len(t, reps, 4)
			if len(tc.errs) == 0 {
				require.NoError(t, err)
				for _, r := range reps {
					assert.Equal(t, tc.dataset, r.Dataset, r.Name)
					assert.Equal(t, tc.ok, r.ChecksumOK, r.Name)
					assert.Len(t, r.SHA256, 64)
				}
				return
			}
			require.Error(t, err)
			for _, w := range tc.errs {
				assert.Contains(t, err.Error(), filepath.FromSlash(replaceDir(w, dir)))
			}
		})
	}
}

// replaceDir puts dir in place of the "DIR" that starts s.
func replaceDir(s, dir string) string {
	if len(s) >= 3 && s[:3] == "DIR" {
		return dir + s[3:]
	}
	return s
}

func TestVerifyAsUnknownName(t *testing.T) {
	_, err := VerifyAs(smallMNIST(t).write(t), "kmnist")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"kmnist": not a registered data set (mnist, fashion-mnist)`)
}

func TestVerifyRawFilesHaveNoKnownChecksum(t *testing.T) {
	f := fixture{}
	for name, data := range smallMNIST(t) {
		raw, err := gunzip(data)
		require.NoError(t, err)
		f[name[:len(name)-len(".gz")]] = raw
	}
	reps, err := VerifyAs(f.write(t), "mnist")
	require.NoError(t, err, "uncompressed files have no known checksum to compare")
	for _, r := range reps {
		assert.False(t, r.Gzip)
		assert.False(t, r.ChecksumOK)
		assert.Empty(t, r.Dataset)
	}
}
