package nn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gorgonia.org/tensor"
)

// Param is a trainable float32 tensor. Its storage is shared by every graph that uses it, so an
// optimiser that updates Value in place updates all of them at once.
type Param struct {
	Name  string
	Value *tensor.Dense
}

// NewParam allocates a zero-filled parameter of the given shape.
func NewParam(name string, shape ...int) *Param {
	return &Param{Name: name, Value: tensor.New(tensor.Of(tensor.Float32), tensor.WithShape(shape...))}
}

// Data returns the parameter's values as a flat slice (row-major).
func (p *Param) Data() []float32 { return p.Value.Data().([]float32) }

// Shape returns the parameter's shape.
func (p *Param) Shape() []int { return []int(p.Value.Shape()) }

// Size returns the number of elements of the parameter.
func (p *Param) Size() int { return p.Value.Shape().TotalSize() }

// Clone returns a deep copy of p under the same name.
func (p *Param) Clone() *Param {
	c := NewParam(p.Name, p.Shape()...)
	copy(c.Data(), p.Data())
	return c
}

// Fill sets every element of p to v.
func (p *Param) Fill(v float32) {
	d := p.Data()
	for i := range d {
		d[i] = v
	}
}

// FillNormal fills p with N(0, std²) draws from rng. It is the seeded replacement for gorgonia's
// clock-seeded initialisers.
func (p *Param) FillNormal(rng *rand.Rand, std float64) {
	d := p.Data()
	for i := range d {
		d[i] = float32(rng.NormFloat64() * std)
	}
}

// FillGlorotUniform fills a (fanIn, fanOut) weight with U(-a, a), a = sqrt(6/(fanIn+fanOut)),
// the Glorot/Xavier uniform initialisation Keras uses by default.
func (p *Param) FillGlorotUniform(rng *rand.Rand) {
	s := p.Shape()
	a := math.Sqrt(6 / float64(s[0]+s[len(s)-1]))
	d := p.Data()
	for i := range d {
		d[i] = float32((2*rng.Float64() - 1) * a)
	}
}

// CopyParams copies the values of src into dst; the two lists must match in names and shapes.
func CopyParams(dst, src []*Param) error {
	if len(dst) != len(src) {
		return fmt.Errorf("nn: copy %d params into %d", len(src), len(dst))
	}
	for i := range dst {
		if dst[i].Size() != src[i].Size() {
			return fmt.Errorf("nn: param %s: size %d, want %d", src[i].Name, src[i].Size(), dst[i].Size())
		}
		copy(dst[i].Data(), src[i].Data())
	}
	return nil
}

// CloneParams deep-copies a list of parameters.
func CloneParams(ps []*Param) []*Param {
	out := make([]*Param, len(ps))
	for i, p := range ps {
		out[i] = p.Clone()
	}
	return out
}
