#!/usr/bin/env bash
# Copies the four MNIST files from the pinned Go module into DIR and verifies their SHA-256.
set -euo pipefail
mod=$1 dir=$2
sums="440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609  train-images-idx3-ubyte.gz
3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c  train-labels-idx1-ubyte.gz
8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6  t10k-images-idx3-ubyte.gz
f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6  t10k-labels-idx1-ubyte.gz"
mkdir -p "$dir"
if (cd "$dir" && echo "$sums" | sha256sum --quiet -c - >/dev/null 2>&1); then
  exit 0
fi
src=$(GOFLAGS=-mod=mod go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$src" ] || [ ! -d "$src/data" ]; then
  echo "data: could not download $mod" >&2
  exit 1
fi
for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
  install -m 0644 "$src/data/$f" "$dir/$f"
done
(cd "$dir" && echo "$sums" | sha256sum --quiet -c -) || { echo "data: checksum mismatch in $dir" >&2; exit 1; }
echo "data: MNIST in $dir (SHA-256 verified)"
