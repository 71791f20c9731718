// Package benchmarks times ssgan's training steps — the SSGAN iteration, the supervised
// discriminator step and the article's GAN step — on synthetic data of MNIST's shape, the same
// steps ../shared/peers/torch_ssgan_step.py times in PyTorch. Run them with `make bench`; compare
// with the peer in one invocation with `make bench-compare` (scripts/bench_compare.sh).
package benchmarks
