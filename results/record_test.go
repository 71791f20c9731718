package results

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteReadRecordRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, RecordFile)
	want := syntheticRecords()[0]
	want.PerClassAccuracy = []float64{0.99, 0.98, 0.97, 0.99, 0.99, 0.98, 0.99, 0.98, 0.97, 0.96}
	want.Confusion = [][]int{{1, 0}, {2, 3}}
	require.NoError(t, WriteRecord(path, &want))
	// Overwriting an existing record is allowed and atomic.
	require.NoError(t, WriteRecord(path, &want))

	got, err := ReadRecord(path)
	require.NoError(t, err)
	assert.Equal(t, want, got)

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file is left behind")
	assert.Equal(t, RecordFile, entries[0].Name())

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"best_test_errors_during_training": 90`)
	assert.NotContains(t, string(data), `"note"`, "empty note is omitted")
}

func TestWriteRecordErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		path    string
		rec     *Record
		wantErr string
	}{
		{name: "nil record", path: filepath.Join(dir, RecordFile), rec: nil, wantErr: "results: write " + filepath.Join(dir, RecordFile) + ": nil record"},
		{name: "missing directory", path: filepath.Join(dir, "absent", RecordFile), rec: &Record{}, wantErr: "results: write " + filepath.Join(dir, "absent", RecordFile) + ": "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := WriteRecord(tc.path, tc.rec)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

func TestReadRecordErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		content string // "" means: do not create the file
		wantErr string
	}{
		{name: "missing", wantErr: "results: read "},
		{name: "truncated", content: `{"experiment": "x", "labels": 1`, wantErr: "results: decode "},
		{name: "wrong type", content: `{"labels": "many"}`, wantErr: "results: decode "},
		{name: "trailing data", content: `{"experiment": "x"} {}`, wantErr: "trailing data after the record"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".json")
			if tc.content != "" {
				require.NoError(t, os.WriteFile(path, []byte(tc.content), 0o644))
			}
			_, err := ReadRecord(path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			assert.Contains(t, err.Error(), path, "the error names the file")
		})
	}
}

func TestReadRecordIgnoresUnknownFields(t *testing.T) {
	path := filepath.Join(t.TempDir(), RecordFile)
	require.NoError(t, os.WriteFile(path, []byte(`{"experiment": "synthetic", "labels": 100, "future_field": 1}`), 0o644))
	rec, err := ReadRecord(path)
	require.NoError(t, err)
	assert.Equal(t, "synthetic", rec.Experiment)
	assert.Equal(t, 100, rec.Labels)
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	recs := syntheticRecords()[:3]
	paths := []string{
		filepath.Join(dir, "b", "seed2", RecordFile),
		filepath.Join(dir, "a", RecordFile),
		filepath.Join(dir, "b", "seed1", "deep", RecordFile),
	}
	for i, p := range paths {
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, WriteRecord(p, &recs[i]))
	}
	// Files that must be skipped: a temporary file left by a crash and
	// other JSON files.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a", RecordFile+".123.tmp"), []byte("{"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a", "metrics.json"), []byte("{"), 0o644))

	got, err := Collect(dir)
	require.NoError(t, err)
	// Lexical path order: a, b/seed1/deep, b/seed2.
	assert.Equal(t, []Record{recs[1], recs[2], recs[0]}, got)
}

func TestCollectErrors(t *testing.T) {
	t.Run("bad file is named", func(t *testing.T) {
		dir := t.TempDir()
		bad := filepath.Join(dir, "run", RecordFile)
		require.NoError(t, os.MkdirAll(filepath.Dir(bad), 0o755))
		require.NoError(t, os.WriteFile(bad, []byte("not json"), 0o644))
		_, err := Collect(dir)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "results: decode "+bad)
	})
	t.Run("missing directory", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "absent")
		_, err := Collect(missing)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "results: collect "+missing)
	})
	t.Run("empty directory", func(t *testing.T) {
		got, err := Collect(t.TempDir())
		require.NoError(t, err)
		assert.Empty(t, got)
	})
}
