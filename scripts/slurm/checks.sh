# Helpers of the checks of make test-slurm: sourced by scripts/slurm/test.sh.

# say prints a progress line with the seconds since the start.
say() { echo "test-slurm: [${SECONDS}s] $*"; }

# without_wall_clock FILE prints a run's metrics.jsonl or result.json without the fields that
# measure wall-clock time ("seconds", "seconds_per_epoch"); every other byte must be equal
# between an interrupted and an uninterrupted run.
without_wall_clock() {
  case $1 in
  *.jsonl) sed -E 's/"seconds":[^,}]*,?//' "$1" ;;
  *) grep -v -E '^[[:space:]]*"seconds(_per_epoch)?":' "$1" ;;
  esac
}

# same_run A B: run directories A and B hold the same finished run: the same metrics lines
# (epochs x test errors, losses, learning rate, counters) and the same result.json, but for
# wall-clock fields. It prints the difference and fails otherwise.
same_run() {
  local a=$1 b=$2 f
  for f in metrics.jsonl result.json; do
    [ -s "$a/$f" ] || { echo "$a/$f is missing or empty"; return 1; }
    [ -s "$b/$f" ] || { echo "$b/$f is missing or empty"; return 1; }
    if ! diff <(without_wall_clock "$a/$f") <(without_wall_clock "$b/$f"); then
      echo "$a/$f and $b/$f differ (beyond wall-clock fields)"
      return 1
    fi
  done
}

# task_state JOB INDEX prints the state of one array task (PENDING, RUNNING, ...), nothing once
# it has left the queue.
task_state() { squeue -h -r -j "$1" -o '%i %T' 2>/dev/null | awk -v id="$1_$2" '$1 == id {print $2}'; }

# mid_run JOB INDEX: the task is running and its run has finished an epoch but not the run.
mid_run() {
  local dir=$OUT/${TASKS[$2]}
  [ "$(task_state "$1" "$2")" = RUNNING ] && [ -s "$dir/metrics.jsonl" ] && [ ! -e "$dir/result.json" ]
}

# job_done JOB: no task of the job is pending or running.
job_done() { [ -z "$(squeue -h -r -j "$1" -o %i 2>/dev/null)" ]; }

# interrupted_at LOG prints the iteration at which the run of the log wrote its SIGTERM checkpoint.
interrupted_at() { grep -o 'interrupted; checkpoint written.* at iteration [0-9]*' "$1" | grep -o '[0-9]*$' | head -1; }

# resumed_at LOG prints the iteration a rerun of the log's task resumed from.
resumed_at() { grep -o 'resuming .* from iteration [0-9]*' "$1" | grep -o 'iteration [0-9]*' | grep -o '[0-9]*$' | head -1; }
