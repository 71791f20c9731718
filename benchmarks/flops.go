package benchmarks

import "github.com/ssgan/ssgan/ssgan"

// macs returns the multiply-adds of n rows through the dense layers of widths w[0]→w[1]→….
func macs(n int, w []int) float64 {
	var s float64
	for i := 1; i < len(w); i++ {
		s += float64(n) * float64(w[i-1]) * float64(w[i])
	}
	return s
}

// SSGANFlops returns the matrix-product FLOPs (2 per multiply-add) of one SSGAN iteration of
// the configuration with feature matching on D's last hidden layer (the default), as the
// compiled steps compute them:
//   - G's sample for D's step: G forward on one batch;
//   - D's step on 3 batches (labeled, unlabeled, generated): forward, the weight gradient of
//     every layer, the input gradient of every layer but the first (the data needs none);
//   - G's feature-matching step: G forward; D's hidden layers forward on the generated and on a
//     real batch (the output layer is not needed); the input gradients of D's hidden layers on
//     the generated batch down to G's output (D's weights are frozen); G's weight gradients and
//     its input gradients above the first layer.
func SSGANFlops(c ssgan.Config) float64 {
	d := append(append([]int{c.InputDim}, c.DHidden...), c.Classes)
	g := append(append([]int{c.NoiseDim}, c.GHidden...), c.InputDim)
	hidden := d[:len(d)-1]
	b := c.Batch
	gFwd, dFwd := macs(b, g), macs(b, d)
	dStep := 3*dFwd + 3*dFwd + 3*macs(b, d[1:])
	gStep := gFwd + 2*macs(b, hidden) + macs(b, hidden) + gFwd + macs(b, g[1:])
	return 2 * (gFwd + dStep + gStep)
}

// SupervisedFlops returns the matrix-product FLOPs of one supervised D step on one batch.
func SupervisedFlops(c ssgan.Config) float64 {
	d := append(append([]int{c.InputDim}, c.DHidden...), c.Classes)
	return 2 * (2*macs(c.Batch, d) + macs(c.Batch, d[1:]))
}
