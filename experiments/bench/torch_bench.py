#!/usr/bin/env python3
"""PyTorch peer of Credence's `bench` command: the same measurements, printed as JSON lines of the same shape.

Standard library and torch only. Run it with Debian's interpreter (/usr/bin/python3, where python3-torch is
installed) and OpenBLAS-openmp chosen through LD_LIBRARY_PATH; see README.md in this folder.

  methods : map (MLP + (lambda/2)||W||^2 on weights, Adam) and mc-dropout (dropout p after each hidden
            activation, T stochastic passes at inference). bbb and sgld have no torch version here.
  --kernel: torch.mm GFLOP/s for the protocol network's products (forward x.W, weight gradient x^T.g,
            input gradient g.W^T per layer, and the 1024-row inference chunk).
"""
import argparse
import gzip
import json
import math
import os
import platform
import random
import statistics
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

FASHION = "/usr/share/datasets/fashion-mnist"
FEATURES, CLASSES = 784, 10
METHODS = ("map", "mc-dropout")


def blas_library():
    """The BLAS shared object this process has mapped (after one product has run)."""
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))
    found = set()
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                name = os.path.basename(path)
                if name.startswith(("libblas", "libopenblas", "libmkl", "libblis")):
                    found.add(os.path.realpath(path))
    except OSError:
        pass
    return sorted(found)


def engine():
    blas = blas_library()
    return {
        "torch": torch.__version__,
        "python": platform.python_version(),
        "blas": blas,
        "openblas": any("openblas" in b for b in blas),
        "torch_threads": torch.get_num_threads(),
        "processors": os.cpu_count(),
    }


def load_data(n, seed):
    """First n Fashion-MNIST training rows if installed, else a seeded 10-cluster stand-in; one global standardization."""
    images = os.path.join(FASHION, "train-images-idx3-ubyte.gz")
    labels = os.path.join(FASHION, "train-labels-idx1-ubyte.gz")
    if os.path.exists(images) and os.path.exists(labels):
        with gzip.open(images, "rb") as f:
            magic, count, rows, cols = struct.unpack(">IIII", f.read(16))
            assert magic == 0x803 and rows * cols == FEATURES, "not an IDX image file"
            n = min(n, count)
            x = torch.frombuffer(bytearray(f.read(n * FEATURES)), dtype=torch.uint8).reshape(n, FEATURES).float() / 255
        with gzip.open(labels, "rb") as f:
            magic, count = struct.unpack(">II", f.read(8))
            assert magic == 0x801, "not an IDX label file"
            y = torch.frombuffer(bytearray(f.read(n)), dtype=torch.uint8).long()
        name = "fashion-mnist"
    else:
        g = torch.Generator().manual_seed(seed)
        centres = torch.rand(CLASSES, FEATURES, generator=g) * 2 - 1
        y = torch.randint(0, CLASSES, (n,), generator=g)
        x = centres[y] + torch.randn(n, FEATURES, generator=g)
        name = "synthetic"
    x = (x - x.mean()) / x.std()
    return x.contiguous(), y, name


def build(hidden, dropout):
    layers, width = [], FEATURES
    for h in hidden:
        layers += [nn.Linear(width, h), nn.ReLU()]
        if dropout > 0:
            layers.append(nn.Dropout(dropout))
        width = h
    layers.append(nn.Linear(width, CLASSES))
    return nn.Sequential(*layers)


def fit_one_epoch(model, x, y, batch, weight_decay, seed):
    """One epoch of Adam on mean cross-entropy; weight decay on weights only (gradient lambda*w = d/dw (lambda/2)||w||^2)."""
    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
    biases = [p for name, p in model.named_parameters() if name.endswith("bias")]
    opt = torch.optim.Adam([{"params": weights, "weight_decay": weight_decay},
                            {"params": biases, "weight_decay": 0.0}], lr=1e-3)
    model.train()
    g = torch.Generator().manual_seed(seed)
    start = time.perf_counter()
    order = torch.randperm(x.shape[0], generator=g)
    for i in range(0, x.shape[0], batch):
        idx = order[i:i + batch]
        xb, yb = x[idx], y[idx]
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(xb), yb)
        loss.backward()
        opt.step()
    return time.perf_counter() - start


@torch.no_grad()
def predict(model, x, samples, stochastic):
    """Mean of `samples` softmax outputs (dropout active when stochastic), in 1024-row chunks as Credence does."""
    model.train(stochastic)
    out = torch.empty(x.shape[0], CLASSES)
    for i in range(0, x.shape[0], 1024):
        chunk = x[i:i + 1024]
        acc = torch.zeros(chunk.shape[0], CLASSES)
        for _ in range(samples if stochastic else 1):
            acc += F.softmax(model(chunk), dim=1)
        out[i:i + 1024] = acc / (samples if stochastic else 1)
    return out


def flops(hidden):
    widths = [FEATURES] + list(hidden) + [CLASSES]
    forward = sum(2 * a * b for a, b in zip(widths, widths[1:]))
    return forward, 3 * forward - 2 * widths[0] * widths[1]


