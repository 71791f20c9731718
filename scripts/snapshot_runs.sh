#!/usr/bin/env bash
# Commits a consistent copy of a run directory (checkpoints, logs, splits; not the lock files) to
# a branch of its own, so that runs longer than a session survive a move to a fresh machine.
# Training processes writing under RUNS are paused (SIGSTOP) while the files are copied and
# continued afterwards. Restore with:
#   git worktree add /tmp/snap BRANCH && cp -r /tmp/snap/runs/. RUNS/ && git worktree remove /tmp/snap
# Usage: scripts/snapshot_runs.sh RUNS BRANCH "message"
set -euo pipefail
given=$1 runs=$(realpath "$1") branch=$2 msg=$3
cd "$(dirname "$0")/.."
# The training processes name RUNS after --out as they were given it: absolute or as typed here
# (any binary name: a copy of bin/ssgan kept for a long run counts too).
pids=$(pgrep -f " run .*--out ($runs|$given)/?( |$)" || true)
wt=$(mktemp -d)
if git rev-parse --verify -q "$branch" >/dev/null; then
  git worktree add -q "$wt" "$branch"
else
  git worktree add -q --detach "$wt"
  git -C "$wt" checkout -q --orphan "$branch"
  git -C "$wt" rm -rq --cached . && find "$wt" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
fi
[ -n "$pids" ] && kill -STOP $pids
trap '[ -n "$pids" ] && kill -CONT $pids; git worktree remove --force "$wt"' EXIT
rm -rf "$wt/runs" && mkdir -p "$wt/runs"
tar -C "$runs" --exclude=lock --exclude='*.tmp' -cf - . | tar -C "$wt/runs" -xf -
[ -n "$pids" ] && kill -CONT $pids
git -C "$wt" add -A runs
git -C "$wt" commit -qm "$msg"
echo "snapshot of $runs committed to $branch: $(git -C "$wt" log --oneline -1)"
