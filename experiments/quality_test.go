package experiments

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQualityClassifierCache(t *testing.T) {
	out := t.TempDir()
	data := tinyMNIST(200, 100)
	var log strings.Builder
	logf := func(f string, a ...any) { log.WriteString(strings.TrimSpace(f) + "\n") }
	q, err := LoadQualityClassifier(context.Background(), out, data, logf)
	require.NoError(t, err)
	defer q.Close()
	assert.Contains(t, log.String(), "training the sample-quality classifier")
	// The bars of the made-up digits are easy: every test image is classified right.
	assert.Equal(t, 1.0, q.Info.TestAccuracy)
	assert.Equal(t, 256, q.Info.FeatureDim)
	assert.Contains(t, q.Info.Architecture, "MLP 784-512-256-10 ReLU")

	log.Reset()
	again, err := LoadQualityClassifier(context.Background(), out, data, logf)
	require.NoError(t, err)
	defer again.Close()
	assert.Empty(t, log.String(), "the cached classifier is reused")
	assert.Equal(t, q.Info, again.Info)
	assert.Equal(t, q.Real, again.Real)
	p1, f1, err := q.Score(data.Test.Images.Float32(0, 1))
	require.NoError(t, err)
	p2, f2, err := again.Score(data.Test.Images.Float32(0, 1))
	require.NoError(t, err)
	assert.Equal(t, p1, p2)
	assert.Equal(t, f1, f2)

	// Other data: the cache is stale and is replaced.
	other, err := LoadQualityClassifier(context.Background(), out, tinyMNIST(210, 100), logf)
	require.NoError(t, err)
	defer other.Close()
	assert.Contains(t, log.String(), "made with other settings or data; retraining")
	assert.NotEqual(t, q.Info.Hash, other.Info.Hash)

	// An unreadable cache is retrained too.
	require.NoError(t, os.WriteFile(filepath.Join(out, QualityClassifierDir, QualityClassifierFile), []byte("junk"), 0o644))
	log.Reset()
	fixed, err := LoadQualityClassifier(context.Background(), out, data, logf)
	require.NoError(t, err)
	defer fixed.Close()
	assert.Contains(t, log.String(), "is unreadable")
	assert.Equal(t, q.Info, fixed.Info)
}

func TestQualityClassifierCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := LoadQualityClassifier(ctx, t.TempDir(), tinyMNIST(200, 100), nil)
	require.ErrorIs(t, err, context.Canceled)
}

func TestQualityScoreErrors(t *testing.T) {
	q, err := LoadQualityClassifier(context.Background(), t.TempDir(), tinyMNIST(200, 100), nil)
	require.NoError(t, err)
	defer q.Close()
	_, _, err = q.Score(make([]float32, 785))
	require.ErrorContains(t, err, "785 values are not a positive number of 784-pixel images")
	_, _, err = q.Score(nil)
	require.Error(t, err)
}

// TestArgmaxF64 checks that ties go to the first maximum.
func TestArgmaxF64(t *testing.T) {
	assert.Equal(t, 1, argmaxF64([]float64{0.1, 0.7, 0.7}))
}

func TestReadGANLog(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, MetricsFile)
	good := `{"iter":10,"seconds":1,"metrics":{"d_loss":0.5},"mean":{"d_loss":0.6},"sample":"samples/iter-000010.png"}` + "\n"
	require.NoError(t, os.WriteFile(path, []byte(good+`{"iter":20,"metr`), 0o644))
	lines, err := ReadGANLog(path)
	require.NoError(t, err, "a torn last line is skipped")
	require.Len(t, lines, 1)
	assert.Equal(t, 0.6, lines[0].Mean["d_loss"])
	require.NoError(t, os.WriteFile(path, []byte(`{"iter":`+"\n"+good), 0o644))
	_, err = ReadGANLog(path)
	require.ErrorContains(t, err, "line 1")
	lines, err = ReadGANLog(filepath.Join(dir, "absent"))
	require.NoError(t, err)
	assert.Empty(t, lines)
}
