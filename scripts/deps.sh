#!/usr/bin/env bash
# Installs what the build needs: OpenBLAS (optional, for speed) and the Go modules. Idempotent.
set -euo pipefail
# OpenBLAS is reached through cgo, which needs a C compiler as well as the library.
have_blas() {
  for f in /usr/lib/x86_64-linux-gnu/libopenblas.so /usr/lib/libopenblas.so /usr/lib/aarch64-linux-gnu/libopenblas.so; do
    [ -e "$f" ] && return 0
  done
  return 1
}
have_cc() { command -v gcc >/dev/null || command -v cc >/dev/null; }
# Fashion-MNIST (the fashion-mnist-* experiments) as Debian packages it; its checksums are in datasets/.
have_fashion() { [ -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; }
if ! have_blas || ! have_cc || ! have_fashion; then
  pkgs=""
  have_blas || pkgs="$pkgs libopenblas-dev"
  have_cc || pkgs="$pkgs gcc"
  have_fashion || pkgs="$pkgs dataset-fashion-mnist"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "deps: installing$pkgs with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs) >/dev/null \
      || echo "deps: apt-get failed; falling back to the pure-Go BLAS (slower), and the Fashion-MNIST experiments need dataset-fashion-mnist"
  else
    echo "deps:$pkgs not installed; for faster training (OpenBLAS through cgo) and Fashion-MNIST run: sudo apt-get install -y$pkgs"
    echo "deps: using the pure-Go BLAS"
  fi
fi
GOFLAGS=-mod=mod go mod download
