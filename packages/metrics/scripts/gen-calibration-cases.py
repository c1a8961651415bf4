#!/usr/bin/python3
"""Reference cases for the calibration metrics of @nlpft/metrics.

brier_score_loss, log_loss and calibration_curve come from Debian 12's python3-sklearn (scikit-learn 1.2.1,
numpy 1.24.2). scikit-learn 1.2 has no expected/maximum calibration error, so those cases ("reliability")
are computed here in numpy from the definition of Guo et al. 2017 ("On Calibration of Modern Neural
Networks", section 2): top-label confidence max_k p_k, prediction argmax_k p_k (first maximum on ties, as
numpy's argmax), M equal-width bins B_m = ((m-1)/M, m/M] with edges m/M (a confidence of 0 joins the first
bin), ECE = sum_m |B_m|/n * |acc(B_m) - conf(B_m)|, MCE = max over non-empty bins of |acc(B_m) - conf(B_m)|.

Regenerate (from the repository root):
    apt-get install python3-sklearn          # Debian 12: scikit-learn 1.2.1
    /usr/bin/python3 packages/metrics/scripts/gen-calibration-cases.py \
        > packages/metrics/fixtures/calibration-cases.json

Output format = the shared vectors' format: {"cases": [{id, metric, args, expected | error, warnings}]},
non-finite floats as "NaN" / "Infinity" / "-Infinity". A case with "differs" is one where scikit-learn
returns a value but @nlpft/metrics throws on purpose; "differs" says why.
"""
import json
import math
import sys
import warnings

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, log_loss

assert sklearn.__version__ == "1.2.1", sklearn.__version__
assert np.__version__ == "1.24.2", np.__version__
rng = np.random.RandomState(20260301)
cases = []


def plain(x):
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, np.ndarray):
        return plain(x.tolist())
    if isinstance(x, (np.floating, float)):
        x = float(x)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, np.str_):
        return str(x)
    return x


def case(metric, fn, args, differs=None, **kwargs):
    entry = {"id": f"calibration-{len(cases) + 1:04d}", "metric": metric, "args": plain(args)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        try:
            entry["expected"] = plain(fn(**kwargs))
        except Exception as e:  # the reference raises: the port must throw
            entry["error"] = {"type": type(e).__name__, "message": str(e)}
    if differs is not None:
        assert "error" not in entry, entry
        entry["differs"] = differs
    seen = []
    for w in caught:
        item = {"category": w.category.__name__, "message": str(w.message)}
        if item not in seen:
            seen.append(item)
    entry["warnings"] = seen
    cases.append(entry)


def brier(y_true, y_prob, pos_label=None, sample_weight=None, differs=None):
    args = {"y_true": y_true, "y_prob": y_prob}
    if pos_label is not None:
        args["pos_label"] = pos_label
    if sample_weight is not None:
        args["sample_weight"] = sample_weight
    kw = {k: v for k, v in args.items()}
    case("brier_score_loss", brier_score_loss, args, differs, **kw)


def logloss(y_true, y_pred, labels=None, sample_weight=None, normalize=None, eps=None, differs=None):
    args = {"y_true": y_true, "y_pred": y_pred}
    for k, v in [("labels", labels), ("sample_weight", sample_weight), ("normalize", normalize),
                 ("eps", eps)]:
        if v is not None:
            args[k] = v
    case("log_loss", log_loss, args, differs, **args)


def curve(y_true, y_prob, n_bins=None, strategy=None, pos_label=None, differs=None):
    args = {"y_true": y_true, "y_prob": y_prob}
    for k, v in [("n_bins", n_bins), ("strategy", strategy), ("pos_label", pos_label)]:
        if v is not None:
            args[k] = v
    case("calibration_curve", lambda **kw: list(calibration_curve(**kw)), args, differs, **args)


def reliability_reference(y_true, probs, n_bins=15, labels=None):
    """Guo et al. 2017's top-label binning, written from the definition (see the module docstring)."""
    probs = np.asarray(probs, dtype=np.float64)
    if len(y_true) == 0 or probs.ndim != 2 or len(y_true) != len(probs):
        raise ValueError("y_true and probs need the same, non-zero number of rows")
    if n_bins < 1 or np.any(~np.isfinite(probs)) or probs.min() < 0 or probs.max() > 1:
        raise ValueError("n_bins >= 1 and probabilities in [0, 1] are required")
    if np.any(np.abs(probs.sum(axis=1) - 1) > 1e-4):
        raise ValueError("rows must sum to 1")
    classes = list(range(probs.shape[1])) if labels is None else list(labels)
    index = {c: i for i, c in enumerate(classes)}
    if any(y not in index for y in y_true):
        raise ValueError("y_true holds a label that is not a column")
    target = np.array([index[y] for y in y_true])
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == target).astype(np.float64)
    edges = np.arange(n_bins + 1) / n_bins
    # Number of inner edges strictly below the confidence = m for conf in (m/M, (m+1)/M].
    bin_of = np.searchsorted(edges[1:-1], conf, side="left")
    counts = np.bincount(bin_of, minlength=n_bins)
    conf_sum = np.bincount(bin_of, weights=conf, minlength=n_bins)
    correct_sum = np.bincount(bin_of, weights=correct, minlength=n_bins)
    nz = counts > 0
    acc = np.full(n_bins, np.nan)
    cnf = np.full(n_bins, np.nan)
    acc[nz] = correct_sum[nz] / counts[nz]
    cnf[nz] = conf_sum[nz] / counts[nz]
    gap = np.abs(acc[nz] - cnf[nz])
    n = len(y_true)
    return {
        "expected_calibration_error": float(np.sum(counts[nz] / n * gap)),
        "max_calibration_error": float(np.max(gap)),
        "counts": counts.tolist(),
        # Empty bins have no accuracy or confidence: null, as the port returns.
        "accuracy": [None if not ok else float(v) for ok, v in zip(nz, acc)],
        "confidence": [None if not ok else float(v) for ok, v in zip(nz, cnf)],
    }


