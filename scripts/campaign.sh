#!/usr/bin/env bash
# The paper's MNIST table (Salimans et al. 2016, Table 1) on this build: the recipe registered as
# mnist-ssgan-N (fixed before any seed was seen), 300 epochs, final-epoch errors, with the
# supervised baseline of each on the same splits.
#   mnist-ssgan-100 and mnist-supervised-100: seeds 1-10
#   mnist-ssgan-20/-50/-200 and mnist-supervised-20/-50/-200: seeds 1-3
#
# Usage: scripts/campaign.sh plan            the tasks and what they cost at SECONDS_PER_EPOCH
#        scripts/campaign.sh run [FLAGS]     train them here, resumably (rerun to resume), FLAGS to ssgan run
#        scripts/campaign.sh slurm           submit them as two job arrays (experiments/cluster/)
#        scripts/campaign.sh publish         render results/published/campaign-300-epochs from OUT
# Environment: OUT (default runs/campaign), SSGAN (default bin/ssgan), SECONDS_PER_EPOCH (one
# single-threaded SSGAN epoch, two jobs on two cores; default 100: 600 iterations at the 162-174
# ms of results/published/speed/2026-12-01-3248b9f-jobs.txt, a 2-core AMD EPYC, Zen 1).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-runs/campaign}
ssgan=${SSGAN:-bin/ssgan}
spe=${SECONDS_PER_EPOCH:-100}
main="mnist-ssgan-100 mnist-supervised-100"
main_seeds=10
others="mnist-ssgan-20 mnist-ssgan-50 mnist-ssgan-200 mnist-supervised-20 mnist-supervised-50 mnist-supervised-200"
other_seeds=3

# ssgans LIST: how many of the experiments in LIST are SSGANs.
ssgans() { tr ' ' '\n' <<<"$1" | grep -c '^mnist-ssgan-' || true; }

case "${1:-}" in
plan)
  "$ssgan" sweep $main --seeds $main_seeds
  "$ssgan" sweep $others --seeds $other_seeds
  # The SSGAN epochs dominate: the supervised baselines train 20 epochs without a generator.
  n=$(($(ssgans "$main") * main_seeds + $(ssgans "$others") * other_seeds))
  awk -v n="$n" -v spe="$spe" 'BEGIN {
    s = n * 300 * spe
    printf "cost: %d SSGAN runs x 300 epochs x %s s = %.0f job-seconds (%.1f job-hours), plus the supervised baselines\n", n, spe, s, s / 3600
  }'
  ;;
run)
  shift
  "$ssgan" run $main --seeds $main_seeds --out "$out" "$@"
  "$ssgan" run $others --seeds $other_seeds --out "$out" "$@"
  ;;
slurm)
  mkdir -p logs
  n_main=$(($(wc -w <<<"$main") * main_seeds)) n_others=$(($(wc -w <<<"$others") * other_seeds))
  # A 300-epoch SSGAN task on 2 threads: 180,000 iterations at 95-115 ms each on the 2-core AMD
  # EPYC (Zen 1) of results/published/speed/2026-12-01-3248b9f-jobs.txt, 4.7-5.8 h; ask for more
  # (SLURM_TIME). A task stopped at its limit has checkpointed; resubmitting the arrays resumes it.
  sbatch --time="${SLURM_TIME:-16:00:00}" --array=0-$((n_main - 1)) --export=ALL,OUT="$out",SSGAN="$ssgan",SSGAN_EXPERIMENTS="$main",SSGAN_SEEDS=$main_seeds \
    experiments/cluster/ssgan-array.sbatch
  sbatch --time="${SLURM_TIME:-16:00:00}" --array=0-$((n_others - 1)) --export=ALL,OUT="$out",SSGAN="$ssgan",SSGAN_EXPERIMENTS="$others",SSGAN_SEEDS=$other_seeds \
    experiments/cluster/ssgan-array.sbatch
  ;;
publish)
  SSGAN="$ssgan" COMPARE="mnist-supervised-100 mnist-ssgan-100" scripts/publish.sh "$out" results/published/campaign-300-epochs \
    "scripts/campaign.sh run (mnist-ssgan-100 and mnist-supervised-100 over seeds 1-10; 20, 50 and 200 labels over seeds 1-3), then scripts/campaign.sh publish"
  ;;
*)
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
  ;;
esac
