#!/usr/bin/python3
"""Reference values for @nlpft/metrics' resampling tests: sacrebleu 2.4.3's procedures, restated with numpy.

sacrebleu's significance.py (`_bootstrap_resample` + `estimate_ci`, `_paired_bs_test`, `_paired_ar_test`)
draws with numpy's `default_rng(seed)`: `choice(n, size=(samples, n), replace=True)` for bootstrap indices and
`integers(2, size=(samples, n), dtype=bool)` for the randomization mask. This script repeats those draws and
sums for a corpus metric given by per-item statistics (score = 100 · Σ matches / Σ totals), so the TypeScript
port with `generator: 'numpy'` must reproduce every interval and count exactly. The counts are given both with
sacrebleu's `>` and with the `>=` our p-value uses.

Regenerate (from the repository root; needs numpy ≥ 1.17, Debian 12 has 1.24.2):
    /usr/bin/python3 packages/metrics/scripts/gen-resampling-cases.py > packages/metrics/fixtures/resampling-cases.json
"""
import json
import sys

import numpy as np


def score(t):
    return 100.0 * t[0] / t[1]


def estimate_ci(scores):
    scores = np.sort(scores)
    n = len(scores)
    lower_idx = n // 40
    upper_idx = n - lower_idx - 1
    lower, upper = scores[lower_idx], scores[upper_idx]
    return {"mean": float(scores.mean()), "lower": float(lower), "upper": float(upper),
            "halfWidth": float(0.5 * (upper - lower))}


def bootstrap(stats, n_samples, seed):
    rng = np.random.default_rng(seed)
    idxs = rng.choice(len(stats), size=(n_samples, len(stats)), replace=True)
    st = np.array(stats, dtype="float64")
    return np.array([score(s.sum(0)) for s in st[idxs]])


def paired_bs(bl, sy, n_samples, seed):
    rng = np.random.default_rng(seed)
    idxs = rng.choice(len(bl), size=(n_samples, len(bl)), replace=True)
    bl_np, sy_np = np.array(bl, dtype="float64"), np.array(sy, dtype="float64")
    diff = abs(score(bl_np.sum(0)) - score(sy_np.sum(0)))
    s_bl = np.array([score(s.sum(0)) for s in bl_np[idxs]])
    s_sy = np.array([score(s.sum(0)) for s in sy_np[idxs]])
    d = np.abs(s_sy - s_bl)
    stats = d - d.mean()
    return {"greater": int(np.sum(stats > diff)), "greaterEqual": int(np.sum(stats >= diff)),
            "baseline": estimate_ci(s_bl), "system": estimate_ci(s_sy)}


def paired_ar(bl, sy, n_samples, seed):
    rng = np.random.default_rng(seed)
    pos = rng.integers(2, size=(n_samples, len(bl)), dtype=bool)
    neg = ~pos
    bl_np, sy_np = np.array(bl, dtype="float64"), np.array(sy, dtype="float64")
    diff = abs(score(bl_np.sum(0)) - score(sy_np.sum(0)))
    # sacrebleu: shuf_a = pos_sel @ bl_stats + neg_sel @ sys_stats (pos picks the baseline's item for a).
    shuf_a = pos @ bl_np + neg @ sy_np
    shuf_b = neg @ bl_np + pos @ sy_np
    d = np.abs(np.array([score(x) for x in shuf_a]) - np.array([score(x) for x in shuf_b]))
    return {"greater": int(np.sum(d > diff)), "greaterEqual": int(np.sum(d >= diff))}


gen = np.random.RandomState(3)
cases = []
for n_items, seed in [(40, 12345), (150, 12345), (150, 7)]:
    totals = gen.randint(5, 30, size=n_items)
    bl = [[int(gen.randint(0, t + 1)), int(t)] for t in totals]
    sy = [[int(min(t, max(0, m + gen.randint(-2, 4)))), int(t)] for (m, t) in bl]
    ci = bootstrap(bl, 1000, seed)
    cases.append({
        "seed": seed, "baseline": bl, "system": sy,
        "bootstrap": {"score": float(score(np.array(bl).sum(0))), **estimate_ci(ci)},
        "pairedBootstrap": paired_bs(bl, sy, 1000, seed),
        "approximateRandomization": paired_ar(bl, sy, 2000, seed),
    })
json.dump({"generator": "packages/metrics/scripts/gen-resampling-cases.py", "numpy": np.__version__,
           "cases": cases}, sys.stdout)
sys.stdout.write("\n")
