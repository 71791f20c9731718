package benchmarks

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ssgan/ssgan/ssgan"
)

// TestFlops checks the FLOP counts against sums worked by hand for the headline networks
// (D 784-1000-500-250-250-250-10, G 100-500-500-784, batch 100).
func TestFlops(t *testing.T) {
	c := ssgan.Defaults()
	// Per row: D forward 1,536,500 MACs, of which 752,500 above the first layer and 1,534,000 in
	// the hidden layers; G forward 692,000 MACs, of which 642,000 above the first layer.
	dStep := 300*1536500*2 + 300*752500                                       // 1,147,650,000
	gSample := 100 * 692000                                                   // 69,200,000
	gStep := 100*692000 + 200*1534000 + 100*1534000 + 100*692000 + 100*642000 // 662,800,000
	for _, tc := range []struct {
		name string
		got  float64
		want float64
	}{
		{"ssgan", SSGANFlops(c), 2 * float64(dStep+gSample+gStep)},
		{"supervised", SupervisedFlops(c), 2 * float64(100*1536500*2+100*752500)},
	} {
		assert.Equal(t, tc.want, tc.got, tc.name)
	}
}
