// Package nn is the neural-network library the models are built from: a Graph over gorgonia in
// Train or Eval mode with its parameter nodes and input feeds, the compiled Step (forward,
// gradients, Run), Param and its initialisers, the layers (Dense, WNDense, BatchNorm,
// GaussianNoise, Activation) stacked in a Sequential, the losses, data-dependent initialisation,
// Adam and the moving average, the counter-based noise Stream, gradient checking, and the custom
// gorgonia ops behind them (fused element-wise maps, split matrix products, weight-norm linear,
// Train-mode batch norm).
// With -tags openblas it points gorgonia at OpenBLAS. It knows nothing of trainers, tricks or
// models; those are in package core and its users.
package nn
