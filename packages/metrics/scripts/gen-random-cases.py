#!/usr/bin/python3
"""Randomised differential cases for @nlpft/metrics' classification functions against scikit-learn 1.2.1.

Random label sets (integers, negative integers, strings with non-ASCII and astral characters), random options
(average, zero_division, labels subsets in any order, pos_label, beta, sample weights with zeros, digits) for
precision_recall_fscore_support, confusion_matrix, matthews_corrcoef, balanced_accuracy_score,
cohen_kappa_score, accuracy_score, zero_one_loss, classification_report and top_k_accuracy_score.
The same kinds of cases as the shared vectors, drawn at random, so a port that only fits those fails here.

Regenerate (from the repository root; Debian 12's python3-sklearn is scikit-learn 1.2.1):
    /usr/bin/python3 packages/metrics/scripts/gen-random-cases.py 7 250 > packages/metrics/fixtures/random-cases.json
Arguments: seed, number of cases.
"""
import json, math, sys, warnings
import numpy as np
from sklearn.metrics import *
rng = np.random.RandomState(int(sys.argv[1]))
cases = []
def plain(x):
    if isinstance(x, dict): return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)): return [plain(v) for v in x]
    if isinstance(x, np.ndarray): return plain(x.tolist())
    if isinstance(x, (np.floating, float)):
        x = float(x)
        if math.isnan(x): return "NaN"
        if math.isinf(x): return "Infinity" if x > 0 else "-Infinity"
        return x
    if isinstance(x, np.integer): return int(x)
    if isinstance(x, np.str_): return str(x)
    return x
def case(metric, fn, args):
    e = {"id": len(cases), "metric": metric, "args": plain(args)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        try: e["expected"] = plain(fn(**args))
        except Exception as ex: e["error"] = type(ex).__name__ + ": " + str(ex)
    seen = []
    for w in caught:
        it = {"category": w.category.__name__, "message": str(w.message)}
        if it not in seen: seen.append(it)
    e["warnings"] = seen
    cases.append(e)
names = np.array(["a", "b", "ñ", "Z", "10", "2", "😀", "dog cat", "ｗ", "é", "A", "-1", "β"])
import sklearn
assert sklearn.__version__ == '1.2.1', sklearn.__version__
for t in range(int(sys.argv[2])):
    k = rng.randint(1, 13); n = rng.randint(0, 200)
    yt = rng.randint(0, k, size=n); yp = np.where(rng.rand(n) < 0.5, yt, rng.randint(0, k + 1, size=n))
    if rng.rand() < 0.3: yt, yp = names[yt], names[yp]
    elif rng.rand() < 0.2: yt, yp = yt - 3, yp - 3
    args = {"y_true": yt, "y_pred": yp}
    if rng.rand() < 0.3: args["sample_weight"] = np.round(rng.rand(n) * 3, rng.randint(0, 3)) * (rng.rand(n) < 0.8)
    present = sorted(set(yt.tolist()) | set(yp.tolist()))
    m = rng.randint(0, 10)
    if m == 9:
        nc = rng.randint(2, 6); n2 = rng.randint(1, 20)
        y = rng.randint(0, nc, size=n2)
        sc = np.round(rng.rand(n2, nc), 1)
        a = {"y_true": y, "y_score": sc, "k": int(rng.randint(1, nc + 1)), "labels": list(range(nc)), "normalize": bool(rng.rand() < 0.8)}
        if rng.rand() < 0.3: a["sample_weight"] = np.round(rng.rand(n2) * 2, 2)
        case("topk", top_k_accuracy_score, a)
        continue
    if m == 0:
        a = dict(args); a["average"] = [None, "micro", "macro", "weighted", "binary"][rng.randint(5)]
        a["zero_division"] = ["warn", 0, 1][rng.randint(3)]
        if rng.rand() < 0.3 and present: a["labels"] = list(rng.permutation(present)[: rng.randint(1, len(present) + 1)])
        if rng.rand() < 0.3 and present: a["pos_label"] = present[rng.randint(len(present))]
        if rng.rand() < 0.3: a["beta"] = float([0, 0.5, 2, 3][rng.randint(4)])
        case("prfs", precision_recall_fscore_support, a)
    elif m == 1:
        a = dict(args); a["normalize"] = [None, "true", "pred", "all"][rng.randint(4)]
        if rng.rand() < 0.3 and present: a["labels"] = list(rng.permutation(present)[: rng.randint(1, len(present) + 1)])
        case("confusion_matrix", confusion_matrix, a)
    elif m == 2: case("mcc", matthews_corrcoef, args)
    elif m == 3:
        a = dict(args); a["adjusted"] = bool(rng.rand() < 0.5); case("balanced_accuracy", balanced_accuracy_score, a)
    elif m == 4:
        a = {"y1": yt, "y2": yp, "weights": [None, "linear", "quadratic"][rng.randint(3)]}
        if "sample_weight" in args: a["sample_weight"] = args["sample_weight"]
        case("cohen_kappa", cohen_kappa_score, a)
    elif m == 5:
        a = dict(args); a["normalize"] = bool(rng.rand() < 0.7); case("accuracy", accuracy_score, a)
    elif m == 6:
        a = dict(args); a["normalize"] = bool(rng.rand() < 0.7); case("error_rate", zero_one_loss, a)
    else:
        a = dict(args); a["digits"] = int(rng.randint(0, 5)); a["zero_division"] = ["warn", 0, 1][rng.randint(3)]
        if rng.rand() < 0.3 and present: a["labels"] = list(rng.permutation(present)[: rng.randint(1, len(present) + 1)])
        def rep(**kw):
            return {"dict": classification_report(output_dict=True, **kw), "text": classification_report(**kw)}
        case("report", rep, a)
json.dump(cases, sys.stdout, ensure_ascii=False)
sys.stdout.write('\n')
