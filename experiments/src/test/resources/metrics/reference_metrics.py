#!/usr/bin/env python3
"""Independent reference implementation of the metrics of PROTOCOL.md ("Metrics"), standard library only.

Written from the protocol text, not from the Java code, to cross-check dev.credence.experiments.metrics.

    python3 reference_metrics.py score FILE.csv [--bins N]      # prints the metrics as one JSON object
    python3 reference_metrics.py generate FILE.csv [--seed S] [--n N] [--k K]

The JSON has the same keys and order as the Java MetricReport: the protocol keys, then bins, n,
num_classes, per_class and reliability.
"""
import json
import math
import random
import sys

NLL_FLOOR = 1e-12


def read_csv(path):
    with open(path, encoding="utf-8") as f:
        lines = [ln.rstrip("\r\n") for ln in f]
    while lines and not lines[-1].strip():
        lines.pop()
    header = [h.strip() for h in lines[0].split(",")]
    k = len(header) - 1
    assert header == ["label"] + ["p_%d" % j for j in range(k)], header
    labels, probs = [], []
    for ln in lines[1:]:
        fields = ln.split(",")
        labels.append(int(fields[0]))
        probs.append([float(x) for x in fields[1:]])
    return labels, probs, k


def bin_of(c, bins):
    """Smallest b in 1..B with c <= b/B, the quotient taken in floating point."""
    for b in range(1, bins + 1):
        if c <= b / bins:
            return b
    raise ValueError("value above 1: %r" % c)


def predicted(p):
    # max() returns the first maximal element, i.e. the lowest index among ties
    return max(range(len(p)), key=lambda j: p[j])


def entropy(p):
    return -sum(x * math.log(x) for x in p if x > 0)


def binned(scores, hits, bins):
    """Return ({b: (count, mean score, fraction of hits)}, total)."""
    members = {}
    for s, h in zip(scores, hits):
        members.setdefault(bin_of(s, bins), []).append((s, h))
    out = {}
    for b, items in members.items():
        cnt = len(items)
        out[b] = (cnt, sum(s for s, _ in items) / cnt, sum(1 for _, h in items if h) / cnt)
    return out, len(scores)


def ece_of(scores, hits, bins):
    if not scores:
        return None
    table, total = binned(scores, hits, bins)
    return sum((table[b][0] / total) * abs(table[b][2] - table[b][1]) for b in sorted(table))


def mce_of(scores, hits, bins):
    table, _ = binned(scores, hits, bins)
    return max(abs(acc - conf) for _, conf, acc in table.values())


def ace_of(conf, hits, bins):
    n = len(conf)
    order = sorted(range(n), key=lambda i: conf[i])  # Python's sort is stable: ties keep the original order
    groups = min(bins, n)
    total, start = 0.0, 0
    for g in range(groups):
        size = n // groups + (1 if g < n % groups else 0)
        idx = order[start:start + size]
        start += size
        acc = sum(1 for i in idx if hits[i]) / size
        c = sum(conf[i] for i in idx) / size
        total += (size / n) * abs(acc - c)
    return total


def auroc(scores, positive):
    pos = [s for s, t in zip(scores, positive) if t]
    neg = [s for s, t in zip(scores, positive) if not t]
    if not pos or not neg:
        return None
    wins = 0  # counted in halves
    for a in pos:
        for b in neg:
            if a > b:
                wins += 2
            elif a == b:
                wins += 1
    return wins / (2 * len(pos) * len(neg))


def metrics(labels, probs, k, bins=15):
    n = len(labels)
    preds = [predicted(p) for p in probs]
    right = [preds[i] == labels[i] for i in range(n)]
    conf = [probs[i][preds[i]] for i in range(n)]
    counts = [labels.count(c) for c in range(k)]

    recall = []
    for c in range(k):
        idx = [i for i in range(n) if labels[i] == c]
        recall.append(sum(1 for i in idx if right[i]) / len(idx) if idx else None)
    present = [r for r in recall if r is not None]

    nll_terms = [-math.log(max(probs[i][labels[i]], NLL_FLOOR)) for i in range(n)]
    brier = sum(sum((probs[i][c] - (1.0 if c == labels[i] else 0.0)) ** 2 for c in range(k)) for i in range(n)) / n
    ent = [entropy(p) for p in probs]
    mean_entropy = sum(ent) / n
    expected_entropy = mean_entropy  # a predictions file is a point estimate: S = 1

    classwise = [ece_of([p[c] for p in probs], [y == c for y in labels], bins) for c in range(k)]

    per_class = []
    for c in range(k):
        idx = [i for i in range(n) if labels[i] == c]
        per_class.append({
            "class": c,
            "count": counts[c],
            "accuracy": recall[c],
            "nll": sum(nll_terms[i] for i in idx) / len(idx) if idx else None,
            "ece": ece_of([conf[i] for i in idx], [right[i] for i in idx], bins),
        })

    aurc, excess_aurc = aurc_of(conf, right)

    table, _ = binned(conf, right, bins)
    reliability = []
    for b in range(1, bins + 1):
        cnt, mc, acc = table.get(b, (0, None, None))
        reliability.append({"bin": b, "lower": (b - 1) / bins, "upper": b / bins, "count": cnt,
                            "confidence": mc, "accuracy": acc})

    return {
        "accuracy": sum(right) / n,
        "balanced_accuracy": sum(present) / len(present),
        "nll": sum(nll_terms) / n,
        "brier": brier,
        "ece": ece_of(conf, right, bins),
        "mce": mce_of(conf, right, bins),
        "ace": ace_of(conf, right, bins),
        "classwise_ece": sum(classwise) / k,
        "entropy": mean_entropy,
        "expected_entropy": expected_entropy,
        "mutual_information": mean_entropy - expected_entropy,
        "auroc_misclassification": auroc(ent, [not r for r in right]),
        "aurc": aurc,
        "excess_aurc": excess_aurc,
        "bins": bins,
        "n": n,
        "num_classes": k,
        "per_class": per_class,
        "reliability": reliability,
    }


