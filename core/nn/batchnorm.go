package nn

import (
	"github.com/ssgan/ssgan/internal/kernels"
	G "gorgonia.org/gorgonia"
)

// BatchNorm normalises each column by the batch mean and variance in Train mode and by running
// averages in Eval mode, then scales by Gamma and shifts by Beta. The running statistics are
// updated after every Train-mode run as running = Momentum·running + (1−Momentum)·batch (Keras'
// convention: momentum 0.8 keeps 80 % of the old value). They are shared by every graph the layer
// appears in, and checkpointed as buffers.
type BatchNorm struct {
	// Gamma is the trained scale; nil means no scale (the shift Beta only).
	Gamma, Beta       *Param
	RunMean, RunVar   *Param
	Momentum, Epsilon float64
}

// NewBatchNorm makes a batch-norm layer over n columns with scale 1 and shift 0.
func NewBatchNorm(name string, n int, momentum float64) *BatchNorm {
	b := &BatchNorm{
		Gamma: NewParam(name+".gamma", 1, n), Beta: NewParam(name+".beta", 1, n),
		RunMean: NewParam(name+".mean", 1, n), RunVar: NewParam(name+".var", 1, n),
		Momentum: momentum, Epsilon: 1e-3,
	}
	b.Gamma.Fill(1)
	b.RunVar.Fill(1)
	return b
}

// Forward normalises x: in Train mode by one fused op (batchnorm_op.go), which rounds every value
// as the composition of gorgonia ops in forwardComposed does, in Eval mode by that composition
// with the running statistics.
func (b *BatchNorm) Forward(g *Graph, x *G.Node) (*G.Node, error) {
	if g.Mode != Train {
		return b.forwardComposed(g, x)
	}
	var gamma *G.Node
	if b.Gamma != nil {
		gamma = g.Param(b.Gamma)
	}
	y, op, err := batchNormTrain(x, g.Param(b.Beta), gamma, b.Epsilon)
	if err != nil {
		return nil, err
	}
	g.AfterRun(func() {
		m := float32(b.Momentum)
		kernels.Blend(b.RunMean.Data(), op.mean, m)
		kernels.Blend(b.RunVar.Data(), op.variance, m)
	})
	return y, nil
}

// forwardComposed is the layer as a composition of gorgonia ops: the Eval-mode path, and in Train
// mode the reference the fused op is tested against.
func (b *BatchNorm) forwardComposed(g *Graph, x *G.Node) (*G.Node, error) {
	var xc, std *G.Node
	var err error
	if g.Mode == Train {
		if xc, std, err = b.batchStats(g, x); err != nil {
			return nil, err
		}
	} else {
		if xc, err = G.BroadcastSub(x, g.Param(b.RunMean), nil, []byte{0}); err != nil {
			return nil, err
		}
		eps := G.NewConstant(float32(b.Epsilon))
		v, err := G.Add(g.Param(b.RunVar), eps)
		if err != nil {
			return nil, err
		}
		if std, err = G.Sqrt(v); err != nil {
			return nil, err
		}
	}
	xhat, err := G.BroadcastHadamardDiv(xc, std, nil, []byte{0})
	if err != nil {
		return nil, err
	}
	if b.Gamma != nil {
		if xhat, err = mulRow(xhat, g.Param(b.Gamma)); err != nil {
			return nil, err
		}
	}
	return addRow(xhat, g.Param(b.Beta))
}

// batchStats returns x minus its column means and the column standard deviations (1, n), and
// registers the running-average update.
func (b *BatchNorm) batchStats(g *Graph, x *G.Node) (xc, std *G.Node, err error) {
	mean, err := G.Mean(x, 0)
	if err != nil {
		return nil, nil, err
	}
	if mean, err = asRow(mean); err != nil {
		return nil, nil, err
	}
	if xc, err = G.BroadcastSub(x, mean, nil, []byte{0}); err != nil {
		return nil, nil, err
	}
	sq, err := G.Square(xc)
	if err != nil {
		return nil, nil, err
	}
	variance, err := G.Mean(sq, 0)
	if err != nil {
		return nil, nil, err
	}
	if variance, err = asRow(variance); err != nil {
		return nil, nil, err
	}
	v, err := G.Add(variance, G.NewConstant(float32(b.Epsilon)))
	if err != nil {
		return nil, nil, err
	}
	if std, err = G.Sqrt(v); err != nil {
		return nil, nil, err
	}
	g.extras = append(g.extras, mean, variance)
	g.AfterRun(func() {
		m := float32(b.Momentum)
		kernels.Blend(b.RunMean.Data(), Floats(mean), m)
		kernels.Blend(b.RunVar.Data(), Floats(variance), m)
	})
	return xc, std, nil
}

// Params lists Gamma (if any) and Beta.
func (b *BatchNorm) Params() []*Param {
	if b.Gamma == nil {
		return []*Param{b.Beta}
	}
	return []*Param{b.Gamma, b.Beta}
}

// Buffers lists the running mean and variance.
func (b *BatchNorm) Buffers() []*Param { return []*Param{b.RunMean, b.RunVar} }
