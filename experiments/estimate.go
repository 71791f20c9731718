package experiments

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// Resources is what one run is expected to need, estimated from its spec before training.
type Resources struct {
	// Params is the number of trained parameters of D and G.
	Params int64
	// Floats is the number of float32 values of the model state: parameters, their gradients,
	// Adam's two moments, D's moving average and the networks' buffers.
	Floats int64
	// Data, Model and Activations are the parts of Memory in bytes: MNIST as bytes and as
	// float32 (about 270 MB), the model state, and the activations of a training step and of
	// the test-set evaluation.
	Data, Model, Activations int64
	// Memory is the resident memory of the run in bytes, checkpoint encoding included.
	Memory int64
	// Checkpoint is the size of one checkpoint in bytes.
	Checkpoint int64
	// Disk is the largest size of the run directory in bytes: a checkpoint and its temporary
	// copy while it is replaced, plus the logs, split and record.
	Disk int64
}

// MNIST sizes the estimate assumes.
const (
	mnistTrain, mnistTest, mnistDim = 60000, 10000, 784
)

// Estimate sizes a run of s from its parameter counts.
func Estimate(s Spec) Resources {
	var r Resources
	var trained, buffers, ema, rows, widths int64
	if s.Kind == "gan" {
		c := s.GAN.Defaults()
		g := mlp(int64(c.NoiseDim), c.GHidden, int64(c.ImageDim), true)
		d := mlp(int64(c.ImageDim), c.DHidden, 1, false)
		trained, buffers = g.params+d.params, g.buffers+d.buffers
		rows, widths = 2*int64(c.Batch), g.widths+d.widths
	} else {
		c := s.Model
		dIn, dOut := int64(c.InputDim), int64(c.Classes)
		if c.Form == "explicit" {
			dOut++
		}
		d := mlp(dIn, c.DHidden, dOut, false)
		// D's layers are weight-normalised: a scale per unit, fixed (a buffer) on hidden layers
		// unless trained.
		hiddenScales := d.units - dOut
		d.params += dOut
		if c.TrainHiddenScales {
			d.params += hiddenScales
		} else {
			d.buffers += hiddenScales
		}
		trained, buffers, ema = d.params, d.buffers, d.params
		rows, widths = int64(c.Batch), d.widths
		if m, ok := methods[s.Method()]; ok && !m.Capabilities(s).Generator {
			rows = int64(m.Streams(s)+1) * rows // a classic learner: labeled and unlabeled rows
		} else if c.Method != "supervised" {
			g := mlp(int64(c.NoiseDim), c.GHidden, dIn, true)
			g.params -= g.units - dIn // hidden dense layers have no bias: batch norm follows
			g.params += dIn           // the output layer is weight-normalised: a scale per pixel
			if c.GenBNScale {
				g.params += g.units - dIn
			}
			trained, buffers = trained+g.params, buffers+g.buffers
			rows, widths = 3*rows, widths+g.widths
		}
	}
	r.Params = trained
	r.Floats = 4*trained + ema + buffers // value, gradient, two Adam moments
	// gob writes a float32 in about 6 bytes and a shuffler's permutation in about 3 per index:
	// the checkpoint holds values, Adam moments, the moving average and buffers, and the
	// labeled and (SSGAN) two unlabeled shufflers.
	shuffled := int64(s.Labels())
	if m, ok := methods[s.Method()]; ok {
		shuffled += int64(m.Streams(s)) * mnistTrain
	}
	r.Checkpoint = 6*(3*trained+ema+buffers) + 3*shuffled + 16<<10
	r.Data = (mnistTrain + mnistTest) * mnistDim * (1 + 4)
	r.Model = 4 * r.Floats
	// A step keeps each layer's output and its gradient (and a noise or mask tensor); the
	// evaluation runs the test set through D at once.
	r.Activations = 4 * (3*rows*widths + 2*mnistTest*widths)
	r.Memory = r.Data + r.Model + r.Activations + 2*r.Checkpoint
	log := int64(s.Epochs)*1024 + int64(s.Labels())*8 + 64<<10
	r.Disk = 2*r.Checkpoint + log
	return r
}

// layers is the size of a dense network.
type layers struct {
	params, buffers int64 // weights and biases; batch-norm running statistics
	units           int64 // outputs of all layers
	widths          int64 // input plus all outputs
}

// mlp sizes dense layers in → hidden... → out with biases, and with batch norm (a shift, and
// two running statistics) after each hidden layer when bn is set.
func mlp(in int64, hidden []int, out int64, bn bool) layers {
	l := layers{widths: in}
	for _, h := range append(hidden[:len(hidden):len(hidden)], int(out)) {
		w := int64(h)
		l.params += in*w + w
		l.units += w
		l.widths += w
		in = w
	}
	if bn {
		hid := l.units - out
		l.params += hid
		l.buffers += 2 * hid
	}
	return l
}

// String states the estimate for a log line.
func (r Resources) String() string {
	return fmt.Sprintf("needs about %s of memory (data %s, %s parameters: model state %s, activations %s) and %s of disk (checkpoint %s)",
		bytesize(r.Memory), bytesize(r.Data), count(r.Params), bytesize(r.Model), bytesize(r.Activations), bytesize(r.Disk), bytesize(r.Checkpoint))
}

// bytesize writes a byte count in kB, MB or GB.
func bytesize(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.0f MB", float64(n)/1e6)
	default:
		return fmt.Sprintf("%.0f kB", float64(n)/1e3)
	}
}

// count writes a number in units, thousands or millions.
func count(n int64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.2f M", float64(n)/1e6)
	case n >= 1e4:
		return fmt.Sprintf("%.0f k", float64(n)/1e3)
	default:
		return fmt.Sprint(n)
	}
}

// CheckOutDir makes dir if needed and fails with a clear message when it cannot be created, is
// not writable, or has less free space than need bytes.
func CheckOutDir(dir string, need int64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("experiments: output directory %s cannot be created: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, ".ssgan-write-check-*")
	if err != nil {
		return fmt.Errorf("experiments: output directory %s is not writable: %w", dir, unwrapPath(err))
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	var st syscall.Statfs_t
	if syscall.Statfs(dir, &st) == nil {
		if free := int64(st.Bavail) * int64(st.Bsize); free < need {
			return fmt.Errorf("experiments: output directory %s has %s free; the runs need about %s", dir, bytesize(free), bytesize(need))
		}
	}
	return nil
}

// unwrapPath drops the operation and path of an *os.PathError (the temporary file's name is
// noise; the message names the directory), keeping the reason.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
