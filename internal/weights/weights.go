// Package weights is the file format of trained models: an .npz archive (NumPy's zip of .npy
// arrays) holding every parameter and buffer as a named float32 array, plus the array
// "meta.json" (the UTF-8 bytes of a JSON object, as uint8) that says what the model is and how
// to rebuild it. NumPy reads it with np.load("weights.npz"); PyTorch users convert the arrays
// with torch.from_numpy.
//
// It is a package of its own, under internal/, because three packages share it (ssgan for the
// SSGAN, experiments for the article's GAN and the run directories, cmd/ssgan for the
// commands) and none of them is the natural owner of a file format; internal keeps it out of
// the module's public API.
package weights

import "encoding/json"

// Names of the format.
const (
	// FileName is the weights file of a run directory.
	FileName = "weights.npz"
	// MetaArray is the array holding the metadata as JSON bytes.
	MetaArray = "meta.json"
	// Format is the value of Meta.Format this package writes and reads.
	Format = "ssgan-weights/1"
)

// Tensor is one named float32 array: Data holds the values in row-major order, Shape their
// dimensions (one or two).
type Tensor struct {
	Name  string
	Shape []int
	Data  []float32
}

// Meta describes the model of a weights file: enough to rebuild its networks and to know what
// data it expects.
type Meta struct {
	// Format is the version of this format, Format.
	Format string `json:"format"`
	// Kind is "classifier" (an SSGAN or its supervised baseline) or "gan" (the article's GAN).
	Kind string `json:"kind"`
	// Method is "ssgan", "supervised" or "gan".
	Method string `json:"method"`
	// Experiment names the experiment; Dataset the data set it was trained on.
	Experiment string `json:"experiment"`
	Dataset    string `json:"dataset"`
	// ImageRows and ImageCols are the image size; PixelRange the values pixels 0 and 255 map to
	// (inputs of a classifier, outputs of a generator).
	ImageRows  int        `json:"image_rows"`
	ImageCols  int        `json:"image_cols"`
	PixelRange [2]float64 `json:"pixel_range"`
	// Classes is the number of classes of a classifier (0 for a GAN); Labels the labeled
	// training images it used.
	Classes int `json:"classes,omitempty"`
	Labels  int `json:"labels,omitempty"`
	// Model is the network configuration with the field names of spec.yaml (an ssgan.Config
	// for kind classifier, a core.GANConfig for kind gan).
	Model json.RawMessage `json:"model"`
	// Networks lists each network's layers in order, naming the arrays of each.
	Networks map[string][]Layer `json:"networks"`
	// Notes says in words how the arrays compute the outputs.
	Notes string `json:"notes"`
	// Where the weights come from: the seeds, the training length and the spec's hash.
	ModelSeed  uint64 `json:"model_seed"`
	DataSeed   uint64 `json:"data_seed"`
	Epochs     int    `json:"epochs"`
	Iterations int    `json:"iterations"`
	ConfigHash string `json:"config_hash"`
	// Commit and BLAS are the binary's revision and matrix-product library.
	Commit string `json:"commit,omitempty"`
	BLAS   string `json:"blas,omitempty"`
	// FinalTestErrors of TestSize test images is what these weights scored at the end of
	// training (classifiers only).
	TestSize        int  `json:"test_size,omitempty"`
	FinalTestErrors *int `json:"final_test_errors,omitempty"`
}

// Layer describes one layer of a network. Name, for a layer with arrays, is their common prefix
// (the arrays are Name/V, Name/g, Name/b and so on).
type Layer struct {
	// Type is wn_dense, dense, batch_norm, gaussian_noise or an activation (relu, leaky_relu,
	// sigmoid, tanh, softplus, identity).
	Type string `json:"type"`
	Name string `json:"name,omitempty"`
	// In and Out are the input and output widths of a dense layer (the width for batch_norm).
	In  int `json:"in,omitempty"`
	Out int `json:"out,omitempty"`
	// Std is the noise of gaussian_noise (training only); Alpha the slope of leaky_relu;
	// Epsilon and Momentum those of batch_norm.
	Std      float64 `json:"std,omitempty"`
	Alpha    float64 `json:"alpha,omitempty"`
	Epsilon  float64 `json:"epsilon,omitempty"`
	Momentum float64 `json:"momentum,omitempty"`
}