def bench_method(method, args, x, y, dataset):
    stochastic = method == "mc-dropout"
    samples = (args.samples or 32) if stochastic else 1
    inference_x = x[:min(x.shape[0], 10_000)]
    train_rates, infer_rates = [], []
    for rep in range(-1, args.repeats):
        torch.manual_seed(args.seed)
        model = build(args.hidden, 0.2 if stochastic else 0.0)
        seconds = fit_one_epoch(model, x, y, args.batch, 5e-4, args.seed)
        t0 = time.perf_counter()
        predict(model, inference_x, samples, stochastic)
        infer_seconds = time.perf_counter() - t0
        print(f"torch {method} {'warm-up' if rep < 0 else f'rep {rep + 1}'}: {x.shape[0] / seconds:.0f} train ex/s, "
              f"{inference_x.shape[0] / infer_seconds:.0f} inference ex/s (S={samples})", file=sys.stderr)
        if rep >= 0:
            train_rates.append(x.shape[0] / seconds)
            infer_rates.append(inference_x.shape[0] / infer_seconds)
    forward, training = flops(args.hidden)
    train, infer = statistics.median(train_rates), statistics.median(infer_rates)
    return {
        "method": method,
        "train_examples_per_s": round4(train),
        "inference_examples_per_s": round4(infer),
        "gflops": round4(train * training / 1e9),
        "inference_gflops": round4(infer * samples * forward / 1e9),
        "samples": samples,
        "examples_per_fit": x.shape[0],
        "settings": {"hidden": args.hidden, "batch": args.batch, "examples": x.shape[0],
                     "inference_examples": inference_x.shape[0], "threads": args.threads, "repeats": args.repeats,
                     "seed": args.seed, "dataset": dataset,
                     "hyperparameters": {"optimizer": "adam", "learning_rate": 1e-3, "weight_decay": 5e-4,
                                         "dropout": 0.2 if stochastic else 0.0}},
        "engine": engine(),
        "runs": {"train_examples_per_s": [round4(r) for r in train_rates],
                 "inference_examples_per_s": [round4(r) for r in infer_rates]},
    }


def protocol_shapes(batch, hidden):
    widths = [FEATURES] + list(hidden) + [CLASSES]
    shapes = []
    for layer, (i, o) in enumerate(zip(widths, widths[1:]), start=1):
        shapes.append((f"layer {layer} forward x·W", "nn", batch, o, i))
        shapes.append((f"layer {layer} weight grad xᵀ·g", "tn", i, o, batch))
        shapes.append((f"layer {layer} input grad g·Wᵀ" + (" (not needed in training)" if layer == 1 else ""),
                       "nt", batch, i, o))
    shapes.append(("inference chunk x·W", "nn", 1024, widths[1], widths[0]))
    return shapes


def time_product(fn, flop, repeats):
    start, calls = time.perf_counter(), 0
    while time.perf_counter() - start < 0.5 or calls < 20:
        fn()
        calls += 1
    loop = max(3, math.ceil(0.3 / ((time.perf_counter() - start) / calls)))
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(loop):
            fn()
        runs.append(flop * loop / (time.perf_counter() - t0) / 1e9)
    return runs


def bench_kernel(args):
    eng = engine()
    for what, op, m, n, k in protocol_shapes(args.batch, args.hidden):
        g = torch.Generator().manual_seed(1)
        if op == "nn":
            a, b = torch.rand(m, k, generator=g) - 0.5, torch.rand(k, n, generator=g) - 0.5
            c = torch.empty(m, n)
            fn = lambda: torch.mm(a, b, out=c)
        elif op == "tn":  # c += aᵀ·b with a stored k×m, as the weight gradient accumulates
            a, b = torch.rand(k, m, generator=g) - 0.5, torch.rand(k, n, generator=g) - 0.5
            c = torch.zeros(m, n)
            fn = lambda: c.addmm_(a.t(), b)
        else:  # c = a·bᵀ with b stored n×k
            a, b = torch.rand(m, k, generator=g) - 0.5, torch.rand(n, k, generator=g) - 0.5
            c = torch.empty(m, n)
            fn = lambda: torch.mm(a, b.t(), out=c)
        runs = time_product(fn, 2.0 * m * n * k, args.repeats)
        print(json.dumps({"kernel": "torch.mm", "shape": f"{op} {m}x{k}·{k}x{n}", "what": what, "op": op,
                          "m": m, "k": k, "n": n, "gflops": round4(statistics.median(runs)),
                          "threads": torch.get_num_threads(), "runs": [round4(r) for r in runs], "engine": eng},
                         ensure_ascii=False), flush=True)


def round4(v):
    return float(f"{v:.4g}")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--method", default="all", help="map, mc-dropout or all")
    p.add_argument("--hidden", default="400,400", help="hidden widths, comma-separated")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--examples", type=int, default=10_000)
    p.add_argument("--samples", type=int, default=None, help="T for mc-dropout (default 32)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeats", type=int, default=None, help="timed repetitions (default 3; 5 with --kernel)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--kernel", action="store_true", help="time torch.mm on the protocol shapes instead")
    args = p.parse_args(argv)
    args.hidden = [int(h) for h in args.hidden.split(",")]
    args.repeats = args.repeats or (5 if args.kernel else 3)
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    if not any("openblas" in b for b in blas_library()):
        print("torch_bench: warning: not running on OpenBLAS (set LD_LIBRARY_PATH="
              "/usr/lib/x86_64-linux-gnu/openblas-openmp); numbers will be far too low", file=sys.stderr)
    if args.kernel:
        bench_kernel(args)
        return 0
    methods = METHODS if args.method == "all" else (args.method,)
    for m in methods:
        if m not in METHODS:
            p.error(f"unknown method {m!r}; torch versions exist for {', '.join(METHODS)}")
    x, y, dataset = load_data(args.examples, args.seed)
    print(f"torch_bench: {dataset}, {x.shape[0]} examples, hidden {args.hidden}, batch {args.batch}, "
          f"{torch.get_num_threads()} threads, BLAS {blas_library()}", file=sys.stderr)
    for m in methods:
        print(json.dumps(bench_method(m, args, x, y, dataset), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
