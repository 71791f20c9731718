package ssgan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ssgan/ssgan/core"
)

// TestNewUncompiledIsNewWithoutSteps checks that NewUncompiled builds the very networks New does
// (every parameter, the noise stream at its first fill: compiling draws nothing, so a learner built
// on it trains on the bits it would have had on New's model), and that its Step refuses to run.
func TestNewUncompiledIsNewWithoutSteps(t *testing.T) {
	for _, method := range []string{"supervised", "ssgan"} {
		t.Run(method, func(t *testing.T) {
			c := tinyConfig(method)
			full, err := New(c, 7)
			require.NoError(t, err)
			t.Cleanup(full.Close)
			bare, err := NewUncompiled(c, 7)
			require.NoError(t, err)
			t.Cleanup(bare.Close)

			fp, bp := full.D.Params(), bare.D.Params()
			if c.HasGenerator() {
				fp, bp = append(fp, full.G.Params()...), append(bp, bare.G.Params()...)
			}
			require.Len(t, bp, len(fp))
			for i := range fp {
				assert.Equal(t, fp[i].Data(), bp[i].Data(), "parameter %d", i)
			}
			assert.Equal(t, full.NoiseSrc.Fills(), bare.NoiseSrc.Fills())
			assert.Zero(t, bare.NoiseSrc.Fills())

			require.NoError(t, bare.Init(synthetic(c.InitRows*c.InputDim, 1)))
			_, err = bare.Step(core.DefaultPlan(bare.Capabilities()), core.FixedBatch{})
			assert.ErrorContains(t, err, "NewUncompiled")
		})
	}
}
