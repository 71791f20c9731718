#!/usr/bin/env bash
# Records the earlier engine's noise-free trajectory for ssgan's TestArithmeticMatchesEarlierEngine:
# checks out 0c49581 (the last commit of the engine with the sequential PCG noise and float64
# element-wise kernels) in a temporary clone, makes G's input replaceable (model.patch), runs
# record_test.go.in there and writes ssgan/testdata/earlier_engine_noise_free.json.
# Usage: bash scripts/earlier_engine/record.sh   (from the repository root; about a minute)
set -euo pipefail
root=$(git rev-parse --show-toplevel)
here=$root/scripts/earlier_engine
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone -q "$root" "$tmp/old"
cd "$tmp/old"
git checkout -q 0c49581
git apply "$here/model.patch"
cp "$here/record_test.go.in" ssgan/zz_record_test.go
# Under OpenBLAS's Zen kernels (the test compares bit for bit only under the kernels of the
# record: earlierEngineKernels in ssgan/engine_equivalence_test.go).
export GOFLAGS=-mod=mod GOEXPERIMENT=simd CGO_LDFLAGS=-lopenblas OPENBLAS_CORETYPE=Zen
RECORD_OUT="$root/ssgan/testdata/earlier_engine_noise_free.json" \
	go test -tags openblas -run TestRecordNoiseFree -count=1 ./ssgan/
echo "wrote ssgan/testdata/earlier_engine_noise_free.json"
