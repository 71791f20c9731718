package ssgan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEMAStart checks where the moving average of D starts: at the data-initialised weights by
// default, at zero with EMAFromZero (the reference code's average), and that one step then
// moves it by (1 − decay) of the way to D.
func TestEMAStart(t *testing.T) {
	for _, fromZero := range []bool{false, true} {
		c := Defaults()
		c.InputDim, c.DHidden, c.GHidden, c.NoiseDim, c.Batch, c.InitRows = 12, []int{8}, []int{8}, 4, 6, 20
		c.EMAFromZero, c.EMADecay = fromZero, 0.9
		m, err := New(c, 1)
		require.NoError(t, err)
		require.NoError(t, m.Init(synthetic(c.InitRows*c.InputDim, 1)))
		for i, p := range m.D.Params() {
			for j, v := range m.EMA[i].Data() {
				want := p.Data()[j]
				if fromZero {
					want = 0
				}
				require.Equal(t, want, v, "fromZero=%v: %s[%d]", fromZero, p.Name, j)
			}
		}
		before := append([]float32(nil), m.EMA[0].Data()...)
		m.UpdateAverage()
		for j, v := range m.EMA[0].Data() {
			assert.InDelta(t, before[j]+0.1*(m.D.Params()[0].Data()[j]-before[j]), v, 1e-6, "fromZero=%v: one step", fromZero)
		}
		m.Close()
	}
}
