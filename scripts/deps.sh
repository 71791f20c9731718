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
if ! have_blas || ! have_cc; then
  pkgs=""
  have_blas || pkgs="$pkgs libopenblas-dev"
  have_cc || pkgs="$pkgs gcc"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "deps: installing$pkgs with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs) >/dev/null \
      || echo "deps: apt-get failed; falling back to the pure-Go BLAS (slower)"
  else
    echo "deps:$pkgs not installed; for faster training (OpenBLAS through cgo) run: sudo apt-get install -y$pkgs"
    echo "deps: using the pure-Go BLAS"
  fi
fi
GOFLAGS=-mod=mod go mod download
