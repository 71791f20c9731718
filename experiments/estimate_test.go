package experiments

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/ssgan"
)

// TestEstimateParams compares the estimated parameter count with the model the runner builds,
// for the variants that change its shape.
func TestEstimateParams(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Spec)
	}{
		{"tiny ssgan", nil},
		{"explicit K+1 logits", func(s *Spec) { s.Model.Form = "explicit" }},
		{"supervised (no G)", func(s *Spec) { s.Model.Method = "supervised" }},
		{"trained hidden scales", func(s *Spec) { s.Model.TrainHiddenScales = true }},
		{"generator BN scale", func(s *Spec) { s.Model.GenBNScale = true }},
		{"deeper", func(s *Spec) { s.Model.DHidden = []int{30, 20, 10}; s.Model.GHidden = []int{15, 25} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tinySpec(t, tt.edit)
			m, err := ssgan.New(s.Model, 1)
			require.NoError(t, err)
			defer m.Close()
			var params, buffers, ema int64
			for _, p := range m.D.Params() {
				params += int64(p.Size())
			}
			ema = params // Init makes the moving average a copy of D's parameters
			for _, p := range m.D.Buffers() {
				buffers += int64(p.Size())
			}
			if m.G != nil {
				for _, p := range m.G.Params() {
					params += int64(p.Size())
				}
				for _, p := range m.G.Buffers() {
					buffers += int64(p.Size())
				}
			}
			est := Estimate(s)
			assert.Equal(t, params, est.Params, "trained parameters")
			assert.Equal(t, 4*params+ema+buffers, est.Floats, "model state")
		})
	}
}

// TestEstimateHeadline checks the headline's figures against sums done by hand: D 784-1000-500-
// 250-250-250-10 and G 100-500-500-784, with the data dominating memory.
func TestEstimateHeadline(t *testing.T) {
	s, _ := Lookup("mnist-ssgan-100")
	est := Estimate(s)
	// D: weights 784·1000 + 1000·500 + 500·250 + 250·250 + 250·250 + 250·10 = 1,536,500, biases
	// 2,260, output scales 10; G: weights 100·500 + 500·500 + 500·784 = 692,000, BN shifts 1,000,
	// output scale and bias 1,568.
	assert.Equal(t, int64(1536500+2260+10+692000+1000+1568), est.Params)
	assert.Equal(t, int64(70000*784*5), est.Data, "MNIST as bytes and float32")
	assert.Greater(t, est.Memory, est.Data+est.Model)
	assert.Less(t, est.Memory, int64(1e9))
	assert.Greater(t, est.Disk, 2*est.Checkpoint-1)
	assert.Contains(t, est.String(), "needs about")
	assert.Contains(t, est.String(), "2.23 M parameters")

	g, _ := Lookup("mnist-gan")
	assert.Positive(t, Estimate(g).Params)
}

// TestEstimateCheckpointSize compares the estimated checkpoint size with the one a tiny run
// writes (within 20 %: gob's sizes per value vary) and checks that the runner states its
// estimate before training.
func TestEstimateCheckpointSize(t *testing.T) {
	data := loadMNIST(t)
	out := t.TempDir()
	task := tinyTask(t, nil)
	var log bytes.Buffer
	opt := quiet(out)
	opt.Log = &log
	_, err := RunTask(context.Background(), task, data, opt)
	require.NoError(t, err)
	assert.Contains(t, log.String(), "tiny-ssgan seed1: needs about")
	st, err := os.Stat(filepath.Join(runPath(out, task), CheckpointFile))
	require.NoError(t, err)
	est := Estimate(task.Spec).Checkpoint
	assert.InEpsilon(t, float64(st.Size()), float64(est), 0.2, "checkpoint %d bytes, estimated %d", st.Size(), est)
	ck, err := LoadCheckpoint(filepath.Join(runPath(out, task), CheckpointFile))
	require.NoError(t, err)
	var floats int
	for _, v := range ck.Tensors {
		floats += len(v)
	}
	for _, a := range ck.Adam {
		for i := range a.M {
			floats += len(a.M[i]) + len(a.V[i])
		}
	}
	e := Estimate(task.Spec)
	assert.Equal(t, e.Floats-e.Params, int64(floats), "floats in the checkpoint: the model state less the gradients")
}

// TestUnwritableOutDir runs with an output directory that cannot be used: RunTask fails at
// once with a message naming the directory, before it touches the data (nil here).
func TestUnwritableOutDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
	readOnly := filepath.Join(t.TempDir(), "ro")
	require.NoError(t, os.Mkdir(readOnly, 0o500))
	tests := []struct {
		name     string
		out      string
		want     string
		skipRoot bool // root ignores permission bits
	}{
		{"under a regular file", filepath.Join(file, "runs"), "cannot be created", false},
		{"a regular file", file, "cannot be created", false},
		{"read-only directory", readOnly, "is not writable: permission denied", true},
		{"under a read-only directory", filepath.Join(readOnly, "runs"), "cannot be created", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.skipRoot && os.Geteuid() == 0 {
				t.Skip("root ignores permission bits")
			}
			rec, err := RunTask(context.Background(), tinyTask(t, nil), nil, quiet(tt.out))
			require.Error(t, err)
			assert.Nil(t, rec)
			assert.Contains(t, err.Error(), "experiments: output directory "+tt.out)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestCheckOutDirFreeSpace asks for more disk than any file system has.
func TestCheckOutDirFreeSpace(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, CheckOutDir(dir, 1))
	err := CheckOutDir(dir, 1<<62)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "free; the runs need about")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "the write check leaves nothing behind")
}
