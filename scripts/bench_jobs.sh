#!/usr/bin/env bash
# Iterations per second of the SSGAN step for two seeds in parallel (2 processes × 1 thread)
# against one process with 2 threads, alternating, in one invocation; and the core-milliseconds
# one SSGAN iteration costs with one single-threaded job per core, against the one-thread floor
# (the iteration's 43 products straight to a one-thread BLAS, BenchmarkSSGANFloor).
# Usage: scripts/bench_jobs.sh [ROUNDS] [ITERS]
set -euo pipefail
cd "$(dirname "$0")/.."
export GOEXPERIMENT=${GOEXPERIMENT:-simd} # the vector kernels, as make builds them
rounds=${1:-3}; iters=${2:-60}
tags=""; [ -e /usr/lib/x86_64-linux-gnu/libopenblas.so ] && { tags="-tags openblas"; export CGO_LDFLAGS=-lopenblas; }
GOFLAGS=-mod=mod go test $tags -c -o /tmp/ssgan-bench.test ./benchmarks/
ms() { awk '/ms\/iter/ {for (i=1;i<=NF;i++) if ($(i+1)=="ms/iter") print $i}'; }
bench() { OPENBLAS_NUM_THREADS=$1 GOMAXPROCS=$1 /tmp/ssgan-bench.test -test.run XXX -test.bench '^BenchmarkSSGANStep$' -test.benchtime "${iters}x"; }
for r in $(seq "$rounds"); do
  one=$(bench 2 | ms)
  bench 1 > /tmp/ssgan-jobs-a.txt & bench 1 > /tmp/ssgan-jobs-b.txt; wait
  a=$(ms < /tmp/ssgan-jobs-a.txt); b=$(ms < /tmp/ssgan-jobs-b.txt)
  awk -v r="$r" -v one="$one" -v a="$a" -v b="$b" 'BEGIN {
    s1 = 1000/one; s2 = 1000/a + 1000/b
    printf "round %d: 1 job x 2 threads %.1f it/s (%.1f ms); 2 jobs x 1 thread %.1f it/s (%.1f, %.1f ms); ratio %.2f\n", r, s1, one, s2, a, b, s2/s1 }'
  f1=$(OPENBLAS_NUM_THREADS=1 GOMAXPROCS=1 /tmp/ssgan-bench.test -test.run XXX -test.bench '^BenchmarkSSGANFloor$/threads=1' -test.benchtime 30x | ms)
  awk -v r="$r" -v a="$a" -v b="$b" -v f="$f1" 'BEGIN {
    printf "round %d: parallel seeds %.1f core-ms per iteration, one-thread floor %.1f ms: ratio %.2f (target <= 1.3)\n", r, (a+b)/2, f, (a+b)/2/f }'
done
