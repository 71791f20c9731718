#!/usr/bin/env bash
# Measures the ways of running the SSGAN iteration's matrix products on 2 cores, alternating in
# one invocation (the engine issue's item 5), beside the PyTorch peer:
#   split        two goroutine blocks over a single-threaded OpenBLAS (the default)
#   native       OpenBLAS's own threads, Debian's pthread build (SSGAN_BLAS=native)
#   native-t4    the same with OPENBLAS_THREAD_TIMEOUT=4: an idle worker spins 2^4 cycles (the
#                least OpenBLAS allows; the default is 2^28) before it sleeps on a condition
#   native-t16   the same with 2^16 cycles (about 30 µs here)
#   native-omp   OpenBLAS's own threads, Debian's OpenMP build (libopenblas0-openmp, unpacked
#                into a private directory, not installed), OMP_WAIT_POLICY=PASSIVE as the peer runs
#   split-omp    the split over the OpenMP build
# and the floor (BenchmarkSSGANFloor: the 43 products straight to the BLAS) under each build and
# under the pthread build's shortest timeout.
# Usage: scripts/bench_blas.sh [ROUNDS]   (needs python3-torch for the peer)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
peer=${PEER:-../shared/peers/torch_ssgan_step.py}
export GOEXPERIMENT=${GOEXPERIMENT:-simd} CGO_LDFLAGS=-lopenblas
GOFLAGS=-mod=mod go test -tags openblas -c -o /tmp/ssgan-bench.test ./benchmarks/
omp=/tmp/openblas-openmp
if [ ! -e "$omp/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0" ]; then
  deb=$(cd /tmp && apt-get download libopenblas0-openmp >/dev/null && ls -t libopenblas0-openmp_*.deb | head -1)
  dpkg -x "/tmp/$deb" "$omp"
fi
omplib=$omp/usr/lib/x86_64-linux-gnu/openblas-openmp
core=$(grep -qw avx512f /proc/cpuinfo && echo SkylakeX || (grep -qw avx2 /proc/cpuinfo && echo Haswell) || true)
export OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-$core} OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(detected)}; $(grep -m1 'model name' /proc/cpuinfo); $(nproc) CPUs"
# Which libopenblas each build loads (the pthread build from the system path, the OpenMP one from
# the unpacked directory), resolved the way the dynamic loader will for the runs below.
loaded() { # ENV...: the libopenblas file the test binary resolves to under the environment given
  local f
  f=$(env "$@" ldd /tmp/ssgan-bench.test | awk '/libopenblas/ && $3 ~ /^\// {print $3}' | head -1)
  if [ -n "$f" ]; then readlink -f "$f"; else echo "(no libopenblas resolved)"; fi
}
echo "pthread build: $(loaded)"
echo "OpenMP build:  $(loaded LD_LIBRARY_PATH="$omplib")"
metric() { awk -v u="$1" '{for (i=1;i<NF;i++) if ($(i+1)==u) print $i}'; }
declare -A ms
ways="split native native-t4 native-t16 native-omp split-omp floor-pthread floor-t4 floor-omp peer" # in the order they are printed
step() { # NAME ENV...: one SSGANStep measurement under the environment given
  local name=$1; shift
  ms[$name]+="$(env "$@" /tmp/ssgan-bench.test -test.run XXX -test.bench '^BenchmarkSSGANStep$' -test.benchtime 30x | metric ms/iter) "
}
floor() { # NAME ENV...
  local name=$1; shift
  ms[$name]+="$(env "$@" /tmp/ssgan-bench.test -test.run XXX -test.bench '^BenchmarkSSGANFloor$' -test.benchtime 30x | grep 'threads=2' | metric ms/iter) "
}
for r in $(seq "$rounds"); do
  step split SSGAN_BLAS=
  step native SSGAN_BLAS=native
  step native-t4 SSGAN_BLAS=native OPENBLAS_THREAD_TIMEOUT=4
  step native-t16 SSGAN_BLAS=native OPENBLAS_THREAD_TIMEOUT=16
  step native-omp SSGAN_BLAS=native LD_LIBRARY_PATH="$omplib" OMP_WAIT_POLICY=PASSIVE
  step split-omp SSGAN_BLAS= LD_LIBRARY_PATH="$omplib" OMP_WAIT_POLICY=PASSIVE
  floor floor-pthread
  floor floor-t4 OPENBLAS_THREAD_TIMEOUT=4
  floor floor-omp LD_LIBRARY_PATH="$omplib" OMP_WAIT_POLICY=PASSIVE
  ms[peer]+="$(OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 "$peer" --step ssgan --threads 2 --iters 30 | sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p') "
  echo "round $r: $(for k in $ways; do printf '%s %s  ' "$k" "$(echo "${ms[$k]}" | awk '{print $NF}')"; done)"
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
p=$(echo "${ms[peer]}" | median)
printf '%-14s %9s %9s\n' way ms/iter "/ peer"
for k in $ways; do
  m=$(echo "${ms[$k]}" | median)
  awk -v k="$k" -v m="$m" -v p="$p" 'BEGIN {printf "%-14s %9.1f %9.2f\n", k, m, m/p}'
done
