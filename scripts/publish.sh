#!/usr/bin/env bash
# Renders the measured tables and copies the figures of the runs under RUNS into DEST, with the
# command line that made each run. Nothing in DEST is typed by hand.
# Usage: [COMPARE="BASELINE REFERENCE"] [ENGINES="DIR ..."] [WEIGHTS=0] scripts/publish.sh RUNS DEST "how the runs were made"
# ENGINES="DIR [DIR ...]" adds the same experiments' runs under the DIRs trained by the other
# engine (or by both), side by side with Welch and seed-paired t-tests (`ssgan compare --engines`).
set -euo pipefail
runs=$1 dest=$2 how=$3
ssgan=${SSGAN:-bin/ssgan}
mkdir -p "$dest"
{
  echo "# Measured results: $(basename "$dest")"
  echo
  echo "Made by: $how"
  echo
  echo "Rendered by \`scripts/publish.sh\` with \`ssgan table\` and \`ssgan quality\` from the run directories' result.json and quality.json."
  echo
  echo "## Classification (final test errors of the model at the end of training)"
  echo
  "$ssgan" table "$runs" --format markdown
  # With COMPARE="BASELINE REFERENCE", the methods compared with both, paired by seed, Holm-corrected.
  if [ -n "${COMPARE:-}" ]; then
    read -r base ref <<<"$COMPARE"
    echo
    echo "## Methods compared (Δ against $base and against $ref)"
    echo
    "$ssgan" compare "$runs" --baseline "$base" --reference "$ref" --format markdown --published
  fi
  if [ -n "${ENGINES:-}" ]; then
    read -r -a engines <<<"$ENGINES"
    echo
    echo "## The same experiments on the other engine (\`ssgan compare $runs $ENGINES --engines\`)"
    echo
    "$ssgan" compare "$runs" "${engines[@]}" --engines --format markdown
  fi
  if "$ssgan" curves "$runs" --format markdown --png "$dest/curves.png" > /tmp/curves.$$ 2>/dev/null; then
    echo
    echo "## Test error per epoch"
    echo
    echo "![test error per epoch of every run](curves.png)"
    echo
    cat /tmp/curves.$$
  fi
  rm -f /tmp/curves.$$
  if "$ssgan" quality "$runs" --format markdown > /tmp/quality.$$ 2>/dev/null && grep -q '|' /tmp/quality.$$; then
    echo
    echo "## Sample quality of the article's GAN"
    echo
    cat /tmp/quality.$$
  fi
  rm -f /tmp/quality.$$
  echo
  echo "## Runs"
  echo
  echo "| run | status | epochs | iterations | final test errors | best during training (not the result) | s/epoch | BLAS | threads | CPU | commit |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  find "$runs" -name result.json | sort | while read -r f; do
    python3 - "$f" "$runs" <<'PY'
import json, os, sys
r = json.load(open(sys.argv[1]))
run = os.path.relpath(os.path.dirname(sys.argv[1]), sys.argv[2])
if r["method"] == "gan":
    res, best, spe = "n/a (GAN)", "n/a", "n/a"
else:
    res = f'{r["final_test_errors"]} / {r["test_size"]}'
    best = f'{r["best_test_errors_during_training"]} (epoch {r["best_epoch"]})'
    spe = f'{r["seconds_per_epoch"]:.1f}'
# A run resumed by other builds lists every revision that trained it, oldest first.
commit = " → ".join(c[:12] for c in r.get("commits") or [r.get("commit", "")])
blas = " → ".join(r.get("blases") or [r["blas"]])  # likewise every BLAS (library/kernels)
print(f'| {run} | {r["status"]} | {r["epochs"]} | {r["iterations"]} | {res} | {best} | {spe} | {blas} | {r["threads"]} | {r.get("cpu", "")} | {commit} |')
PY
  done
} > "$dest/README.md"
"$ssgan" table "$runs" --format csv > "$dest/table.csv"
"$ssgan" table "$runs" --format latex > "$dest/table.tex"
# WEIGHTS=0 leaves the weights out (a comparison of many short runs: 6-8 MB each, and the same
# bits again from the same command and commit).
weights=(-o -name weights.npz)
[ "${WEIGHTS:-1}" = 0 ] && weights=()
find "$runs" \( -name curve.png -o -name samples.png -o -name losses.png -o -name metrics.jsonl -o -name result.json -o -name quality.json -o -name split.json -o -name spec.yaml -o -name dataset.json "${weights[@]}" \) | while read -r f; do
  rel=${f#"$runs"/}
  mkdir -p "$dest/runs/$(dirname "$rel")"
  cp "$f" "$dest/runs/$rel"
done
echo "published $runs -> $dest"

# With README=path, put the classification table between the README's published markers.
if [ -n "${README:-}" ]; then
  python3 - "$README" "$dest" "$runs" "$ssgan" <<'PY'
import subprocess, sys
readme, dest, runs, ssgan = sys.argv[1:]
table = subprocess.run([ssgan, "table", runs, "--format", "markdown"], check=True, capture_output=True, text=True).stdout
start, end = "<!-- published:start -->", "<!-- published:end -->"
text = open(readme).read()
i, j = text.index(start) + len(start), text.index(end)
block = f"\n_From `{dest}/README.md`, rendered by `scripts/publish.sh`; see there for the command and every run._\n\n{table}\n"
open(readme, "w").write(text[:i] + block + text[j:])
PY
  echo "updated $README"
fi