def reliability(y_true, probs, n_bins=None, labels=None):
    args = {"y_true": y_true, "probs": probs}
    if n_bins is not None:
        args["n_bins"] = n_bins
    if labels is not None:
        args["labels"] = labels
    kw = {"y_true": list(plain(y_true)), "probs": probs, "n_bins": 15 if n_bins is None else n_bins,
          "labels": labels}
    case("reliability", reliability_reference, args, **kw)


def dirichlet(n, k, concentration=1.0):
    # Rounded to 8 decimals to keep the file small; the rows then sum to 1 within 1e-7 (log_loss renormalises).
    return np.round(rng.dirichlet([concentration] * k, size=n), 8)


def binary_probs(n):
    return np.round(rng.rand(n), 6)


# --- brier_score_loss -----------------------------------------------------------------------------------
for n in [1, 7, 20, 150]:
    y = rng.randint(0, 2, size=n)
    p = binary_probs(n)
    brier(y, p)
    brier(y, p, sample_weight=np.round(rng.rand(n) * 3, 3))
    brier(y, p, pos_label=0)
brier([-1, 1, 1, -1, 1], [0.1, 0.9, 0.6, 0.4, 0.5])
brier([1, 2, 2, 1], [0.2, 0.7, 0.9, 0.1])  # neither {0,1} nor {-1,1}: scikit-learn takes the greater label
brier([1, 2, 2, 1], [0.2, 0.7, 0.9, 0.1], pos_label=1)
brier([0, 0, 0], [0.1, 0.2, 0.0])  # only 0: the positive class is 1
brier([2, 2], [0.1, 0.9])  # only 2: the greater label again
brier([0, 1], [0.1, 0.2], pos_label=5)  # a positive label that never occurs: every sample is negative
brier(["spam", "ham", "spam", "ham", "ham"], [0.9, 0.2, 0.6, 0.4, 0.0], pos_label="spam")
brier(["spam", "ham", "spam", "ham", "ham"], [0.9, 0.2, 0.6, 0.4, 0.0], pos_label="ham")
brier([0, 1, 1, 0], [0.0, 1.0, 1.0, 0.0])  # exact probabilities 0 and 1
brier([0, 1, 1, 0], [1.0, 0.0, 0.0, 1.0])
brier([0, 1, 1, 0], [0.3, 0.8, 0.6, 0.1], sample_weight=[-1.0, 2.0, 0.5, 1.5])  # negative weights
brier([0.0, 1.0, 1.0], [0.2, 0.7, 0.4])  # integral floats are labels
# Errors.
brier([0, 1, 2], [0.1, 0.5, 0.9])
brier(["a", "b"], [0.1, 0.2])
brier([0, 1], [0.1, 1.2])
brier([0, 1], [-0.1, 0.5])
brier([0, 1], [float("nan"), 0.5])
brier([], [])
brier([0, 1, 1], [0.1, 0.5])
brier([0, 1], [0.1, 0.5], sample_weight=[0.0, 0.0])
brier([0.5, 1.0], [0.1, 0.5])

# --- log_loss -------------------------------------------------------------------------------------------
for n in [2, 9, 40, 300]:
    y = rng.randint(0, 2, size=n)
    y[:2] = [0, 1]
    p = np.round(rng.rand(n), 6)
    logloss(y, p)
    logloss(y, np.column_stack([1 - p, p]))
    logloss(y, p, sample_weight=np.round(rng.rand(n) * 2, 3))
    logloss(y, p, normalize=False)
