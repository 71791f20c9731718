#!/usr/bin/env bash
# Re-evaluates the trained weights shipped with the published runs (results/published/*/runs/
# EXPERIMENT/seedN/weights.npz): each run's test errors recomputed from its weights beside the
# final errors its result.json records, then the paper's row. Fails if any differs; a run whose
# data set is not installed here is skipped with a line saying so.
# Usage: scripts/evaluate_published.sh [SSGAN_BINARY]   (the data directory: $SSGAN_DATA)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-bin/ssgan}
shopt -s nullglob
weights=(results/published/*/runs/*/seed*/weights.npz)
if [ ${#weights[@]} -eq 0 ]; then
  echo "published weights: none shipped yet (runs trained before the weights format have no weights.npz;"
  echo "  the runs of the new engine ship theirs: ssgan evaluate RUN_DIR recomputes a run's errors)"
  exit 0
fi
echo "published weights: recomputing the test errors of ${#weights[@]} shipped runs"
status=0
for w in "${weights[@]}"; do
  run=$(dirname "$w")
  ds=$(grep -o '"dataset": *"[^"]*"' "$run/result.json" | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
  if ! "$bin" data verify --dataset "${ds:-mnist}" >/dev/null 2>&1; then
    printf '  %-70s skipped: data set %s not installed (ssgan data list)\n' "${run#results/published/}" "${ds:-mnist}"
    continue
  fi
  if out=$("$bin" evaluate "$run" 2>&1); then verdict=match; else verdict=DIFFERS; status=1; fi
  errs=$(echo "$out" | sed -n 's/^test errors: \([0-9]* \/ [0-9]*\).*/\1/p')
  rec=$(echo "$out" | sed -n 's/^result.json: final test errors \([0-9]* \/ [0-9]*\).*/\1/p')
  printf '  %-70s %s errors, recorded %s: %s\n' "${run#results/published/}" "${errs:-?}" "${rec:-?}" "$verdict"
  [ "$verdict" = match ] || echo "$out" | sed 's/^/    /'
done
echo "  paper (Salimans et al. 2016, 100 labels, 10 seeds): 93 ± 6.5 errors / 10,000"
exit $status
