#!/usr/bin/env python3
"""The engine ablation: epoch-1 test errors of mnist-ssgan-100, seeds 1-5, for two engines, two
noise generators and two streams each, and Welch t-tests between the groups; then epoch 4 for
the cells that ran that far on the 60-epoch schedule.

Usage (from this folder or anywhere): python3 analyse.py
Standard library only (it has no t distribution, so the Student t CDF is computed here from the
regularised incomplete beta function; it gives the p-values of `ssgan compare`, e.g. t = 1.58,
df = 4.4, p = 0.184 for the engine-60-epochs comparison)."""
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PUB = os.path.dirname(HERE)

# Where each cell's runs are: the original streams come from the 60-epoch runs (their epoch 1 is
# a one-epoch run: the rate is 0.003 through epoch 1 either way), the others from runs-1-epoch/.
CELLS = [
    ("earlier engine (0c49581)", "PCG, stream 0x2222 (as published)",
     lambda s: os.path.join(PUB, "headline-60-epochs/runs/mnist-ssgan-100/seed%d" % s) if s <= 3
     else os.path.join(PUB, "engine-60-epochs-earlier-engine/runs/mnist-ssgan-100/seed%d" % s)),
    ("earlier engine (0c49581)", "PCG, stream 0x7777", lambda s: os.path.join(HERE, "runs-1-epoch/old-pcg-alt/seed%d" % s)),
    ("current engine (713f7e7)", "Philox, stream 0x2222 (as published)",
     lambda s: os.path.join(PUB, "engine-60-epochs/runs/mnist-ssgan-100/seed%d" % s)),
    ("current engine (713f7e7)", "Philox, stream 0x7777", lambda s: os.path.join(HERE, "runs-1-epoch/philox-alt/seed%d" % s)),
    ("current engine (713f7e7)", "PCG, stream 0x2222 (the earlier engine's draws)", lambda s: os.path.join(HERE, "runs-1-epoch/pcg/seed%d" % s)),
    ("current engine (713f7e7)", "PCG, stream 0x7777", lambda s: os.path.join(HERE, "runs-1-epoch/pcg-alt/seed%d" % s)),
]
SEEDS = range(1, 6)

# Epoch 4 on the 60-epoch schedule: the published runs, and the earlier engine on stream 0x7777
# run with --epochs 60 and stopped after epoch 4 (runs-4-epochs/).
CELLS4 = [CELLS[0], ("earlier engine (0c49581)", "PCG, stream 0x7777",
                     lambda s: os.path.join(HERE, "runs-4-epochs/old-pcg-alt/seed%d" % s)), CELLS[2]]


def at_epoch(run, epoch):
    with open(os.path.join(run, "metrics.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            if r["epoch"] == epoch:
                return r["test_errors"]
    raise SystemExit("%s: no epoch %d in metrics.jsonl" % (run, epoch))


def betacf(a, b, x):
    tiny, c, d = 1e-300, 1.0, 1 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        for aa in (m * (b - m) * x / ((a - 1 + 2 * m) * (a + 2 * m)),
                   -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 1 + 2 * m))):
            d = 1 + aa * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + aa / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < 3e-14:
            break
    return h


def betainc(a, b, x):
    if x <= 0 or x >= 1:
        return max(0.0, min(1.0, x))
    lb = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(lb) * betacf(a, b, x) / a
    return 1 - math.exp(lb) * betacf(b, a, 1 - x) / b


def mean_sd(v):
    m = sum(v) / len(v)
    return m, math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1))


def welch(a, b):
    """Two-sided Welch t-test of b against a: t, df, p."""
    (ma, sa), (mb, sb) = mean_sd(a), mean_sd(b)
    va, vb = sa * sa / len(a), sb * sb / len(b)
    t = (mb - ma) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va * va / (len(a) - 1) + vb * vb / (len(b) - 1))
    return t, df, betainc(df / 2, 0.5, df / (df + t * t))


def table(cells, epoch):
    rows = [(eng, noise, [at_epoch(path(s), epoch) for s in SEEDS]) for eng, noise, path in cells]
    print("Test errors out of 10,000 after epoch %d:" % epoch)
    print()
    print("| engine | noise | " + " | ".join("seed %d" % s for s in SEEDS) + " | mean ± sd |")
    print("|---|---|" + "---|" * len(SEEDS) + "---|")
    for eng, noise, v in rows:
        print("| %s | %s | %s | %.1f ± %.1f |" % ((eng, noise, " | ".join(map(str, v))) + mean_sd(v)))
    print()
    return rows


def report(tests):
    for name, a, b in tests:
        (ma, sa), (mb, sb) = mean_sd(a), mean_sd(b)
        print("- %s: %.1f ± %.1f against %.1f ± %.1f, Welch t = %.2f, df = %.1f, p = %.3f" % ((name, mb, sb, ma, sa) + welch(a, b)))
    print()


def main():
    rows = table(CELLS, 1)
    earlier = rows[0][2] + rows[1][2]
    current = [x for r in rows[2:] for x in r[2]]
    philox = rows[2][2] + rows[3][2]
    pcg = rows[4][2] + rows[5][2]
    report([
        ("current engine (20 runs) against the earlier engine (10)", earlier, current),
        ("current engine: Philox (10) against PCG (10)", pcg, philox),
        ("current engine, Philox as published (5) against the earlier engine as published (5)", rows[0][2], rows[2][2]),
        ("earlier engine: stream 0x7777 (5) against stream 0x2222 as published (5)", rows[0][2], rows[1][2]),
    ])
    r4 = table(CELLS4, 4)
    report([
        ("current engine as published (5) against the earlier engine as published (5)", r4[0][2], r4[2][2]),
        ("earlier engine: stream 0x7777 (5) against stream 0x2222 as published (5)", r4[0][2], r4[1][2]),
        ("current engine as published (5) against the earlier engine on stream 0x7777 (5)", r4[1][2], r4[2][2]),
    ])


if __name__ == "__main__":
    main()
