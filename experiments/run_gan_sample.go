package experiments

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"

	"github.com/ssgan/ssgan/core"
	"github.com/ssgan/ssgan/core/nn"
)

// GridSeed is the seed of the fixed noise behind every sample grid of a run, so the grids of
// successive iterations (and of different runs) show the same latent points.
const GridSeed = 1

// gridNoiseStream is the PCG stream of the grid noise.
const gridNoiseStream = 0x6a1d

// GridNoise returns the noise source of the sample grids for a seed: GridNoise(GridSeed) is the
// one runs draw their grids from.
func GridNoise(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, gridNoiseStream)) }

// GANGenerator is the generator saved in a GAN run directory's checkpoint.
type GANGenerator struct {
	// Spec is the run's resolved spec (spec.yaml).
	Spec Spec
	// G is the generator; Iter the iteration of the checkpoint it comes from.
	G    *nn.Sequential
	Iter int
}

// LoadGANGenerator reads the spec and the checkpoint of a GAN run directory
// (OUT/<experiment>/<seed>) and rebuilds its generator. It needs no training data, and it only
// reads, so the run may be training meanwhile.
func LoadGANGenerator(runDir string) (*GANGenerator, error) {
	spec, err := LoadSpec(filepath.Join(runDir, SpecFile))
	if err != nil {
		return nil, err
	}
	if spec.Kind != "gan" {
		return nil, fmt.Errorf("experiments: %s is a %s run, not a gan run", runDir, spec.Kind)
	}
	ck, err := LoadCheckpoint(filepath.Join(runDir, CheckpointFile))
	if err != nil {
		return nil, err
	}
	if ck.ConfigHash != spec.Hash() {
		return nil, fmt.Errorf("experiments: %s: checkpoint belongs to spec %s, not %s", runDir, ck.ConfigHash, spec.Hash())
	}
	g, err := core.GeneratorFromCheckpoint(spec.GAN, ck)
	if err != nil {
		return nil, fmt.Errorf("experiments: %s: %w", runDir, err)
	}
	return &GANGenerator{Spec: spec, G: g, Iter: ck.Iter}, nil
}

// SaveGrid writes a side×side grid of images generated (in inference mode) from
// GridNoise(seed) to path as a PNG. With side GridSide and seed GridSeed it redraws the run's
// own grid of the checkpoint's iteration.
func (g *GANGenerator) SaveGrid(path string, side int, seed uint64) error {
	if side <= 0 {
		return fmt.Errorf("experiments: grid of %d×%d images: want at least 1×1", side, side)
	}
	dim := g.Spec.GAN.Defaults().ImageDim
	rows := int(math.Round(math.Sqrt(float64(dim))))
	if rows*rows != dim {
		return fmt.Errorf("experiments: images of %d pixels are not square; cannot draw a grid", dim)
	}
	x, err := core.SampleGenerator(g.G, g.Spec.GAN, side*side, GridNoise(seed))
	if err != nil {
		return err
	}
	return SaveGrid(path, x, side, rows, rows, -1, 1)
}
