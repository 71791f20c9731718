#!/usr/bin/env bash
# make test-slurm: experiments/cluster/ssgan-array.sbatch, unchanged, on a live single-node
# Slurm started here, on a tiny sweep (experiments/cluster/testdata: 3 experiments x 2 seeds =
# 6 tasks of about 4 s on one thread each, 2 at a time on 2 CPUs). It checks that
#   - every task writes its result.json into the shared output directory and `ssgan table` renders
#     the merged table, with the sweep's own table;
#   - a task requeued while it runs (scontrol requeue) and one cancelled (scancel) write their
#     checkpoint on SIGTERM, resume (the requeued task by itself, the cancelled one when the array
#     is submitted again) and end with the numbers of the same tasks run locally without
#     interruption, bit for bit (metrics.jsonl and result.json but for wall-clock fields);
#   - the same shard started twice at once (a retried Kubernetes pod) runs once: the second
#     process is skipped, one result, no temporary file left.
# It needs root and apt-get (it installs slurmctld, slurmd, slurm-client and munge when missing)
# and a machine with no Slurm daemon of its own; otherwise it prints why and skips. The cluster
# is always torn down by the exit trap; the whole test is bounded by timeout
# (SSGAN_SLURM_TIMEOUT, 240 s), and a timeout or a failure prints the daemons' and jobs' logs.
#
#   bash scripts/slurm/test.sh [BINARY]     # default bin/ssgan (make build)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$here/../.." && pwd)
LIMIT=${SSGAN_SLURM_TIMEOUT:-240}

if [ -z "${SSGAN_SLURM_INNER:-}" ]; then
  skip() {
    echo "test-slurm: skipped: $*"
    exit 0
  }
  [ "$(id -u)" = 0 ] || skip "needs root to start the Slurm daemons (and apt-get to install them)"
  if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    command -v apt-get >/dev/null || skip "Slurm is not installed and there is no apt-get to install it"
    echo "test-slurm: installing slurmctld slurmd slurm-client munge with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      slurmctld slurmd slurm-client munge) >/tmp/ssgan-test-slurm-apt.log 2>&1 ||
      skip "apt-get could not install Slurm (offline?): see /tmp/ssgan-test-slurm-apt.log"
  fi
  SLURM_DIR=""
  # shellcheck source=cluster.sh
  source "$here/cluster.sh"
  busy=$(slurm_busy)
  [ -z "$busy" ] || skip "$busy; this test starts a Slurm cluster of its own"
  export SSGAN_SLURM_INNER=1
  exec timeout -k 60 "$LIMIT" "$BASH" "$0" "$@"
fi

BIN=$(realpath "${1:-$ROOT/bin/ssgan}")
[ -x "$BIN" ] || { echo "test-slurm: FAIL: no binary $BIN (make build)"; exit 1; }
export SSGAN_DATA=${SSGAN_DATA:-$ROOT/data/mnist}
T=$(mktemp -d /tmp/ssgan-test-slurm.XXXXXX)
SLURM_DIR=$T/slurm
mkdir -p "$SLURM_DIR" "$T/logs"
# shellcheck source=cluster.sh
source "$here/cluster.sh"
# shellcheck source=checks.sh
source "$here/checks.sh"

# The local ssgan processes running in the background (stopped by the exit trap).
ref_pid="" first_pid=""