for k, n in [(3, 12), (4, 60), (10, 80), (12, 31)]:
    y = rng.randint(0, k, size=n)
    y[:k] = np.arange(k)
    P = dirichlet(n, k)
    logloss(y, P)
    logloss(y, P, sample_weight=np.round(rng.rand(n) * 2, 3))
    logloss(y, P, normalize=False)
    logloss(y, P, sample_weight=np.round(rng.rand(n) * 2, 3), normalize=False)
logloss(["no", "yes", "yes", "no"], [0.3, 0.8, 0.6, 0.1])  # 1-D is the probability of "yes"
logloss(["cat", "dog", "bird", "dog"], dirichlet(4, 3))
logloss(["cat", "dog", "dog"], dirichlet(3, 3), labels=["bird", "cat", "dog"])  # bird never occurs
logloss([0, 1, 1], [[0.5, 0.3, 0.2], [0.3, 0.6, 0.1], [0.2, 0.2, 0.6]], labels=[0, 1, 2])
logloss([2, 2, 2], [[0.5, 0.3, 0.2], [0.3, 0.6, 0.1], [0.2, 0.2, 0.6]], labels=[2, 0, 1])  # sorted
logloss([1, 1], [0.8, 0.6], labels=[0, 1])  # one class in y_true, both in labels
logloss([0, 1], [[0.2], [0.7]])  # a single column is the positive class
# Clipping to [eps, 1 - eps], eps = float64 epsilon by default ("auto").
logloss([0, 1, 1, 0], [0.0, 1.0, 0.0, 1.0])
logloss([0, 1, 2], [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
logloss([0, 1, 2], [[0.0, 0.5, 0.5], [0.0, 1.0, 0.0], [0.5, 0.5, 0.0]])
logloss([0, 1, 1, 0], [0.0, 1.0, 0.0, 1.0], eps=1e-15)  # the default before 1.2
logloss([0, 1, 1, 0], [0.05, 0.95, 0.3, 0.5], eps=0.1)
logloss([0, 1, 1, 0], [1e-300, 1 - 1e-17, 0.5, 5e-324])
# Rows not summing to 1 are renormalised, silently in 1.2 (1.3 warns, 1.5 will raise).
logloss([0, 1, 2], [[0.2, 0.2, 0.2], [0.1, 0.5, 0.1], [0.4, 0.4, 0.9]])
logloss([0, 1], [[0.0, 0.0], [0.3, 0.7]])
logloss([0, 1], [[0.9, 0.9], [0.3, 0.3]])
# Errors.
logloss([1, 1], [0.2, 0.3])
logloss([0, 1], [0.2, 0.3], labels=[1])
logloss([0, 1, 2], [0.2, 0.8, 0.4])
logloss([0, 1], [[0.2, 0.8], [0.3, 0.7]], labels=[0, 1, 2])
logloss([0, 1, 2], [[0.2, 0.8], [0.3, 0.7], [0.5, 0.5]])
logloss([0, 1], [float("nan"), 0.2])
logloss([], [])
logloss([0, 1, 1], [0.2, 0.3])
logloss([0, 1], [0.2, 0.3], sample_weight=[0.0, 0.0])
logloss([0.5, 1.0], [0.2, 0.3])
# Where scikit-learn answers and we throw.
logloss([0, 1], [1.5, -0.2],
        differs="probabilities outside [0, 1]: scikit-learn 1.2 clips them silently; we throw INVALID_INPUT")
logloss([0, 1, 2], [[0.5, 0.5], [0.3, 0.7], [0.2, 0.8]], labels=[0, 1],
        differs="a y_true label missing from labels: scikit-learn scores it as an all-zero row; we throw UNKNOWN_LABEL")

# --- calibration_curve ----------------------------------------------------------------------------------
for n in [6, 40, 130]:
    y = rng.randint(0, 2, size=n)
    p = binary_probs(n)
    for n_bins in [1, 2, 3, 5, 10, 15]:
        curve(y, p, n_bins=n_bins)
        curve(y, p, n_bins=n_bins, strategy="quantile")
# Every edge i*(1/n) (numpy's linspace) and i/n, exactly: ties go to the lower bin (searchsorted left).
edges10 = [i * 0.1 for i in range(11)] + [i / 10 for i in range(11)]
curve([i % 2 for i in range(len(edges10))], edges10, n_bins=10)
curve([0, 1, 1, 0, 1], [0.0, 0.2, 0.4, 0.30000000000000004, 1.0], n_bins=10)
curve([1, 0, 1], [0.2, 0.4, 0.6], n_bins=5)
edges3 = [0.0, 1 / 3, 2 / 3, 1.0, (1 / 3) * 2, 0.5]
curve([1, 0, 1, 1, 0, 0], edges3, n_bins=3)
# Empty bins are dropped.
curve([0, 1, 1, 0, 1, 1], [0.01, 0.02, 0.03, 0.97, 0.98, 0.99], n_bins=10)
curve([1, 1, 0], [0.5, 0.5, 0.5], n_bins=7)
# Quantile bins with ties: repeated edges leave empty bins.
ties = np.round(rng.rand(30), 1)
yt = rng.randint(0, 2, size=30)
for n_bins in [2, 3, 4, 5, 8, 10]:
    curve(yt, ties, n_bins=n_bins, strategy="quantile")
curve([0, 1, 1, 0, 1], [0.3, 0.3, 0.3, 0.3, 0.3], n_bins=4, strategy="quantile")
curve([0, 1, 1, 0, 1, 0], [0.0, 0.0, 0.0, 1.0, 1.0, 0.5], n_bins=3, strategy="quantile")
curve([1], [0.3], n_bins=3, strategy="quantile")
curve([1, 0, 1], [0.9, 0.1, 0.6], n_bins=5, strategy="quantile")
curve([0, 1, 0, 1, 1, 0, 1], [0.1, 0.15, 0.2, 0.25, 0.7, 0.75, 0.8], n_bins=3, strategy="quantile")
# Labels.
curve(["ham", "spam", "spam", "ham"], [0.2, 0.9, 0.6, 0.4], n_bins=2, pos_label="spam")
curve(["ham", "spam", "spam", "ham"], [0.2, 0.9, 0.6, 0.4], n_bins=2, pos_label="ham")
curve([-1, 1, 1, -1], [0.2, 0.9, 0.6, 0.4], n_bins=2)
curve([1, 2, 2, 1], [0.2, 0.9, 0.6, 0.4], n_bins=2, pos_label=2)
curve([0, 1, 1, 0], [0.2, 0.9, 0.6, 0.4], n_bins=2, pos_label=0)
curve([1, 1, 1], [0.2, 0.9, 0.6], n_bins=3)
curve([0, 1, 1], [0.0, 1.0, 1.0], n_bins=5)
# Errors.
curve([0, 1], [0.1, 0.2], strategy="median")
curve([0, 1], [0.1, 1.2])
curve([0, 1], [-0.1, 0.2])
curve([0, 1, 2], [0.1, 0.2, 0.3], pos_label=1)
curve(["a", "b"], [0.1, 0.2])
curve([1, 2], [0.1, 0.2])
curve([], [])
curve([0, 1, 1], [0.1, 0.2])
# Where scikit-learn answers and we throw.
curve([0, 1], [0.1, 0.2], n_bins=0,
      differs="n_bins < 1: scikit-learn 1.2 makes one bin of everything; we throw INVALID_OPTION")
curve([0, 1], [float("nan"), 0.2], n_bins=5,
      differs="NaN probability: scikit-learn 1.2 returns a NaN mean predicted probability; we throw INVALID_INPUT")

# --- expected / maximum calibration error (Guo et al. 2017, computed above) -----------------------------
for k, n in [(2, 10), (3, 50), (5, 120), (10, 150)]:
    y = rng.randint(0, k, size=n)
    P = dirichlet(n, k, concentration=0.5)
    for n_bins in [None, 1, 5, 10, 20]:
        reliability(y, P, n_bins=n_bins)
# Confidences exactly on edges m/M belong to the lower bin; ties for the top class go to the first column.
reliability([0, 1, 2, 0, 1], [[0.6, 0.4, 0.0], [0.2, 0.8, 0.0], [0.4, 0.4, 0.2], [1.0, 0.0, 0.0],
                              [0.2, 0.2, 0.6]], n_bins=5)
reliability([1, 0], [[0.5, 0.5], [0.5, 0.5]], n_bins=2)
reliability([0, 0, 1], [[0.7, 0.3], [0.7, 0.3], [0.7, 0.3]], n_bins=10)  # one non-empty bin
reliability(["cat", "dog", "dog"], [[0.9, 0.1], [0.3, 0.7], [0.6, 0.4]], n_bins=4, labels=["cat", "dog"])
reliability([0], [[1.0]], n_bins=3)
# Errors.
reliability([], [], n_bins=5)
reliability([0, 1], [[0.5, 0.5]], n_bins=5)
reliability([0, 1], [[0.5, 0.5], [1.2, -0.2]], n_bins=5)
reliability([0, 1], [[0.5, 0.5], [0.6, 0.6]], n_bins=5)
reliability([0, 3], [[0.5, 0.5], [0.4, 0.6]], n_bins=5)
reliability([0, 1], [[0.5, 0.5], [0.4, 0.6]], n_bins=0)

json.dump(
    {
        "family": "calibration",
        "generator": "packages/metrics/scripts/gen-calibration-cases.py",
        "references": {
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
            "reliability": "Guo et al. 2017, computed in numpy by the generator (not in scikit-learn 1.2)",
        },
        "count": len(cases),
        "cases": cases,
    },
    sys.stdout,
    allow_nan=False,
)
sys.stdout.write("\n")
