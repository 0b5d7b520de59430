#!/usr/bin/env python3
"""Predictions nobody here made, and their metrics computed by numpy and scikit-learn, for `score` to match.

Fits two scikit-learn classifiers on the digits data that scikit-learn ships (no download): a multinomial
logistic regression and a random forest. Writes, into the folder given (default: the test resources of
experiments), CSV files in the formats `score` reads:

  digits_logreg.csv          label,p_0..p_9      predict_proba of the logistic regression
  digits_logreg_logits.csv   label,z_0..z_9      its decision_function (logits), for `score --logits`
  digits_forest.csv          label,p_0..p_9      predict_proba of the forest (ties, values on bin edges,
                                                 exact zeros, so the NLL floor clamps)
  digits_forest_samples.csv  label,sample,p_0..  each tree's predict_proba: S = 10 samples per example

and expected.json: every metric of PROTOCOL.md (bins 15 and 10), per class too, computed here with numpy (and
scikit-learn's accuracy_score, balanced_accuracy_score and roc_auc_score where they define the same number),
independently of the Java code. Numbers are written with repr(), which round-trips every double exactly.

SklearnFixtureTest checks `score` against these numbers to 1e-12, except the forest's misclassification AUROC
(1e-4): Java's logarithm and glibc's differ by an ulp at ln 0.3, which splits a few ties between rows that are
permutations of one another, and the AUROC counts a tie as 1/2.

Usage: python3 experiments/validation/sklearn_digits.py [OUT_DIR]
Needs numpy and scikit-learn (Debian: apt-get install python3-sklearn); the build and CI do not.
"""
import json
import os
import sys

import numpy as np
from sklearn.datasets import load_digits
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, balanced_accuracy_score, roc_auc_score
from sklearn.model_selection import train_test_split

FLOOR = 1e-12


def bin_of(c, bins):
    """PROTOCOL.md: the smallest b in 1..B with c <= b / B (the double quotient)."""
    edges = np.arange(1, bins + 1) / bins
    return np.searchsorted(edges, c, side="left") + 1


def ece_mce(score, event, bins):
    if len(score) == 0:
        return None, None
    b = bin_of(score, bins)
    ece, mce = 0.0, 0.0
    for j in range(1, bins + 1):
        m = b == j
        if m.any():
            gap = abs(event[m].mean() - score[m].mean())
            ece += m.sum() / len(score) * gap
            mce = max(mce, gap)
    return ece, mce


