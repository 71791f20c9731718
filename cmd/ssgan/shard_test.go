package main

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/results"
)

// TestShardsMerge runs the two shards of a two-seed experiment into one output directory, the
// first with --shard and the second with a Kubernetes index from the environment, as a cluster
// would: collecting the directory finds both records, and "table" summarises them together.
func TestShardsMerge(t *testing.T) {
	data := mnistDirForRun(t)
	spec := writeFile(t, "tiny-cli.yaml", tinySpecYAML)
	out := t.TempDir()
	common := []string{"run", spec, "--seeds", "2", "--out", out, "--data-dir", data, "--threads", "1"}

	log0, line := execRoot(t, nil, append(common, "--shard", "0/2")...)
	require.Empty(t, line, log0)
	assert.Contains(t, log0, "1 task(s)")
	assert.Contains(t, log0, "tiny-cli/seed1: finished")
	log1, line := execRoot(t, map[string]string{"JOB_COMPLETION_INDEX": "1", "SSGAN_SHARDS": "2"}, common...)
	require.Empty(t, line, log1)
	assert.Contains(t, log1, "tiny-cli/seed2: finished")
	assert.NotContains(t, log1, "seed1")

	recs, err := results.Collect(out)
	require.NoError(t, err)
	require.Len(t, recs, 2)
	for i, r := range recs {
		assert.Equal(t, "tiny-cli", r.Experiment)
		assert.Equal(t, results.StatusFinished, r.Status)
		assert.Equal(t, uint64(i+1), r.ModelSeed)
		assert.FileExists(t, filepath.Join(out, "tiny-cli", fmt.Sprintf("seed%d", i+1), results.RecordFile))
	}
	table, err := results.BuildTable(recs, false)
	require.NoError(t, err)
	require.Len(t, table.Rows, 1)
	assert.Equal(t, 2, table.Rows[0].Finished)

	text, line := execRoot(t, nil, "table", out)
	require.Empty(t, line)
	assert.Contains(t, text, "tiny-cli")

	again, line := execRoot(t, nil, append(common, "--shard", "1/2")...)
	require.Empty(t, line)
	assert.Contains(t, again, "tiny-cli/seed2: finished", "a finished shard reports its record")
	assert.NotContains(t, again, "epoch 1/1", "and does not train again")
}
