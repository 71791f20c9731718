package kernels

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPhilox4x32KnownAnswers checks the three philox4x32 10 lines of Random123's
// kat_vectors file (counter, key, expected output).
func TestPhilox4x32KnownAnswers(t *testing.T) {
	tests := []struct {
		name string
		ctr  [4]uint32
		key  [2]uint32
		want [4]uint32
	}{
		{"zeros", [4]uint32{}, [2]uint32{}, [4]uint32{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
		{"ones", [4]uint32{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, [2]uint32{0xffffffff, 0xffffffff},
			[4]uint32{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
		{"pi", [4]uint32{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, [2]uint32{0xa4093822, 0x299f31d0},
			[4]uint32{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Philox4x32(tt.ctr, tt.key))
		})
	}
}

// TestAddressBlocksDiffer checks that each part of an address changes every word of the block.
func TestAddressBlocksDiffer(t *testing.T) {
	base := Address{Seed: 1, Stream: 2, Fill: 3}
	ref := base.block(4)
	for name, other := range map[string][4]uint32{
		"seed low":  Address{Seed: 1 ^ 1, Stream: 2, Fill: 3}.block(4),
		"seed high": Address{Seed: 1 ^ 1<<40, Stream: 2, Fill: 3}.block(4),
		"stream":    Address{Seed: 1, Stream: 3, Fill: 3}.block(4),
		"fill low":  Address{Seed: 1, Stream: 2, Fill: 4}.block(4),
		"fill high": Address{Seed: 1, Stream: 2, Fill: 3 | 1<<33}.block(4),
		"block":     base.block(5),
	} {
		for j := range ref {
			assert.NotEqual(t, ref[j], other[j], "%s: word %d", name, j)
		}
	}
}
