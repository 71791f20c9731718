package ssgan

import (
	"fmt"
	"math/rand/v2"

	"github.com/ssgan/ssgan/core/nn"
)

// SampleGenerator generates n images with the SSGAN generator g of config c in inference mode
// (batch norm with its running statistics, so each image depends on its own noise only) from
// U[0, 1) noise drawn from rng. It returns n rows of InputDim values in [0, 1].
func SampleGenerator(g *nn.Sequential, c Config, n int, rng *rand.Rand) ([]float32, error) {
	if n <= 0 {
		return nil, fmt.Errorf("ssgan: sample %d images: must be positive", n)
	}
	graph := nn.NewGraph(nn.Eval, nil)
	z, buf := graph.Input("z", n, c.NoiseDim)
	for i := range buf {
		buf[i] = rng.Float32()
	}
	out, _, err := g.Forward(graph, z)
	if err != nil {
		return nil, err
	}
	step, err := graph.Compile(nil, nil, out)
	if err != nil {
		return nil, err
	}
	defer step.Close()
	if err := step.Run(); err != nil {
		return nil, err
	}
	return append([]float32(nil), nn.Floats(out)...), nil
}