def aurc_of(conf, right):
    """AURC and E-AURC as PROTOCOL.md states them, in exact rational arithmetic: accept the most confident first,
    tied confidences as one block whose errors are spread pro rata over its positions."""
    from fractions import Fraction
    n = len(conf)
    errors_total = sum(1 for r in right if not r)
    blocks = {}
    for c, r in zip(conf, right):
        size, wrong = blocks.get(c, (0, 0))
        blocks[c] = (size + 1, wrong + (0 if r else 1))
    total = Fraction(0)
    accepted, errors_before = 0, 0
    for c in sorted(blocks, reverse=True):
        size, wrong = blocks[c]
        for j in range(1, size + 1):
            total += (errors_before + Fraction(j * wrong, size)) / (accepted + j)
        accepted += size
        errors_before += wrong
    oracle = sum(Fraction(j, n - errors_total + j) for j in range(1, errors_total + 1))
    return float(total / n), float((total - oracle) / n)


# Rows whose entries sit exactly on bin edges (of 15 and of 10 bins), with ties and zeros.
EDGE_ROWS = [
    [0.6, 0.2, 0.2, 0.0], [0.6, 0.4, 0.0, 0.0], [0.4, 0.4, 0.2, 0.0], [0.4, 0.2, 0.2, 0.2],
    [1 / 3, 1 / 3, 1 / 3, 0.0], [2 / 3, 1 / 3, 0.0, 0.0], [2 / 3, 0.2, 2 / 15, 0.0], [0.8, 0.2, 0.0, 0.0],
    [0.8, 1 / 15, 1 / 15, 1 / 15], [1.0, 0.0, 0.0, 0.0], [7 / 15, 8 / 15, 0.0, 0.0], [0.25, 0.25, 0.25, 0.25],
    [0.3, 0.3, 0.2, 0.2], [0.7, 0.1, 0.1, 0.1], [0.5, 0.5, 0.0, 0.0], [14 / 15, 1 / 15, 0.0, 0.0],
    [11 / 15, 4 / 15, 0.0, 0.0], [0.6, 0.1, 0.1, 0.2], [0.9, 0.1, 0.0, 0.0], [13 / 15, 2 / 15, 0.0, 0.0],
]


def fmt(x, rng):
    if x == 0.0 and rng.random() < 0.5:
        return "0"
    if x == 1.0 and rng.random() < 0.5:
        return "1"
    s = repr(x)
    return " " + s + " " if rng.random() < 0.05 else s


def generate(path, seed=20240611, n=500, k=4):
    rng = random.Random(seed)
    # one fixed column order per edge row, so repeated rows have bit-identical entropies (clean AUROC ties)
    perms = [rng.sample(range(k), k) for _ in EDGE_ROWS]
    rows = []
    for _ in range(n):
        if rng.random() < 0.4:
            t = rng.randrange(len(EDGE_ROWS))
            base = EDGE_ROWS[t] + [0.0] * (k - 4)
            p = [base[perms[t][j]] for j in range(k)]
        else:
            sharp = rng.choice([0.3, 1.0, 3.0])
            g = [rng.gammavariate(sharp, 1.0) for _ in range(k)]
            s = sum(g)
            p = [x / s for x in g]
        if rng.random() < 0.6:
            y = predicted(p)
        else:
            y = rng.randrange(k)
        rows.append((y, p))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(["label"] + ["p_%d" % j for j in range(k)]) + "\n")
        for y, p in rows:
            f.write(",".join([str(y)] + [fmt(x, rng) for x in p]) + "\n")


def main(argv):
    if len(argv) >= 2 and argv[0] == "score":
        bins = int(argv[argv.index("--bins") + 1]) if "--bins" in argv else 15
        labels, probs, k = read_csv(argv[1])
        print(json.dumps(metrics(labels, probs, k, bins), indent=2))
    elif len(argv) >= 2 and argv[0] == "generate":
        opts = {argv[i]: int(argv[i + 1]) for i in range(2, len(argv) - 1, 2)}
        generate(argv[1], opts.get("--seed", 20240611), opts.get("--n", 500), opts.get("--k", 4))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
