package experiments

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
	"github.com/ssgan/ssgan/internal/weights"
	"github.com/ssgan/ssgan/ssgan"
)

// Generator is a trained generator that draws sample grids: the article GAN's or an SSGAN's.
type Generator struct {
	// Experiment names the run; Iter is the iteration of its weights; Source the file they were
	// read from.
	Experiment string
	Iter       int
	Source     string
	rows, cols int
	lo, hi     float32
	sample     func(n int, rng *rand.Rand) ([]float32, error)
}

// LoadGenerator loads the generator a WEIGHTS|RUN_DIR argument names. For a run directory it
// reads the checkpoint when there is one (the latest state, also of a run still training), else
// the final weights.npz (as published folders keep them).
func LoadGenerator(arg string) (*Generator, error) {
	st, err := os.Stat(arg)
	if err != nil {
		return nil, fmt.Errorf("experiments: %w", err)
	}
	if !st.IsDir() {
		return generatorFromWeights(arg)
	}
	ck := filepath.Join(arg, CheckpointFile)
	if _, err := os.Stat(ck); err == nil {
		return generatorFromCheckpoint(arg)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("experiments: %w", err)
	}
	w := filepath.Join(arg, WeightsFile)
	if _, err := os.Stat(w); err != nil {
		return nil, fmt.Errorf("experiments: run directory %s has neither %s nor %s: %w", arg, CheckpointFile, WeightsFile, err)
	}
	return generatorFromWeights(w)
}

// generatorFromCheckpoint rebuilds the generator of a run directory's checkpoint.
func generatorFromCheckpoint(dir string) (*Generator, error) {
	spec, err := LoadSpec(filepath.Join(dir, SpecFile))
	if err != nil {
		return nil, err
	}
	if spec.Kind == "gan" {
		g, err := LoadGANGenerator(dir)
		if err != nil {
			return nil, err
		}
		return ganGenerator(spec.Name, g.Iter, filepath.Join(dir, CheckpointFile), g.Spec.GAN, g.G)
	}
	if !spec.Model.HasGenerator() {
		return nil, fmt.Errorf("experiments: %s is a %s run: it has no generator", dir, spec.Model.Method)
	}
	path := filepath.Join(dir, CheckpointFile)
	ck, err := LoadCheckpoint(path)
	if err != nil {
		return nil, err
	}
	if ck.ConfigHash != spec.Hash() {
		return nil, fmt.Errorf("experiments: %s: checkpoint belongs to spec %s, not %s", dir, ck.ConfigHash, spec.Hash())
	}
	g := ssgan.NewGenerator(spec.Model, rand.New(rand.NewPCG(0, 0)))
	for _, ps := range [][]*nn.Param{g.Params(), g.Buffers()} {
		if err := ck.GetParams("G.", ps); err != nil {
			return nil, fmt.Errorf("experiments: %s: %w", path, err)
		}
	}
	return ssganGenerator(spec.Name, ck.Iter, path, spec.Model, g)
}

// generatorFromWeights rebuilds the generator of a weights file of either kind.
func generatorFromWeights(path string) (*Generator, error) {
	f, err := weights.Read(path)
	if err != nil {
		return nil, err
	}
	switch f.Meta.Kind {
	case "classifier":
		m, err := ssgan.FromWeights(f)
		if err != nil {
			return nil, err
		}
		defer m.Close()
		if m.G == nil {
			return nil, f.Errorf("a %s classifier: it has no generator", m.Cfg.Method)
		}
		g, err := ssganGenerator(f.Meta.Experiment, f.Meta.Iterations, path, m.Cfg, m.G)
		if err == nil {
			g.rows, g.cols = f.Meta.ImageRows, f.Meta.ImageCols
		}
		return g, err
	case "gan":
		var c core.GANConfig
		if err := weights.DecodeConfig(f.Meta.Model, &c); err != nil {
			return nil, f.Errorf("%s: %v", weights.MetaArray, err)
		}
		if err := c.Validate(); err != nil {
			return nil, f.Errorf("%s model: %v", weights.MetaArray, err)
		}
		rng := rand.New(rand.NewPCG(0, 0))
		gen, disc := core.NewGANGenerator(c, rng), core.NewGANDiscriminator(c, rng)
		for _, n := range []struct {
			prefix string
			net    *nn.Sequential
		}{{"G", gen}, {"D", disc}} {
			entries, _, err := weights.Network(n.prefix, n.net)
			if err != nil {
				return nil, err
			}
			if err := f.Load(entries); err != nil {
				return nil, err
			}
		}
		if err := f.Unused(); err != nil {
			return nil, err
		}
		return ganGenerator(f.Meta.Experiment, f.Meta.Iterations, path, c, gen)
	}
	return nil, f.Errorf("%s kind %q: want classifier or gan", weights.MetaArray, f.Meta.Kind)
}

// square returns the side of square images of dim pixels.
func square(dim int) (int, error) {
	side := int(math.Round(math.Sqrt(float64(dim))))
	if side*side != dim {
		return 0, fmt.Errorf("experiments: images of %d pixels are not square; cannot draw a grid", dim)
	}
	return side, nil
}

// ganGenerator wraps the article GAN's generator: N(0, 1) noise, pixels in [-1, 1].
func ganGenerator(name string, iter int, source string, c core.GANConfig, g *nn.Sequential) (*Generator, error) {
	side, err := square(c.Defaults().ImageDim)
	if err != nil {
		return nil, err
	}
	return &Generator{Experiment: name, Iter: iter, Source: source, rows: side, cols: side, lo: -1, hi: 1,
		sample: func(n int, rng *rand.Rand) ([]float32, error) { return core.SampleGenerator(g, c, n, rng) }}, nil
}

// ssganGenerator wraps an SSGAN's generator: U[0, 1) noise, pixels in [0, 1].
func ssganGenerator(name string, iter int, source string, c ssgan.Config, g *nn.Sequential) (*Generator, error) {
	side, err := square(c.InputDim)
	if err != nil {
		return nil, err
	}
	return &Generator{Experiment: name, Iter: iter, Source: source, rows: side, cols: side, lo: 0, hi: 1,
		sample: func(n int, rng *rand.Rand) ([]float32, error) { return ssgan.SampleGenerator(g, c, n, rng) }}, nil
}

// SaveGrid writes a side×side grid of images generated in inference mode from GridNoise(seed) to
// path as a PNG. For a GAN run's checkpoint with side GridSide and seed GridSeed it redraws the
// run's own grid of the checkpoint's iteration.
func (g *Generator) SaveGrid(path string, side int, seed uint64) error {
	if side <= 0 {
		return fmt.Errorf("experiments: grid of %d×%d images: want at least 1×1", side, side)
	}
	x, err := g.sample(side*side, GridNoise(seed))
	if err != nil {
		return err
	}
	return SaveGrid(path, x, side, g.rows, g.cols, g.lo, g.hi)
}
