package experiments

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestShardsCoverEveryTaskOnce splits task lists of several lengths into 1 to len+2 shards: each
// task lands in exactly one shard, shard sizes differ by at most one, and order is kept.
func TestShardsCoverEveryTaskOnce(t *testing.T) {
	for _, nSpecs := range []int{1, 2, 3} {
		for _, nSeeds := range []int{1, 3, 5} {
			specs := make([]Spec, nSpecs)
			for i := range specs {
				specs[i] = DefaultSpec()
				specs[i].Name = fmt.Sprintf("exp%d", i)
			}
			seeds, err := SeedRange(1, nSeeds)
			require.NoError(t, err)
			tasks := Tasks(specs, seeds)
			require.Len(t, tasks, nSpecs*nSeeds)
			for n := 1; n <= len(tasks)+2; n++ {
				count := map[string]int{}
				minSize, maxSize := len(tasks), 0
				for i := range n {
					shard := Shard(tasks, i, n)
					minSize, maxSize = min(minSize, len(shard)), max(maxSize, len(shard))
					for k, task := range shard {
						count[task.String()]++
						if k > 0 {
							assert.Less(t, indexOf(tasks, shard[k-1]), indexOf(tasks, task), "order kept")
						}
					}
				}
				for _, task := range tasks {
					assert.Equal(t, 1, count[task.String()], "%s with %d shards", task, n)
				}
				assert.Len(t, count, len(tasks))
				assert.LessOrEqual(t, maxSize-minSize, 1, "%d tasks in %d shards", len(tasks), n)
			}
		}
	}
}

func indexOf(tasks []Task, t Task) int {
	for i, x := range tasks {
		if x.String() == t.String() {
			return i
		}
	}
	return -1
}

// TestTasksOrderAndNames checks the fixed task order (experiments as given, seeds within each)
// and the run directory names.
func TestTasksOrderAndNames(t *testing.T) {
	a, b := DefaultSpec(), DefaultSpec()
	a.Name, b.Name = "b-first", "a-second"
	seeds, err := SeedRange(1, 2)
	require.NoError(t, err)
	var got []string
	for _, task := range Tasks([]Spec{a, b}, seeds) {
		got = append(got, task.String())
	}
	assert.Equal(t, []string{"b-first/seed1", "b-first/seed2", "a-second/seed1", "a-second/seed2"}, got)
	assert.Equal(t, "seed3-data7", Seed{Model: 3, Data: 7}.Dir())
	for _, n := range []int{0, -1} {
		_, err := SeedRange(1, n)
		require.Error(t, err)
		assert.Contains(t, err.Error(), fmt.Sprintf("--seeds %d", n))
	}
}

// TestParseShard covers the accepted "I/N" forms and each kind of mistake.
func TestParseShard(t *testing.T) {
	tests := []struct {
		in      string
		i, n    int
		wantErr string
	}{
		{in: "0/1", i: 0, n: 1},
		{in: "3/4", i: 3, n: 4},
		{in: "3/2", wantErr: "want 0 <= I < N"},
		{in: "2/2", wantErr: "want 0 <= I < N"},
		{in: "-1/2", wantErr: "want 0 <= I < N"},
		{in: "0/0", wantErr: "want 0 <= I < N"},
		{in: "x/2", wantErr: `index "x" is not a number`},
		{in: "1/y", wantErr: `count "y" is not a number`},
		{in: "1/", wantErr: `count "" is not a number`},
		{in: "1", wantErr: "want I/N"},
		{in: "1/2/3", wantErr: "want I/N"},
		{in: "", wantErr: "want I/N"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			i, n, err := ParseShard(tt.in)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Contains(t, err.Error(), "experiments: --shard")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, []int{tt.i, tt.n}, []int{i, n})
		})
	}
}

// TestShardFromEnv reads the shard from the variables Slurm job arrays and Kubernetes Indexed
// Jobs set.
func TestShardFromEnv(t *testing.T) {
	vars := []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "JOB_COMPLETION_INDEX", "SSGAN_SHARDS"}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"none", nil, ""},
		{"slurm array", map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "6"}, "2/6"},
		{"kubernetes indexed job", map[string]string{"JOB_COMPLETION_INDEX": "5", "SSGAN_SHARDS": "6"}, "5/6"},
		{"slurm wins over kubernetes", map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "3",
			"JOB_COMPLETION_INDEX": "4", "SSGAN_SHARDS": "9"}, "1/3"},
		{"slurm index with SSGAN_SHARDS", map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SSGAN_SHARDS": "4"}, "1/4"},
		{"count without index", map[string]string{"SSGAN_SHARDS": "4"}, ""},
		{"index without count", map[string]string{"JOB_COMPLETION_INDEX": "0"}, "0/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, v := range vars {
				t.Setenv(v, tt.env[v])
			}
			got := ShardFromEnv()
			assert.Equal(t, tt.want, got)
			if got == "" {
				return
			}
			if _, _, err := ParseShard(got); tt.want == "0/" {
				require.Error(t, err, "an index without a count must not pass as a shard")
			} else {
				require.NoError(t, err)
			}
		})
	}
}