def ace(conf, correct, bins):
    order = np.argsort(conf, kind="stable")  # ties by index
    n = len(conf)
    g = min(bins, n)
    sizes = [n // g + (1 if i < n % g else 0) for i in range(g)]
    total, pos = 0.0, 0
    for s in sizes:
        idx = order[pos:pos + s]
        total += s / n * abs(correct[idx].mean() - conf[idx].mean())
        pos += s
    return total


def entropy(p):
    """H(p) = -sum_k p_k ln p_k, 0 ln 0 = 0, summed over k in class order as the protocol does: rows that are
    permutations of each other then tie here as in `score` (pairwise summation would split some of those ties
    by an ulp, and the AUROC counts a tie as 1/2)."""
    h = np.zeros(p.shape[:-1])
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in range(p.shape[-1]):
            h -= np.where(p[..., k] > 0, p[..., k] * np.log(p[..., k]), 0.0)
    return h


def metrics(y, p, expected_entropy, bins):
    n, k = p.shape
    pred = p.argmax(axis=1)  # ties: the lowest index, as the protocol says
    conf = p[np.arange(n), pred]
    correct = pred == y
    p_true = p[np.arange(n), y]
    nll_terms = -np.log(np.maximum(p_true, FLOOR))
    onehot = np.eye(k)[y]
    h = entropy(p)
    wrong = ~correct
    top_ece, top_mce = ece_mce(conf, correct.astype(float), bins)
    classwise = [ece_mce(p[:, c], (y == c).astype(float), bins)[0] for c in range(k)]
    out = {
        "accuracy": accuracy_score(y, pred),
        "balanced_accuracy": balanced_accuracy_score(y, pred),
        "nll": nll_terms.mean(),
        "brier": ((p - onehot) ** 2).sum(axis=1).mean(),
        "ece": top_ece,
        "mce": top_mce,
        "ace": ace(conf, correct.astype(float), bins),
        "classwise_ece": float(np.mean(classwise)),
        "entropy": h.mean(),
        "expected_entropy": expected_entropy.mean(),
        "mutual_information": h.mean() - expected_entropy.mean(),
        "auroc_misclassification": roc_auc_score(wrong, h) if 0 < wrong.sum() < n else None,
    }
    per_class = []
    for c in range(k):
        m = y == c
        per_class.append({
            "class": c,
            "count": int(m.sum()),
            "accuracy": correct[m].mean() if m.any() else None,
            "nll": nll_terms[m].mean() if m.any() else None,
            "ece": ece_mce(conf[m], correct[m].astype(float), bins)[0],
            "classwise_ece": classwise[c],
        })
    return {"metrics": {key: (None if v is None else float(v)) for key, v in out.items()},
            "per_class": [{key: (float(v) if isinstance(v, (float, np.floating)) else v) for key, v in e.items()}
                          for e in per_class],
            "n": n, "clamped_at_nll_floor": int((p_true < FLOOR).sum())}


def write_csv(path, y, columns, prefix, samples=None):
    with open(path, "w") as f:
        k = columns.shape[-1]
        head = "label," + ("sample," if samples is not None else "") + ",".join(f"{prefix}{c}" for c in range(k))
        f.write(head + "\n")
        for i in range(len(y)):
            if samples is None:
                f.write(str(int(y[i])) + "," + ",".join(repr(float(v)) for v in columns[i]) + "\n")
            else:
                for s in range(columns.shape[0]):
                    f.write(f"{int(y[i])},{s}," + ",".join(repr(float(v)) for v in columns[s, i]) + "\n")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "validation")
    os.makedirs(out, exist_ok=True)
    x, y = load_digits(return_X_y=True)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.25, stratify=y, random_state=0)

    logreg = LogisticRegression(max_iter=5000).fit(x_train / 16.0, y_train)
    p_lr = logreg.predict_proba(x_test / 16.0)
    z_lr = logreg.decision_function(x_test / 16.0)
    forest = RandomForestClassifier(n_estimators=10, random_state=0).fit(x_train, y_train)
    p_rf = forest.predict_proba(x_test)
    trees = np.stack([t.predict_proba(x_test) for t in forest.estimators_])

    shifted = z_lr - z_lr.max(axis=1, keepdims=True)
    p_logits = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    p_trees = np.zeros_like(trees[0])
    for tree in trees:  # (1/S) sum over s, in order, as the protocol writes it (a value on a bin edge stays there)
        p_trees += tree
    p_trees /= len(trees)

    write_csv(os.path.join(out, "digits_logreg.csv"), y_test, p_lr, "p_")
    write_csv(os.path.join(out, "digits_logreg_logits.csv"), y_test, z_lr, "z_")
    write_csv(os.path.join(out, "digits_forest.csv"), y_test, p_rf, "p_")
    write_csv(os.path.join(out, "digits_forest_samples.csv"), y_test, trees, "p_", samples=True)

    expected = {"generator": "experiments/validation/sklearn_digits.py",
                "versions": {"numpy": np.__version__, "scikit-learn": __import__("sklearn").__version__},
                "files": {}}
    cases = {
        "digits_logreg.csv": (p_lr, entropy(p_lr), []),
        "digits_logreg_logits.csv": (p_logits, entropy(p_logits), ["--logits"]),
        "digits_forest.csv": (p_rf, entropy(p_rf), []),
        "digits_forest_samples.csv": (p_trees, entropy(trees).mean(axis=0), []),
    }
    for name, (p, expected_entropy, args) in cases.items():
        expected["files"][name] = {"args": args, "bins": {
            str(b): metrics(y_test, p, expected_entropy, b) for b in (15, 10)}}
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
