#!/usr/bin/env python3
"""PyTorch peer of Credence's `bench` command: the same measurements, printed as JSON lines of the same shape.

Standard library and torch only. Run it with Debian's interpreter (/usr/bin/python3, where python3-torch is
installed) and OpenBLAS-openmp chosen through LD_LIBRARY_PATH; see README.md in this folder. Unless OPENBLAS_CORETYPE
or --coretype gives one, it first chooses OpenBLAS's core type by measurement (blas_coretype.py) and re-executes
itself with it; every JSON line records the choice under engine.blas_choice.

  methods : map (MLP + (lambda/2)||W||^2 on weights, Adam), mc-dropout (dropout p after each hidden activation,
            T stochastic passes at inference), bbb (Bayes by Backprop, local reparameterization: Credence's
            estimator=local_reparam), bbb-sampled (the same with one weight draw per minibatch, Credence's default
            estimator, sampled_weights) and sgld (one epoch of Langevin updates, no burn-in, 32 kept snapshots).
            Every method trains one epoch over --examples rows; README.md says how each matches Credence.
  composed: deep-ensemble, temperature-scaling, laplace and swag on a map fit, one JSON line per (method, phase):
            see torch_composed.py.
  --kernel: torch.mm GFLOP/s for the protocol network's products (forward x.W, weight gradient x^T.g,
            input gradient g.W^T per layer, and the 1024-row inference chunk), then LeNet-5's two convolutions
            at --batch, forward and backward, with point kernels (F.conv2d) and with Gaussian kernels under each
            of bbb's three estimators.
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

import blas_coretype  # standard library only; this script's folder is on sys.path

if __name__ == "__main__":
    # OpenBLAS reads OPENBLAS_CORETYPE once, when torch loads it: choose by measurement and re-execute first
    blas_coretype.settle(sys.argv, int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv[:-1] else 2)

import torch  # noqa: E402  (after the core type is settled)
import torch.nn as nn
import torch.nn.functional as F

FASHION = "/usr/share/datasets/fashion-mnist"
FEATURES, CLASSES = 784, 10
METHODS = ("map", "mc-dropout", "mc-dropout-shared", "bbb", "bbb-sampled", "sgld")
COMPOSED = ("deep-ensemble", "temperature-scaling", "laplace", "swag")  # torch_composed.py
CHUNK = 1024                 # inference rows per chunk, as Credence's NetworkPredictive
LR = 1e-3                    # Adam, all Adam-trained methods (AbstractOptimizedNetworkTrainer default)
WEIGHT_DECAY = 5e-4          # map and mc-dropout: (lambda/2)||W||^2 on weights
DROPOUT = 0.2                # mc-dropout
TEST_SAMPLES = 32            # mc-dropout T, bbb S
PRIOR_SIGMA = 1.0            # bbb's N(0, 1) prior; sgld's N(0, 1) prior on every parameter
RHO_INIT = -3.0              # bbb: sigma starts at softplus(-3) = 0.0486
SGLD_STEP = 1e-5             # sgld: first of Credence's step_sizes (used when there is no validation set)


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


def openblas_core(blas):
    """The core type OpenBLAS runs (openblas_get_corename), or None when OpenBLAS is not the BLAS."""
    for path in blas:
        if "libopenblas" in os.path.basename(path):
            import ctypes
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return lib.openblas_get_corename().decode()
    return None


def engine():
    """The BLAS, its core type and how it was chosen (blas_coretype.py), torch's threads and whether oneDNN is on."""
    blas = blas_library()
    choice = os.environ.get(blas_coretype.CHOICE_ENV)
    return {
        "torch": torch.__version__,
        "python": platform.python_version(),
        "blas": blas,
        "openblas": any("openblas" in b for b in blas),
        "openblas_coretype_env": os.environ.get("OPENBLAS_CORETYPE"),
        "openblas_core": openblas_core(blas),
        "blas_choice": json.loads(choice) if choice else None,
        "torch_threads": torch.get_num_threads(),
        "mkldnn_available": torch.backends.mkldnn.is_available(),
        "mkldnn_enabled": torch.backends.mkldnn.enabled,
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


def mlp(hidden, dropout):
    """784-hidden-10 ReLU MLP; nn.Linear's default initialisation is U(±1/√fan_in) for weights and biases, as Credence's."""
    layers, width = [], FEATURES
    for h in hidden:
        layers += [nn.Linear(width, h), nn.ReLU()]
        if dropout > 0:
            layers.append(nn.Dropout(dropout))
        width = h
    layers.append(nn.Linear(width, CLASSES))
    return nn.Sequential(*layers)


class GaussianLinear(nn.Module):
    """Mean-field Gaussian weights and biases, N(mu, sigma^2) with sigma = softplus(rho) (Credence's GaussianAffineLayer).

    Training: local reparameterization (pre-activation mean x.mu + b, variance (x*x).sigma^2 + sigma_b^2, one
    N(0, 1) draw per output) or one weight draw w = mu + sigma*eps per minibatch; in eval mode always a weight draw
    (predict_bbb does the same without autograd). The sigmas of the last forward pass are kept so that kl() of the
    same step reuses them."""

    def __init__(self, fan_in, fan_out, rho_init, local):
        super().__init__()
        bound = 1 / math.sqrt(fan_in)
        self.w_mu = nn.Parameter(torch.empty(fan_out, fan_in).uniform_(-bound, bound))
        self.b_mu = nn.Parameter(torch.empty(fan_out).uniform_(-bound, bound))
        self.w_rho = nn.Parameter(torch.full((fan_out, fan_in), float(rho_init)))
        self.b_rho = nn.Parameter(torch.full((fan_out,), float(rho_init)))
        self.local = local
        self.sigmas = None

    def forward(self, x):
        w_sigma, b_sigma = F.softplus(self.w_rho), F.softplus(self.b_rho)
        self.sigmas = (w_sigma, b_sigma)
        if self.local and self.training:
            mean = F.linear(x, self.w_mu, self.b_mu)
            var = F.linear(x * x, w_sigma * w_sigma, b_sigma * b_sigma)
            return mean + var.sqrt() * torch.randn_like(mean)
        return F.linear(x, self.w_mu + w_sigma * torch.randn_like(w_sigma), self.b_mu + b_sigma * torch.randn_like(b_sigma))

    def kl(self, prior_sigma):
        """Closed-form KL(q || N(0, prior_sigma^2)) summed over weights and biases, at this step's sigmas."""
        total = 0.0
        for mu, sigma in ((self.w_mu, self.sigmas[0]), (self.b_mu, self.sigmas[1])):
            total = total + (math.log(prior_sigma) - sigma.log()
                             + (sigma * sigma + mu * mu) / (2 * prior_sigma ** 2) - 0.5).sum()
        return total


def bbb_net(hidden, rho_init, local):
    layers, width = [], FEATURES
    for h in hidden:
        layers += [GaussianLinear(width, h, rho_init, local), nn.ReLU()]
        width = h
    layers.append(GaussianLinear(width, CLASSES, rho_init, local))
    return nn.Sequential(*layers)


class SGLD(torch.optim.Optimizer):
    """Welling & Teh's update theta <- theta - (lr/2)*grad U + N(0, T*lr), where the gradient of the model's loss
    (N * mean CE) gets the Gaussian prior's theta/sigma_p^2 added here, on every parameter (biases too)."""

    def __init__(self, params, lr, prior_sigma=1.0, temperature=1.0):
        super().__init__(params, {"lr": lr, "precision": 1.0 / prior_sigma ** 2, "temperature": temperature})

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            lr, noise = group["lr"], math.sqrt(group["temperature"] * group["lr"])
            for p in group["params"]:
                if p.grad is not None:
                    grad_u = p.grad.add_(p, alpha=group["precision"])
                    p.add_(grad_u, alpha=-lr / 2).add_(torch.randn_like(p), alpha=noise)


class Snapshots:
    """Credence's SnapshotCollector: with B burn-in updates of T, keep S snapshots k = (T - B) // S updates apart,
    the last S of the multiples of k after burn-in."""

    def __init__(self, params, burn_in, total, samples):
        if total - burn_in < samples:
            raise SystemExit(f"sgld: {samples} samples need as many updates after burn-in, got {total - burn_in}; "
                             f"use more --examples or fewer --sgld-samples")
        self.params, self.burn_in = list(params), burn_in
        self.k = (total - burn_in) // samples
        self.last = (total - burn_in) // self.k
        self.first = self.last - samples + 1
        self.kept = []

    def __call__(self, step):
        after = step + 1 - self.burn_in
        if after > 0 and after % self.k == 0 and self.first <= after // self.k <= self.last:
            self.kept.append([p.detach().clone() for p in self.params])


def fit_one_epoch(model, x, y, batch, optimizer, loss_fn, seed, after_step=None):
    """One shuffled epoch of minibatch steps; returns the wall time of the loop (shuffling included)."""
    model.train()
    g = torch.Generator().manual_seed(seed)
    start = time.perf_counter()
    order = torch.randperm(x.shape[0], generator=g)
    for step, i in enumerate(range(0, x.shape[0], batch)):
        idx = order[i:i + batch]
        xb, yb = x[idx], y[idx]
        optimizer.zero_grad(set_to_none=True)
        loss_fn(model(xb), yb).backward()
        optimizer.step()
        if after_step is not None:
            after_step(step)
    return time.perf_counter() - start


@torch.no_grad()
def predict_module(model, x, samples, stochastic, share_prefix=False):
    """Mean of `samples` softmax outputs (dropout active when stochastic), in 1024-row chunks as Credence does.
    share_prefix: run the modules before the first Dropout once per chunk and start every pass from their output,
    as Credence's predictive does (same values; they draw no randomness)."""
    model.train(stochastic)
    passes = samples if stochastic else 1
    split = 0
    if share_prefix and stochastic:
        split = next((i for i, m in enumerate(model) if isinstance(m, nn.Dropout)), len(model))
    head, tail = model[:split], model[split:]
    out = torch.empty(x.shape[0], CLASSES)
    for i in range(0, x.shape[0], CHUNK):
        chunk = head(x[i:i + CHUNK])
        acc = torch.zeros(chunk.shape[0], CLASSES)
        for _ in range(passes):
            acc += F.softmax(tail(chunk), dim=1)
        out[i:i + CHUNK] = acc / passes
    return out


def forward_with(x, layers):
    """The MLP with given (weight, bias) pairs, ReLU between."""
    for j, (w, b) in enumerate(layers):
        x = F.linear(x, w, b)
        if j < len(layers) - 1:
            x = F.relu_(x)
    return x


@torch.no_grad()
def predict_bbb(model, x, samples):
    """S sampled networks per 1024-row chunk (Credence's SAMPLE mode): one fresh draw w = mu + sigma*eps per pass,
    shared by the chunk's rows; sigma = softplus(rho) computed once."""
    gl = [m for m in model if isinstance(m, GaussianLinear)]
    post = [(m.w_mu, F.softplus(m.w_rho), m.b_mu, F.softplus(m.b_rho)) for m in gl]
    out = torch.empty(x.shape[0], CLASSES)
    for i in range(0, x.shape[0], CHUNK):
        chunk = x[i:i + CHUNK]
        acc = torch.zeros(chunk.shape[0], CLASSES)
        for _ in range(samples):
            drawn = [(torch.randn_like(ws).mul_(ws).add_(wm), torch.randn_like(bs).mul_(bs).add_(bm))
                     for wm, ws, bm, bs in post]
            acc += F.softmax(forward_with(chunk, drawn), dim=1)
        out[i:i + CHUNK] = acc / samples
    return out


@torch.no_grad()
def predict_snapshots(snapshots, x, samples):
    """Average of one deterministic pass per snapshot (evenly spaced subset when fewer are asked for), snapshot by
    snapshot over all chunks as Credence's SnapshotPredictive does."""
    s = min(max(1, samples), len(snapshots))
    out = torch.zeros(x.shape[0], CLASSES)
    for j in range(s):
        snap = snapshots[j * len(snapshots) // s]
        layers = list(zip(snap[0::2], snap[1::2]))
        for i in range(0, x.shape[0], CHUNK):
            out[i:i + CHUNK] += F.softmax(forward_with(x[i:i + CHUNK], layers), dim=1)
    return out / s


def weights_and_biases(model):
    named = list(model.named_parameters())
    return [p for n, p in named if n.endswith("weight")], [p for n, p in named if n.endswith("bias")]


def train_mlp(args, x, y, seed, dropout=0.0):
    """map (dropout 0) or mc-dropout's training: a fresh MLP (torch.manual_seed(seed) first), mean CE +
    (lambda/2)||W||^2 on weights, Adam, one epoch in the order of seed; returns (model, seconds of the loop)."""
    torch.manual_seed(seed)
    model = mlp(args.hidden, dropout)
    weights, biases = weights_and_biases(model)
    # Adam's weight_decay adds lambda*w to the gradient: d/dw (lambda/2)||w||^2, on weights only
    opt = torch.optim.Adam([{"params": weights, "weight_decay": WEIGHT_DECAY},
                            {"params": biases, "weight_decay": 0.0}], lr=LR)
    return model, fit_one_epoch(model, x, y, args.batch, opt, F.cross_entropy, seed)


def fit_and_predict(method, args, x, y, inference_x, seed):
    """One fresh fit and one timed inference; returns (train seconds, inference seconds, mean probabilities, S)."""
    torch.manual_seed(seed)
    n = x.shape[0]
    if method in ("map", "mc-dropout", "mc-dropout-shared"):
        stochastic = method != "map"
        model, seconds = train_mlp(args, x, y, seed, DROPOUT if stochastic else 0.0)
        samples = (args.samples or TEST_SAMPLES) if stochastic else 1
        t0 = time.perf_counter()
        probs = predict_module(model, inference_x, samples, stochastic, share_prefix=method == "mc-dropout-shared")
    elif method in ("bbb", "bbb-sampled"):
        model = bbb_net(args.hidden, RHO_INIT, local=method == "bbb")
        opt = torch.optim.Adam(model.parameters(), lr=LR)
        gaussian = [m for m in model if isinstance(m, GaussianLinear)]

        def elbo_loss(logits, target):  # mean CE + KL/N_train (uniform weighting, beta = 1), KL computed every step
            return F.cross_entropy(logits, target) + sum(m.kl(PRIOR_SIGMA) for m in gaussian) / n
        seconds = fit_one_epoch(model, x, y, args.batch, opt, elbo_loss, seed)
        samples = args.samples or TEST_SAMPLES
        t0 = time.perf_counter()
        probs = predict_bbb(model, inference_x, samples)
    elif method == "sgld":
        model = mlp(args.hidden, 0.0)
        opt = SGLD(model.parameters(), lr=SGLD_STEP, prior_sigma=PRIOR_SIGMA, temperature=1.0)
        steps = (n + args.batch - 1) // args.batch
        keep = Snapshots(model.parameters(), 0, steps, args.sgld_samples)

        def energy(logits, target):  # N * mean CE; the prior's gradient is added by SGLD.step
            return F.cross_entropy(logits, target) * n
        seconds = fit_one_epoch(model, x, y, args.batch, opt, energy, seed, after_step=keep)
        samples = args.samples or len(keep.kept)
        samples = min(samples, len(keep.kept))
        t0 = time.perf_counter()
        probs = predict_snapshots(keep.kept, inference_x, samples)
    else:
        raise ValueError(method)
    return seconds, time.perf_counter() - t0, probs, samples


def hyperparameters(method, args):
    if method in ("map", "mc-dropout", "mc-dropout-shared"):
        h = {"optimizer": "adam", "learning_rate": LR, "weight_decay": WEIGHT_DECAY,
             "dropout": DROPOUT if method != "map" else 0.0}
    elif method in ("bbb", "bbb-sampled"):
        h = {"optimizer": "adam", "learning_rate": LR, "prior": "gaussian", "prior_sigma": PRIOR_SIGMA,
             "rho_init": RHO_INIT, "estimator": "local_reparam" if method == "bbb" else "sampled_weights",
             "kl_weighting": "uniform", "kl_scale": 1.0, "train_samples": 1}
    else:
        h = {"step_sizes": [SGLD_STEP], "prior_sigma": PRIOR_SIGMA, "temperature": 1.0, "schedule": "constant",
             "preconditioned": False, "epochs": 1, "burn_in_epochs": 0, "samples": args.sgld_samples}
    h.update({"hidden": args.hidden, "epochs": 1, "batch_size": args.batch})
    return h


def flops(hidden):
    widths = [FEATURES] + list(hidden) + [CLASSES]
    forward = sum(2 * a * b for a, b in zip(widths, widths[1:]))
    return forward, 3 * forward - 2 * widths[0] * widths[1]


def bench_method(method, args, x, y, dataset):
    inference_x = x[:min(x.shape[0], 10_000)]
    inference_y = y[:inference_x.shape[0]]
    train_rates, infer_rates, accuracies = [], [], []
    samples = 1
    warmup_end = time.perf_counter() + args.warmup
    warmups = 0
    while True:  # the same warm-up rule as Credence's bench: at least one fit, then until --warmup seconds passed
        seconds, infer_seconds, probs, samples = fit_and_predict(method, args, x, y, inference_x, args.seed)
        warmups += 1
        print(f"torch {method} warm-up {warmups}: {x.shape[0] / seconds:.0f} train ex/s, "
              f"{inference_x.shape[0] / infer_seconds:.0f} inference ex/s (S={samples})", file=sys.stderr)
        if time.perf_counter() >= warmup_end:
            break
    for rep in range(args.repeats):
        seconds, infer_seconds, probs, samples = fit_and_predict(method, args, x, y, inference_x, args.seed)
        accuracy = (probs.argmax(dim=1) == inference_y).float().mean().item()
        print(f"torch {method} rep {rep + 1}: {x.shape[0] / seconds:.0f} train ex/s, "
              f"{inference_x.shape[0] / infer_seconds:.0f} inference ex/s (S={samples}), "
              f"train accuracy {accuracy:.3f}", file=sys.stderr)
        train_rates.append(x.shape[0] / seconds)
        infer_rates.append(inference_x.shape[0] / infer_seconds)
        accuracies.append(accuracy)
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
        "train_accuracy": round4(accuracies[-1]),
        "settings": {"hidden": args.hidden, "batch": args.batch, "examples": x.shape[0],
                     "inference_examples": inference_x.shape[0], "threads": args.threads, "repeats": args.repeats,
                     "warmup_seconds": args.warmup, "warmup_fits": warmups,
                     "seed": args.seed, "dataset": dataset, "hyperparameters": hyperparameters(method, args)},
        "engine": engine(),
        "runs": {"train_examples_per_s": [round4(r) for r in train_rates],
                 "inference_examples_per_s": [round4(r) for r in infer_rates],
                 "train_accuracy": [round4(a) for a in accuracies]},
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


def time_product(fn, flop, repeats, cpu=None):
    """GFLOP/s of each repetition; with a list as cpu, appends the calling thread's CPU seconds per call of each."""
    start, calls = time.perf_counter(), 0
    while time.perf_counter() - start < 0.5 or calls < 20:
        fn()
        calls += 1
    loop = max(3, math.ceil(0.3 / ((time.perf_counter() - start) / calls)))
    runs = []
    for _ in range(repeats):
        c0 = time.thread_time()
        t0 = time.perf_counter()
        for _ in range(loop):
            fn()
        runs.append(flop * loop / (time.perf_counter() - t0) / 1e9)
        if cpu is not None:
            cpu.append((time.thread_time() - c0) / loop)
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
    bench_conv(args, eng)


LENET5_CONVS = (  # (name, C, H, W, C_out, kh, kw, stride, padding, input gradient needed in training)
    ("conv1", 1, 28, 28, 6, 5, 5, 1, 2, False),
    ("conv2", 6, 14, 14, 16, 5, 5, 1, 0, True),
)
CONV_KINDS = ("torch.conv2d", "torch-bayes-conv-sampled_weights", "torch-bayes-conv-local_reparam",
              "torch-bayes-conv-flipout")


def conv_layer(kind, c, c_out, kh, kw, stride, padding, g):
    """The training forward of one conv layer as a closure x -> y, and its parameters: a point kernel (F.conv2d), or a
    Gaussian kernel sampled like Credence's GaussianConv2d (one kernel draw; the local reparameterization per image
    and position; Flipout with one sign per image and input/output channel)."""
    bound = 1 / math.sqrt(c * kh * kw)
    mu = ((torch.rand(c_out, c, kh, kw, generator=g) * 2 - 1) * bound).requires_grad_()
    mu_b = ((torch.rand(c_out, generator=g) * 2 - 1) * bound).requires_grad_()
    if kind == "torch.conv2d":
        return (lambda x: F.conv2d(x, mu, mu_b, stride=stride, padding=padding)), [mu, mu_b]
    rho = torch.full((c_out, c, kh, kw), RHO_INIT, requires_grad=True)
    rho_b = torch.full((c_out,), RHO_INIT, requires_grad=True)
    params = [mu, rho, mu_b, rho_b]
    if kind.endswith("sampled_weights"):
        def forward(x):
            w = mu + F.softplus(rho) * torch.randn_like(mu)
            b = mu_b + F.softplus(rho_b) * torch.randn_like(mu_b)
            return F.conv2d(x, w, b, stride=stride, padding=padding)
    elif kind.endswith("local_reparam"):
        def forward(x):
            mean = F.conv2d(x, mu, mu_b, stride=stride, padding=padding)
            var = F.conv2d(x * x, F.softplus(rho) ** 2, F.softplus(rho_b) ** 2, stride=stride, padding=padding)
            return mean + torch.sqrt(var) * torch.randn_like(mean)
    else:
        def forward(x):
            delta = F.softplus(rho) * torch.randn_like(mu)
            b = mu_b + F.softplus(rho_b) * torch.randn_like(mu_b)
            s = torch.sign(torch.rand(x.shape[0], c, 1, 1) - 0.5)
            r = torch.sign(torch.rand(x.shape[0], c_out, 1, 1) - 0.5)
            return (F.conv2d(x, mu, b, stride=stride, padding=padding)
                    + F.conv2d(x * s, delta, None, stride=stride, padding=padding) * r)
    return forward, params


def bench_conv(args, eng):
    """LeNet-5's convolutions at --batch: the training forward (autograd recording) and the backward
    (y.backward(g) on a kept graph: parameter gradients, and the input's for conv2), per kind; GFLOP/s count the
    point convolution's products for every kind, as Credence's ConvBenchmark does."""
    for name, c, h, w, c_out, kh, kw, stride, padding, input_grad in LENET5_CONVS:
        oh, ow = (h + 2 * padding - kh) // stride + 1, (w + 2 * padding - kw) // stride + 1
        product = 2.0 * args.batch * oh * ow * c * kh * kw * c_out
        label = f"conv {c}x{h}x{w} → {c_out}@{kh}x{kw} stride {stride} padding {padding}"
        for kind in CONV_KINDS:
            g = torch.Generator().manual_seed(7)
            forward, params = conv_layer(kind, c, c_out, kh, kw, stride, padding, g)
            x = (torch.rand(args.batch, c, h, w, generator=g) * 2 - 1).requires_grad_(input_grad)
            grad = torch.rand(args.batch, c_out, oh, ow, generator=g) * 2 - 1
            passes = [("forward", product, lambda: forward(x))]
            y = forward(x)
            back = "backward (parameter and input gradients)" if input_grad else "backward (parameter gradients)"
            passes.append((back, product * (2 if input_grad else 1), lambda: y.backward(grad, retain_graph=True)))
            for what, flop, fn in passes:
                cpu = []
                runs = time_product(fn, flop, args.repeats, cpu)
                gflops = statistics.median(runs)
                print(json.dumps({"kernel": kind, "shape": label, "what": f"{name} {what}",
                                  "op": "conv-forward" if what == "forward" else "conv-backward", "batch": args.batch,
                                  "gflops": round4(gflops), "ms": round4(flop / gflops / 1e6),
                                  "cpu_ms": round4(statistics.median(cpu) * 1e3),
                                  "threads": torch.get_num_threads(), "runs": [round4(r) for r in runs], "engine": eng},
                                 ensure_ascii=False), flush=True)


def round4(v):
    return float(f"{v:.4g}")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--method", default="all", help=", ".join(METHODS) + " or all (these five); "
                   + ", ".join(COMPOSED) + " or composed (these four, per phase: see torch_composed.py)")
    p.add_argument("--hidden", default="400,400", help="hidden widths, comma-separated")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--examples", type=int, default=10_000)
    p.add_argument("--samples", type=int, default=None,
                   help="S at inference: T for mc-dropout, S for bbb (default 32); sgld: snapshots used (default all kept)")
    p.add_argument("--sgld-samples", type=int, default=32, help="snapshots sgld keeps (Credence's sgld 'samples')")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeats", type=int, default=None, help="timed repetitions (default 3; 5 with --kernel)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--warmup", type=float, default=5.0, help="untimed warm-up seconds before the timed fits (at least one fit)")
    p.add_argument("--kernel", action="store_true",
                   help="time torch.mm on the protocol shapes and LeNet-5's convolutions instead")
    p.add_argument("--held-out", type=int, default=10_000,
                   help="composed methods: rows after the training rows, the validation set of temperature scaling "
                        "and the test set of every predictive (default 10000)")
    p.add_argument("--members", type=int, default=3, help="deep-ensemble: M members, one epoch each (default 3)")
    p.add_argument("--swag-epochs", type=int, default=10, help="swag: K epochs of the collection phase (default 10)")
    p.add_argument("--coretype", default="measure",
                   help="OpenBLAS core type: measure (default: the fastest of autodetect and the candidates the CPU "
                        "flags allow, see blas_coretype.py), autodetect, or a name such as SkylakeX")
    args = p.parse_args(argv)
    args.hidden = [int(h) for h in args.hidden.split(",")]
    args.repeats = args.repeats or (5 if args.kernel or args.method == "composed" or args.method in COMPOSED else 3)
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    if not any("openblas" in b for b in blas_library()):
        print("torch_bench: warning: not running on OpenBLAS (set LD_LIBRARY_PATH="
              "/usr/lib/x86_64-linux-gnu/openblas-openmp); numbers will be far too low", file=sys.stderr)
    if args.kernel:
        bench_kernel(args)
        return 0
    if args.method == "composed" or args.method in COMPOSED:
        import torch_composed
        methods = COMPOSED if args.method == "composed" else (args.method,)
        for line in torch_composed.bench(methods, args):
            print(json.dumps(line, ensure_ascii=False), flush=True)
        return 0
    methods = METHODS if args.method == "all" else (args.method,)
    for m in methods:
        if m not in METHODS:
            p.error(f"unknown method {m!r}; torch versions exist for {', '.join(METHODS + COMPOSED)} "
                    "(and 'composed' for the four composed ones)")
    x, y, dataset = load_data(args.examples, args.seed)
    print(f"torch_bench: {dataset}, {x.shape[0]} examples, hidden {args.hidden}, batch {args.batch}, "
          f"{torch.get_num_threads()} threads, BLAS {blas_library()}", file=sys.stderr)
    for m in methods:
        print(json.dumps(bench_method(m, args, x, y, dataset), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