fail() {
  echo "test-slurm: FAIL: $*"
  slurm_logs "$T"/logs/*.out "$T"/*.log
  exit 1
}

on_term() {
  echo "test-slurm: FAIL: timed out after ${LIMIT} s (SSGAN_SLURM_TIMEOUT)"
  slurm_logs "$T"/logs/*.out "$T"/*.log
  exit 124
}

on_exit() {
  local rc=$?
  trap - EXIT TERM INT
  stop_pid ssgan "$ref_pid"
  stop_pid ssgan "$first_pid"
  slurm_stop
  local p left=""
  for p in $started_slurmd $started_slurmctld $started_munged; do
    gone "$p" || left="$left $p"
  done
  if [ -n "$left" ]; then
    echo "test-slurm: FAIL: daemons still running after the teardown: pids$left"
    rc=1
  else
    echo "test-slurm: cluster stopped, no daemon left"
  fi
  if [ "$rc" = 0 ]; then
    rm -rf "$T"
  else
    echo "test-slurm: files kept in $T"
  fi
  exit "$rc"
}
trap on_term TERM INT
trap on_exit EXIT

# The experiments: a 2-point sweep and its supervised baseline, 2 seeds: 6 tasks, as many as
# the script's #SBATCH --array=0-5 (experiments/cluster/cluster_test.go checks the same).
EXPS=("$ROOT/experiments/cluster/testdata/tiny-sweep.yaml" "$ROOT/experiments/cluster/testdata/tiny-supervised.yaml")
SEEDS=2
mapfile -t TASKS < <("$BIN" sweep "${EXPS[@]}" --seeds "$SEEDS" | awk 'NF == 2 && $1 ~ /^[0-9]+$/ && $2 ~ /\/seed/ {print $2}')
[ "${#TASKS[@]}" = 6 ] || fail "ssgan sweep lists ${#TASKS[@]} tasks, want 6: ${TASKS[*]}"
say "tasks: ${TASKS[*]}"

say "reference: the 6 tasks run locally without interruption (2 processes x 1 thread)"
"$BIN" run "${EXPS[@]}" --seeds "$SEEDS" --jobs 2 --threads 1 --out "$T/local" >"$T/local.log" 2>&1 &
ref_pid=$!
say "starting slurmctld, slurmd and munge on localhost"
slurm_start
say "cluster up: $(sinfo -h -o '%N %c CPUs %T')"
wait "$ref_pid" || fail "the local reference run failed: $(tail -5 "$T/local.log")"
ref_pid=""

export OUT=$T/cluster SSGAN=$BIN SSGAN_EXPERIMENTS="${EXPS[*]}" SSGAN_SEEDS=$SEEDS SSGAN_THREADS=1
SBATCH=(sbatch --parsable --chdir="$T" --cpus-per-task=1 --export=ALL "$ROOT/experiments/cluster/ssgan-array.sbatch")
jobA=$("${SBATCH[@]}")
say "submitted array job $jobA (6 tasks, 1 CPU each)"

wait_for 60 "task 1 to be running mid-run" mid_run "$jobA" 1
scontrol requeue "${jobA}_1" || fail "scontrol requeue ${jobA}_1"
say "requeued task ${jobA}_1 (${TASKS[1]}) while it ran"
wait_for 60 "task 2 to be running mid-run" mid_run "$jobA" 2
scancel "${jobA}_2" || fail "scancel ${jobA}_2"
say "cancelled task ${jobA}_2 (${TASKS[2]}) while it ran"

wait_for 120 "array job $jobA to end" job_done "$jobA"
say "array job $jobA ended"
for i in 0 1 3 4 5; do
  [ -s "$OUT/${TASKS[$i]}/result.json" ] || fail "task $i (${TASKS[$i]}) left no result.json"
done
logA1=$T/logs/ssgan-${jobA}_1.out logA2=$T/logs/ssgan-${jobA}_2.out
requeued=$(interrupted_at "$logA1") || true
[ -n "$requeued" ] || fail "the requeued task wrote no SIGTERM checkpoint: $(cat "$logA1")"
[ "$(resumed_at "$logA1")" = "$requeued" ] || fail "the requeued task did not resume from iteration $requeued: $(cat "$logA1")"
say "task 1: SIGTERM checkpoint at iteration $requeued, requeued, resumed from it and finished"
cancelled=$(interrupted_at "$logA2") || true
[ -n "$cancelled" ] || fail "the cancelled task wrote no SIGTERM checkpoint: $(cat "$logA2")"
[ -s "$OUT/${TASKS[2]}/checkpoint.gob" ] && [ ! -e "$OUT/${TASKS[2]}/result.json" ] ||
  fail "the cancelled task's run directory should hold a checkpoint and no result"
say "task 2: SIGTERM checkpoint at iteration $cancelled, no result yet"

jobB=$("${SBATCH[@]}")
say "submitted the same array again as job $jobB: finished tasks skip, task 2 resumes"
wait_for 90 "array job $jobB to end" job_done "$jobB"
[ "$(resumed_at "$T/logs/ssgan-${jobB}_2.out")" = "$cancelled" ] ||
  fail "task 2 did not resume from iteration $cancelled: $(cat "$T/logs/ssgan-${jobB}_2.out")"
say "array job $jobB ended; task 2 resumed from iteration $cancelled"

for i in "${!TASKS[@]}"; do
  same_run "$T/local/${TASKS[$i]}" "$OUT/${TASKS[$i]}" || fail "task $i (${TASKS[$i]}) differs from the local run"
done
say "all 6 tasks equal the local uninterrupted runs bit for bit (metrics.jsonl, result.json; wall-clock fields aside)"

"$BIN" table "$OUT" --no-reference >"$T/table.txt" 2>&1 || fail "ssgan table: $(cat "$T/table.txt")"
for e in tiny-sweep+lr-0.003 tiny-sweep+lr-0.001 tiny-supervised "Sweep tiny-sweep"; do
  grep -qF "$e" "$T/table.txt" || fail "the merged table has no $e: $(cat "$T/table.txt")"
done
say "merged table of the shared output directory:"
sed 's/^/    /' "$T/table.txt"

say "the same shard twice at once (a retried Kubernetes pod): JOB_COMPLETION_INDEX=0 SSGAN_SHARDS=6"
K8S=$T/k8s
JOB_COMPLETION_INDEX=0 SSGAN_SHARDS=6 "$BIN" run "${EXPS[@]}" --seeds "$SEEDS" --threads 1 --out "$K8S" >"$T/k8s-first.log" 2>&1 &
first_pid=$!
wait_for 30 "the first process to be mid-run" test -s "$K8S/${TASKS[0]}/metrics.jsonl"
JOB_COMPLETION_INDEX=0 SSGAN_SHARDS=6 "$BIN" run "${EXPS[@]}" --seeds "$SEEDS" --threads 1 --out "$K8S" >"$T/k8s-second.log" 2>&1 ||
  fail "the second process failed: $(cat "$T/k8s-second.log")"
grep -q "skipped, another process is running it" "$T/k8s-second.log" ||
  fail "the second process was not skipped: $(cat "$T/k8s-second.log")"
wait "$first_pid" || fail "the first process failed: $(tail -5 "$T/k8s-first.log")"
first_pid=""
results=$(find "$K8S" -name result.json | wc -l)
tmps=$(find "$T/k8s" "$OUT" -name '*.tmp' | wc -l)
[ "$results" = 1 ] || fail "$results result.json files under $K8S, want 1"
[ "$tmps" = 0 ] || fail "temporary files left: $(find "$T/k8s" "$OUT" -name '*.tmp')"
same_run "$T/local/${TASKS[0]}" "$K8S/${TASKS[0]}" || fail "the doubly started shard differs from the local run"
say "second process skipped; one result, equal to the local run; no temporary file left"

say "PASS"
