#!/usr/bin/env bash
# Times ssgan's three training steps and the PyTorch peer's, alternating, in one invocation, and
# prints the ratio of the medians (ours / peer). Absolute times drift ±15 % between runs on shared
# machines; ratios from one invocation are what to quote.
# Usage: scripts/bench_compare.sh [ROUNDS]   (needs python3-torch for the peer)
set -euo pipefail
cd "$(dirname "$0")/.."
export GOEXPERIMENT=${GOEXPERIMENT:-simd} # the vector kernels, as make builds them
rounds=${1:-3}
peer=${PEER:-../shared/peers/torch_ssgan_step.py}
tags=""; [ -e /usr/lib/x86_64-linux-gnu/libopenblas.so ] && { tags="-tags openblas"; export CGO_LDFLAGS=-lopenblas; }
GOFLAGS=-mod=mod go test $tags -c -o /tmp/ssgan-bench.test ./benchmarks/
# On VMs with a masked CPU model OpenBLAS falls back to generic kernels; ssgan re-execs itself with
# OPENBLAS_CORETYPE set (internal/engine). The peer's PyTorch uses the same system OpenBLAS, so it
# gets the same kernels here, or the comparison would flatter us.
core=$(grep -qw avx512f /proc/cpuinfo && echo SkylakeX || (grep -qw avx2 /proc/cpuinfo && echo Haswell) || true)
export OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-$core}
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(detected)} for both"
declare -A ours theirs gflops
# metric UNIT: the value printed before UNIT on a `go test -bench` line.
metric() { awk -v u="$1" '{for (i=1;i<NF;i++) if ($(i+1)==u) print $i}'; }
for r in $(seq "$rounds"); do
  for step in ssgan dfb gan; do
    name=$(case $step in ssgan) echo SSGANStep;; dfb) echo SupervisedStep;; gan) echo GANStep;; esac)
    out=$(OPENBLAS_NUM_THREADS=2 /tmp/ssgan-bench.test -test.run XXX -test.bench "^Benchmark${name}\$" -test.benchtime 30x -test.benchmem)
    ms=$(echo "$out" | metric ms/iter)
    gf=$(echo "$out" | metric GFLOPS)
    [ -n "$gf" ] && gflops[$step]+="$gf "
    pms=$(OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 "$peer" --step "$step" --threads 2 --iters 30 | sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p')
    ours[$step]+="$ms "; theirs[$step]+="$pms "
    echo "round $r $step: ssgan ${ms} ms/iter, torch ${pms} ms/iter"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "step   ssgan_ms  torch_ms  ratio"
for step in ssgan dfb gan; do
  o=$(echo "${ours[$step]}" | median); t=$(echo "${theirs[$step]}" | median)
  awk -v s="$step" -v o="$o" -v t="$t" 'BEGIN {printf "%-6s %8.1f  %8.1f  %5.2f\n", s, o, t, o/t}'
done
# The machine's practical SGEMM peak (2048² product, 2 threads), the SSGAN iteration's matrix
# products run on their own (same shapes and split, no other work: the floor the BLAS sets), and
# the share of the peak the products reach alone and over each step's whole iteration.
peak=""; prod=""; prodms=""; floor2=""; floor1=""
for r in $(seq "$rounds"); do
  peak+="$(OPENBLAS_NUM_THREADS=2 /tmp/ssgan-bench.test -test.run XXX -test.bench '^BenchmarkSGEMMPeak$' -test.benchtime 20x | metric GFLOPS) "
  out=$(OPENBLAS_NUM_THREADS=2 /tmp/ssgan-bench.test -test.run XXX -test.bench '^BenchmarkSSGANProducts$' -test.benchtime 30x)
  prod+="$(echo "$out" | metric GFLOPS) "; prodms+="$(echo "$out" | metric ms/iter) "
  out=$(OPENBLAS_NUM_THREADS=2 /tmp/ssgan-bench.test -test.run XXX -test.bench '^BenchmarkSSGANFloor$' -test.benchtime 30x)
  floor2+="$(echo "$out" | grep 'threads=2' | metric ms/iter) "; floor1+="$(echo "$out" | grep 'threads=1' | metric ms/iter) "
done
peak=$(echo "$peak" | median); prod=$(echo "$prod" | median); prodms=$(echo "$prodms" | median)
floor2=$(echo "$floor2" | median); floor1=$(echo "$floor1" | median)
echo "SGEMM peak (2048x2048, 2 threads): ${peak} GFLOPS"
awk -v g="$prod" -v ms="$prodms" -v p="$peak" 'BEGIN {printf "ssgan  matrix products alone (two-block split): %.1f ms/iter, %.1f GFLOPS = %.0f %% of peak\n", ms, g, 100*g/p}'
# The floor: the same 43 products straight to the BLAS on its own threads (BenchmarkSSGANFloor).
ss=$(echo "${ours[ssgan]}" | median)
awk -v f2="$floor2" -v f1="$floor1" -v s="$ss" 'BEGIN {
  printf "floor  43 products straight to the BLAS: %.1f ms/iter on 2 threads, %.1f ms/iter on 1\n", f2, f1
  printf "ssgan  iteration / floor (2 threads): %.1f / %.1f = %.2f (target <= 1.3)\n", s, f2, s/f2 }'
for step in ssgan dfb; do
  g=$(echo "${gflops[$step]}" | median)
  awk -v s="$step" -v g="$g" -v p="$peak" 'BEGIN {printf "%-6s matrix products at %.1f GFLOPS over the iteration = %.0f %% of peak\n", s, g, 100*g/p}'
done
