package nn

import (
	"fmt"
	"math"
	"sync"

	"github.com/ssgan/ssgan/internal/kernels"
)

// Adam is the Adam optimiser (Kingma & Ba 2014) updating its parameters in place. It updates
// only the parameters it was given, so a network whose parameters belong to another optimiser is
// frozen while this one steps. The zero values of Beta1, Beta2 and Epsilon mean 0.9, 0.999, 1e-8.
//
// The update is the one of the Salimans et al. reference code: w −= lr·m̂/√(v̂ + ε), with ε
// inside the square root. Gradients smaller than √ε = 1e-4 then take proportionally smaller
// steps instead of full-size ones (PyTorch's m̂/(√v̂ + ε) normalises even noise-level gradients
// to steps of size lr).
type Adam struct {
	LR, Beta1, Beta2, Epsilon float64
	Params                    []*Param

	// M and V are the first and second moment estimates, one slice per parameter.
	M, V [][]float32
	// T counts the steps taken (for bias correction).
	T int
}

// NewAdam makes an Adam optimiser over params with the given learning rate and β1 (β2 0.999).
func NewAdam(params []*Param, lr, beta1 float64) *Adam {
	a := &Adam{LR: lr, Beta1: beta1, Beta2: 0.999, Epsilon: 1e-8, Params: params}
	a.M = make([][]float32, len(params))
	a.V = make([][]float32, len(params))
	for i, p := range params {
		a.M[i] = make([]float32, p.Size())
		a.V[i] = make([]float32, p.Size())
	}
	return a
}

// Step applies one update with grads[i] the gradient of Params[i]. Parameters are updated in
// parallel; each element's arithmetic is independent, so the result does not depend on the
// number of goroutines.
func (a *Adam) Step(grads [][]float32) error {
	if len(grads) != len(a.Params) {
		return fmt.Errorf("nn: adam: %d gradients for %d parameters", len(grads), len(a.Params))
	}
	a.T++
	b1, b2 := a.Beta1, a.Beta2
	if b1 == 0 {
		b1 = 0.9
	}
	if b2 == 0 {
		b2 = 0.999
	}
	eps := a.Epsilon
	if eps == 0 {
		eps = 1e-8
	}
	c := kernels.AdamConsts{B1: float32(b1), B2: float32(b2), LR: float32(a.LR), Eps: float32(eps),
		C1: float32(1 / (1 - math.Pow(b1, float64(a.T)))), C2: float32(1 / (1 - math.Pow(b2, float64(a.T))))}
	var wg sync.WaitGroup
	for i, p := range a.Params {
		if len(grads[i]) != p.Size() {
			return fmt.Errorf("nn: adam: gradient of %s has %d values, want %d", p.Name, len(grads[i]), p.Size())
		}
		w, g, m, v := p.Data(), grads[i], a.M[i], a.V[i]
		const chunk = 1 << 16
		for lo := 0; lo < len(w); lo += chunk {
			hi := min(lo+chunk, len(w))
			wg.Add(1)
			go func() {
				defer wg.Done()
				kernels.AdamUpdate(w[lo:hi], g[lo:hi], m[lo:hi], v[lo:hi], c)
			}()
		}
	}
	wg.Wait()
	return nil
}
