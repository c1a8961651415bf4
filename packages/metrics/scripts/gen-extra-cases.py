#!/usr/bin/python3
"""Extra reference cases for @nlpft/metrics part A, beyond ../shared/reference-vectors/metrics.

Values come from Debian 12's python3-sklearn (scikit-learn 1.2.1, numpy 1.24.2); Fleiss' kappa, which
scikit-learn lacks, from its published formula (Fleiss 1971) in numpy, plus the worked example of that paper.

Regenerate (from the repository root):
    apt-get install python3-sklearn          # Debian 12: scikit-learn 1.2.1
    /usr/bin/python3 packages/metrics/scripts/gen-extra-cases.py > packages/metrics/fixtures/extra-cases.json

Output format = the shared vectors' format: {"cases": [{id, metric, args, expected | error, warnings}]},
non-finite floats as "NaN" / "Infinity" / "-Infinity".
"""
import json
import math
import sys
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (
    balanced_accuracy_score,
    classification_report,
    cohen_kappa_score,
    confusion_matrix,
    precision_recall_fscore_support,
    top_k_accuracy_score,
)

assert sklearn.__version__ == "1.2.1", sklearn.__version__
rng = np.random.RandomState(20261126)
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
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, np.str_):
        return str(x)
    return x


def case(metric, fn, args, **kwargs):
    entry = {"id": f"extra-{len(cases) + 1:04d}", "metric": metric, "args": plain(args)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        try:
            entry["expected"] = plain(fn(**kwargs))
        except Exception as e:  # the reference raises: the port must throw
            entry["error"] = {"type": type(e).__name__, "message": str(e)}
    seen = []
    for w in caught:
        item = {"category": w.category.__name__, "message": str(w.message)}
        if item not in seen:
            seen.append(item)
    entry["warnings"] = seen
    cases.append(entry)


# --- top_k_accuracy_score -------------------------------------------------------------------------------
for n_classes, n in [(3, 30), (5, 60), (10, 80)]:
    y = rng.randint(0, n_classes, size=n)
    # Scores rounded to 1 decimal, so ties between classes happen and the tie order is exercised.
    s = np.round(rng.rand(n, n_classes), 1)
    w = np.round(rng.rand(n) * 3, 3)
    for k in sorted({1, 2, n_classes - 1, n_classes}):
        case("top_k_accuracy", top_k_accuracy_score, {"y_true": y, "y_score": s, "k": k},
             y_true=y, y_score=s, k=k)
    case("top_k_accuracy", top_k_accuracy_score, {"y_true": y, "y_score": s, "k": 2, "sample_weight": w},
         y_true=y, y_score=s, k=2, sample_weight=w)
    case("top_k_accuracy", top_k_accuracy_score, {"y_true": y, "y_score": s, "k": 2, "normalize": False},
         y_true=y, y_score=s, k=2, normalize=False)
# labels: y_true uses only some of the score columns
y = np.array(["b", "c", "b", "a", "c", "b"])
s = np.round(rng.rand(6, 4), 2)
case("top_k_accuracy", top_k_accuracy_score, {"y_true": y, "y_score": s, "k": 2, "labels": ["a", "b", "c", "d"]},
     y_true=y, y_score=s, k=2, labels=["a", "b", "c", "d"])
case("top_k_accuracy", top_k_accuracy_score, {"y_true": y, "y_score": s, "k": 2, "labels": ["b", "a", "c", "d"]},
     y_true=y, y_score=s, k=2, labels=["b", "a", "c", "d"])
case("top_k_accuracy", top_k_accuracy_score, {"y_true": y, "y_score": s, "k": 2},
     y_true=y, y_score=s, k=2)
# binary: 1-D scores of the positive class, thresholds 0.5 (probabilities) and 0 (decision values)
yb = rng.randint(0, 2, size=25)
for scores in [np.round(rng.rand(25), 2), np.round(rng.randn(25), 2)]:
    for k in (1, 2):
        case("top_k_accuracy", top_k_accuracy_score, {"y_true": yb, "y_score": scores, "k": k},
             y_true=yb, y_score=scores, k=k)

# --- cohen_kappa_score: string labels, label order, weights -------------------------------------------------
cats = np.array(["low", "mid", "high", "top"])
a = cats[rng.randint(0, 4, size=50)]
b = np.where(rng.rand(50) < 0.6, a, cats[rng.randint(0, 4, size=50)])
w = np.round(rng.rand(50) * 2, 3)
for weights in (None, "linear", "quadratic"):
    for labels in (None, ["low", "mid", "high", "top"]):
        case("cohen_kappa", cohen_kappa_score, {"y1": a, "y2": b, "weights": weights, "labels": labels},
             y1=a, y2=b, weights=weights, labels=labels)
    case("cohen_kappa", cohen_kappa_score, {"y1": a, "y2": b, "weights": weights, "sample_weight": w},
         y1=a, y2=b, weights=weights, sample_weight=w)

# --- precision_recall_fscore_support: corners not in the shared set ---------------------------------------
y_true = rng.randint(0, 4, size=40)
y_pred = np.where(rng.rand(40) < 0.5, y_true, rng.randint(0, 5, size=40))
w = np.round(rng.rand(40) * 2, 2)
for average in (None, "micro", "macro", "weighted"):
    for zd in ("warn", 0, 1):
        case("precision_recall_fscore_support", precision_recall_fscore_support,
             {"y_true": y_true, "y_pred": y_pred, "average": average, "zero_division": zd, "labels": [4, 3, 7]},
             y_true=y_true, y_pred=y_pred, average=average, zero_division=zd, labels=[4, 3, 7])
    case("precision_recall_fscore_support", precision_recall_fscore_support,
         {"y_true": y_true, "y_pred": y_pred, "average": average, "sample_weight": w, "beta": 0.5},
         y_true=y_true, y_pred=y_pred, average=average, sample_weight=w, beta=0.5)
# weighted average with no true sample of the chosen labels (early return with zero_division)
for zd in ("warn", 0, 1):
    case("precision_recall_fscore_support", precision_recall_fscore_support,
         {"y_true": [0, 0, 1], "y_pred": [0, 2, 1], "average": "weighted", "labels": [2], "zero_division": zd},
         y_true=[0, 0, 1], y_pred=[0, 2, 1], average="weighted", labels=[2], zero_division=zd)
# string pos_label and the pos_label-ignored warning
case("precision_recall_fscore_support", precision_recall_fscore_support,
     {"y_true": ["no", "yes", "yes", "no"], "y_pred": ["no", "yes", "no", "no"], "average": "binary", "pos_label": "no"},
     y_true=["no", "yes", "yes", "no"], y_pred=["no", "yes", "no", "no"], average="binary", pos_label="no")
case("precision_recall_fscore_support", precision_recall_fscore_support,
     {"y_true": [0, 1, 2, 2], "y_pred": [0, 2, 2, 1], "average": "macro", "pos_label": 2},
     y_true=[0, 1, 2, 2], y_pred=[0, 2, 2, 1], average="macro", pos_label=2)
# negative and sparse integer labels
yt = np.array([-5, 100000, 3, -5, 3, 3])
yp = np.array([-5, 3, 3, 100000, -5, 3])
case("precision_recall_fscore_support", precision_recall_fscore_support,
     {"y_true": yt, "y_pred": yp}, y_true=yt, y_pred=yp)

# --- confusion_matrix: normalize with weights, repeated labels -------------------------------------------------
for normalize in (None, "true", "pred", "all"):
    case("confusion_matrix", confusion_matrix,
         {"y_true": y_true, "y_pred": y_pred, "sample_weight": w, "normalize": normalize},
         y_true=y_true, y_pred=y_pred, sample_weight=w, normalize=normalize)
case("confusion_matrix", confusion_matrix, {"y_true": y_true, "y_pred": y_pred, "labels": [3, 0, 9]},
     y_true=y_true, y_pred=y_pred, labels=[3, 0, 9])
case("confusion_matrix", confusion_matrix, {"y_true": y_true, "y_pred": y_pred, "labels": [9, 8]},
     y_true=y_true, y_pred=y_pred, labels=[9, 8])

# --- balanced_accuracy_score adjusted on one class ---------------------------------------------------------
case("balanced_accuracy", balanced_accuracy_score, {"y_true": [1, 1, 1], "y_pred": [1, 1, 0], "adjusted": True},
     y_true=[1, 1, 1], y_pred=[1, 1, 0], adjusted=True)

# --- classification_report: digits, weights with integral sums, target_names, zero_division ----------------
yt = rng.randint(0, 3, size=30)
yp = np.where(rng.rand(30) < 0.6, yt, rng.randint(0, 3, size=30))
iw = rng.randint(1, 4, size=30).astype(float)
for kwargs in [
    {"digits": 0}, {"digits": 5}, {"sample_weight": iw}, {"zero_division": 1, "labels": [0, 1, 2, 7]},
    {"labels": [2, 0], "target_names": ["two", "zero", "extra"]}, {"target_names": ["a", "b"]},
    {"labels": [-1, 2, 0, 1]},
]:
    def report(kwargs=kwargs):
        return {"dict": classification_report(yt, yp, output_dict=True, **kwargs),
                "text": classification_report(yt, yp, **kwargs)}
    case("classification_report", report, {"y_true": yt, "y_pred": yp, **kwargs})


# --- Fleiss' kappa: the published formula (no scikit-learn function exists) ---------------------------------
def fleiss(table):
    t = np.asarray(table, dtype=float)
    n_sub, _ = t.shape
    n_rat = t.sum(1)[0]
    p_cat = t.sum(0) / (n_sub * n_rat)
    p_rat = ((t * t).sum(1) - n_rat) / (n_rat * (n_rat - 1))
    p_mean, p_exp = p_rat.mean(), (p_cat * p_cat).sum()
    return (p_mean - p_exp) / (1 - p_exp)


# Fleiss (1971), Table 1 as reproduced on Wikipedia: 10 subjects, 14 raters, 5 categories; kappa ≈ 0.210.
FLEISS_1971 = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
               [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
case("fleiss_kappa", fleiss, {"table": FLEISS_1971}, table=FLEISS_1971)
for n_sub, n_rat, n_cat in [(20, 3, 2), (15, 5, 4), (30, 2, 3)]:
    table = [np.bincount(rng.randint(0, n_cat, size=n_rat), minlength=n_cat) for _ in range(n_sub)]
    case("fleiss_kappa", fleiss, {"table": table}, table=table)

json.dump({"family": "extra", "generator": "packages/metrics/scripts/gen-extra-cases.py",
           "references": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
           "count": len(cases), "cases": cases}, sys.stdout, ensure_ascii=False, indent=None)
sys.stdout.write("\n")
