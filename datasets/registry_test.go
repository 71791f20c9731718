package datasets

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckRef(t *testing.T) {
	tests := []struct {
		ref  string
		want string // "" = valid
	}{
		{"mnist", ""},
		{"fashion-mnist", ""},
		{"./kmnist", ""},
		{"/data/kmnist", ""},
		{"kmnist", `"kmnist": not a registered data set (mnist, fashion-mnist) nor a path to an IDX directory (a path contains /, e.g. ./kmnist)`},
		{"", `"": not a registered data set`},
	}
	for _, tc := range tests {
		err := CheckRef(tc.ref)
		if tc.want == "" {
			assert.NoError(t, err, tc.ref)
		} else {
			assert.ErrorContains(t, err, tc.want, tc.ref)
		}
	}
}

func TestKnownDir(t *testing.T) {
	k, ok := Lookup("fashion-mnist")
	require.True(t, ok)
	t.Setenv("SSGAN_FASHION_MNIST", "")
	assert.Equal(t, "/usr/share/datasets/fashion-mnist", k.Dir())
	t.Setenv("SSGAN_FASHION_MNIST", "/elsewhere")
	assert.Equal(t, "/elsewhere", k.Dir())
	m, _ := Lookup("mnist")
	t.Setenv("SSGAN_DATA", "")
	assert.Equal(t, DefaultDir(), m.Dir())
}

func TestOpenNamesTheData(t *testing.T) {
	known := smallMNIST(t)
	registerFixture(t, "tiny", known)
	knownDir := known.write(t)
	unknown := smallMNIST(t)
	unknown[TestLabelsFile] = gz(t, idxLabels(1, 1, 1, 1, 1))
	unknownDir := unknown.write(t)
	// A relative path with a "/" is a path ref.
	wd, err := os.Getwd()
	require.NoError(t, err)
	rel, err := filepath.Rel(wd, unknownDir)
	require.NoError(t, err)

	tests := []struct {
		name, ref, dir string
		want           string // the data set's Name, or the error
		fails          bool
	}{
		{name: "registered name, directory given", ref: "tiny", dir: knownDir, want: "tiny"},
		{name: "registered name, other files of unknown sums", ref: "tiny", dir: unknownDir, want: "tiny"},
		{name: "path holding a registered data set", ref: knownDir, want: "tiny"},
		{name: "path of unknown sums", ref: unknownDir, want: unknownDir},
		{name: "relative path", ref: rel, want: rel},
		{name: "registered name, another registered data set's files", ref: "mnist", dir: knownDir, fails: true,
			want: knownDir + " holds tiny (the SHA-256 of its four files), not mnist"},
		{name: "unknown name", ref: "tiny2", fails: true, want: `"tiny2": not a registered data set`},
		{name: "missing directory", ref: "tiny", dir: filepath.Join(knownDir, "absent"), fails: true, want: "does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Open(tc.ref, tc.dir)
			if tc.fails {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.want)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, d.Name)
			assert.Equal(t, 10, d.Classes)
			assert.Len(t, d.Identity().SHA256, 4)
		})
	}
}

func TestIdentitySame(t *testing.T) {
	a := Identity{Name: "mnist", SHA256: map[string]string{"x": "1", "y": "2"}}
	tests := []struct {
		name string
		b    Identity
		same bool
	}{
		{"same sums, other name (a moved directory)", Identity{Name: "data/m", SHA256: map[string]string{"x": "1", "y": "2"}}, true},
		{"other sums", Identity{Name: "mnist", SHA256: map[string]string{"x": "1", "y": "3"}}, false},
		{"no sums, same name", Identity{Name: "mnist"}, true},
		{"no sums, empty name is mnist", Identity{}, true},
		{"no sums, other name", Identity{Name: "fashion-mnist"}, false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.same, a.Same(tc.b), tc.name)
		assert.Equal(t, tc.same, tc.b.Same(a), tc.name)
	}
	assert.Equal(t, "mnist (sha256 x 1, y 2)", a.String())
	assert.Equal(t, "mnist", Identity{}.String())
}
