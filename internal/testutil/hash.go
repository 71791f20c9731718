package testutil

import (
	"fmt"
	"hash/fnv"
	"math"
)

// HashFloats returns the FNV-1a hash of the bits of every value of the slices, in order: a
// fingerprint of parameters that any change of a single bit changes.
func HashFloats(slices ...[]float32) string {
	h := fnv.New64a()
	var b [4]byte
	for _, s := range slices {
		for _, v := range s {
			u := math.Float32bits(v)
			b[0], b[1], b[2], b[3] = byte(u), byte(u>>8), byte(u>>16), byte(u>>24)
			h.Write(b[:])
		}
	}
	return fmt.Sprintf("%016x", h.Sum64())
}
