"""Reference values of scipy.stats.ttest_rel for src/paired-t-test.test.ts.

Run with Debian's python3 (apt-get install python3-scipy): /usr/bin/python3 scripts/gen-paired-t-cases.py
It prints the JSON the test reads from fixtures/paired-t-cases.json.
"""
import json

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261207)
cases = []
for i, n in enumerate([2, 3, 5, 5, 8, 10, 25, 60]):
    shift = [0.0, 0.02, 0.1, -0.05, 0.3, 0.0, 0.01, 0.5][i]
    a = np.round(rng.normal(0.7, 0.05, n), 6)
    b = np.round(a - shift + rng.normal(0, 0.04, n), 6)
    for alternative in ["two-sided", "greater", "less"]:
        r = stats.ttest_rel(a, b, alternative=alternative)
        cases.append({
            "id": f"n{n}-shift{shift}-{alternative}",
            "a": a.tolist(), "b": b.tolist(), "alternative": alternative,
            "statistic": float(r.statistic), "pvalue": float(r.pvalue),
        })
# Every difference exactly 0.25: t is +inf (written as the string "inf"; JSON has no infinity).
for alternative in ["two-sided", "greater", "less"]:
    a = [1.5, 2.5, 3.5]
    b = [1.25, 2.25, 3.25]
    with np.errstate(divide="ignore"):
        r = stats.ttest_rel(a, b, alternative=alternative)
    cases.append({"id": f"constant-difference-{alternative}", "a": a, "b": b, "alternative": alternative,
                  "statistic": "inf" if np.isinf(r.statistic) else float(r.statistic), "pvalue": float(r.pvalue)})
print(json.dumps({"scipy": scipy.__version__, "cases": cases}, indent=1))
