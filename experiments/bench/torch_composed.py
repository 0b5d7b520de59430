"""The torch peer of `bench --method composed`: the methods that build on a trained network, phase by phase.

Called by torch_bench.py (--method deep-ensemble | temperature-scaling | laplace | swag | composed). The data are the
first --examples rows of the bench table for training and the --held-out rows after them as the validation set of
temperature scaling and the test set of every predictive. Temperature scaling, Laplace and SWAG build on one map fit
(one epoch, torch_bench.train_mlp) made before any timing. Each trial runs every phase of its method once; untimed
trials come first until --warmup seconds have passed (at least one), then --repeats timed ones, and each phase
reports the median. README.md in this folder says what each phase is on both sides.

  deep-ensemble       member: one member's fit (a fresh map, one epoch; median of the trial's mean over M members),
                      total: the M members trained one after another, predict: the mixture over the held-out rows
  temperature-scaling fit: T on the held-out rows' logits by safeguarded Newton in float64 (the peer's best: a 1-D
                      Newton converges in a few vectorised passes), fit-lbfgs: the usual torch recipe for reference
                      (LBFGS on ln T, float32, strong Wolfe line search), logits+fit: the base's logits, then fit
  laplace             features: the training rows' penultimate features; ggn-kron and ggn-full: the GGN of the last
                      layer over them, Kronecker factors and dense; fit: features, Kronecker GGN, eigendecompositions,
                      lambda by the Laplace evidence, posterior; probit: the probit predictive over the held-out rows.
                      Hand-written torch: the laplace-torch library is not installed in Debian's python3-torch
  swag                collect: K epochs of SGD (momentum 0.9, lr 0.01) collecting the moments after each epoch,
                      sample: the S = 32 parameter draws from the diagonal-plus-low-rank Gaussian and the SWA network,
                      predict: the S networks over the held-out rows
"""
import contextlib
import copy
import math
import statistics
import sys
import time

import torch
import torch.nn.functional as F

import torch_bench as tb

SWAG_LR = 0.01          # swag_learning_rate
SWAG_MOMENTUM = 0.9     # momentum
SWAG_RANK = 20          # rank of D
SWAG_SAMPLES = 32       # test_samples, unless --samples gives S
LOG_T_MIN, LOG_T_MAX = math.log(0.01), math.log(100.0)   # Credence's temperature range
LOG_T_TOLERANCE = 1e-6


class Clock:
    """Wall and calling-thread CPU seconds of each phase of one trial (the CPU time is a diagnostic for a shared
    machine: with one torch thread it is the phase's own compute, whatever else runs)."""

    def __init__(self):
        self.wall, self.cpu = {}, {}

    @contextlib.contextmanager
    def phase(self, name):
        t0, c0 = time.perf_counter(), time.thread_time()
        yield
        self.record(name, time.perf_counter() - t0, time.thread_time() - c0)

    def record(self, name, wall, cpu):
        assert name not in self.wall, f"phase {name} timed twice"
        self.wall[name], self.cpu[name] = wall, cpu


class Context:
    """The data split and, made once before any timing, the map fit the post-hoc methods build on."""

    def __init__(self, args):
        x, y, self.dataset = tb.load_data(args.examples + args.held_out, args.seed)
        n = min(args.examples, x.shape[0] - 1)
        self.train_x, self.train_y = x[:n].contiguous(), y[:n]
        self.held_x, self.held_y = x[n:].contiguous(), y[n:]
        self.args = args
        self._base = None

    @property
    def base(self):
        if self._base is None:
            self._base, _ = tb.train_mlp(self.args, self.train_x, self.train_y, self.args.seed)
            self._base.eval()
        return self._base


def accuracy(probs, y):
    return round((probs.argmax(dim=1) == y).float().mean().item(), 4)


# ---------------------------------------------------------------- deep ensemble

def ensemble_trial(ctx, clock):
    args, members, member_seconds = ctx.args, [], []
    with clock.phase("total"):
        for m in range(args.members):  # each member its own initialisation and data order
            t0 = time.perf_counter()
            model, _ = tb.train_mlp(args, ctx.train_x, ctx.train_y, args.seed + m)
            member_seconds.append(time.perf_counter() - t0)
            members.append(model)
    clock.record("member", clock.wall["total"] / args.members, clock.cpu["total"] / args.members)
    with clock.phase("predict"):
        probs = predict_mixture(members, ctx.held_x)
    return {"member_seconds": [round(s, 4) for s in member_seconds], "members": args.members,
            "test_accuracy": accuracy(probs, ctx.held_y)}


@torch.no_grad()
def predict_mixture(members, x):
    """The uniform mixture of the members' softmax outputs, in 1024-row chunks."""
    out = torch.empty(x.shape[0], tb.CLASSES)
    for m in members:
        m.eval()
    for i in range(0, x.shape[0], tb.CHUNK):
        chunk = x[i:i + tb.CHUNK]
        acc = torch.zeros(chunk.shape[0], tb.CLASSES)
        for m in members:
            acc += F.softmax(m(chunk), dim=1)
        out[i:i + tb.CHUNK] = acc / len(members)
    return out


# ---------------------------------------------------------------- temperature scaling

@torch.no_grad()
def logits_of(model, x):
    return torch.cat([model(x[i:i + tb.CHUNK]) for i in range(0, x.shape[0], tb.CHUNK)])


@torch.no_grad()
def temperature_newton(logits, labels):
    """T minimising the mean NLL of softmax(z/T), to 1e-6 in ln T over [0.01, 100]: Newton on phi(t) = f'(e^-t),
    f the NLL as a function of beta = 1/T (convex), safeguarded by bisection on the bracket; float64."""
    z = logits.double()
    z = z - z.max(dim=1, keepdim=True).values
    zy = z.gather(1, labels[:, None]).squeeze(1)

    def slope(t):  # phi(t) and phi'(t) = -beta f''(beta)
        beta = math.exp(-t)
        p = torch.softmax(beta * z, dim=1)
        mean = (p * z).sum(dim=1)
        var = (p * (z - mean[:, None]) ** 2).sum(dim=1)
        return (mean - zy).mean().item(), -beta * var.mean().item()

    lo, hi = LOG_T_MIN, LOG_T_MAX
    f_lo, f_hi = slope(lo)[0], slope(hi)[0]
    if f_lo <= 0 or f_hi >= 0:
        return math.exp(lo if f_lo <= 0 else hi), 2
    t, evaluations = 0.0, 2
    while evaluations < 200:
        value, derivative = slope(t)
        evaluations += 1
        if value == 0:
            break
        if value > 0:  # phi is decreasing: the root lies above t
            lo = t
        else:
            hi = t
        newton = t - value / derivative if derivative != 0 else math.nan
        step_to = newton if lo < newton < hi else 0.5 * (lo + hi)
        done = abs(step_to - t) < LOG_T_TOLERANCE
        t = step_to
        if done:
            break
    return math.exp(t), evaluations


def temperature_lbfgs(logits, labels):
    """The usual torch recipe (Guo et al.'s code, on ln T): LBFGS on the NLL, float32."""
    log_t = torch.zeros(1, requires_grad=True)
    opt = torch.optim.LBFGS([log_t], lr=1, max_iter=100, tolerance_grad=1e-9, tolerance_change=1e-12,
                            line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(logits / log_t.exp(), labels)
        loss.backward()
        return loss
    opt.step(closure)
    return log_t.exp().item()


def temperature_trial(ctx, clock):
    base = ctx.base
    logits = logits_of(base, ctx.held_x)
    with clock.phase("fit"):
        temperature, evaluations = temperature_newton(logits, ctx.held_y)
    with clock.phase("fit-lbfgs"):
        lbfgs = temperature_lbfgs(logits, ctx.held_y)
    with clock.phase("logits+fit"):
        temperature_newton(logits_of(base, ctx.held_x), ctx.held_y)
    return {"temperature": round(temperature, 6), "evaluations": evaluations, "temperature_lbfgs": round(lbfgs, 6)}


# ---------------------------------------------------------------- last-layer Laplace

@torch.no_grad()
def features_of(model, x):
    """Every layer but the last, in eval mode, in 1024-row chunks."""
    body = model[:-1]
    return torch.cat([body(x[i:i + tb.CHUNK]) for i in range(0, x.shape[0], tb.CHUNK)])


def augmented(phi):
    return torch.cat([phi, torch.ones(phi.shape[0], 1)], dim=1)


@torch.no_grad()
def kron_factors(phi, last):
    """G = sum_n (diag p_n - p_n p_n^T) (float64) and A = (1/N) sum_n a_n a_n^T with a = (phi, 1)."""
    p = torch.softmax(last(phi).double(), dim=1)
    g = torch.diag(p.sum(dim=0)) - p.T @ p
    a = augmented(phi)
    return g, (a.T @ a).double() / phi.shape[0]


@torch.no_grad()
def full_ggn(phi, last, chunk=2048):
    """The dense P x P GGN, block row by block row: block (k, l) = A^T diag(Lambda_kl) A, upper blocks accumulated
    into one float32 matrix with addmm_, mirrored at the end."""
    k_classes, hidden = last.weight.shape
    width = hidden + 1
    p_dim = k_classes * width
    ggn = torch.zeros(p_dim, p_dim)
    for start in range(0, phi.shape[0], chunk):
        ph = phi[start:start + chunk]
        a = augmented(ph)
        p = torch.softmax(last(ph), dim=1)
        lam = torch.diag_embed(p) - p[:, :, None] * p[:, None, :]
        for k in range(k_classes):
            weighted = (lam[:, k, k:, None] * a[:, None, :]).reshape(a.shape[0], -1)
            ggn[k * width:(k + 1) * width, k * width:].addmm_(a.T, weighted)
    return ggn.triu() + ggn.triu(1).T


def evidence_lambda(spectrum, log_likelihood, squared_norm):
    """lambda maximising the Laplace evidence L(t) = ll - lambda|theta|^2/2 + P t/2 - sum ln(gamma + lambda)/2,
    t = ln lambda: Newton on L'(t), safeguarded by bisection, to 1e-12 in t."""
    def d1(t):
        lam = math.exp(t)
        return 0.5 * ((spectrum / (spectrum + lam)).sum().item() - lam * squared_norm)

    def d2(t):
        lam = math.exp(t)
        return -0.5 * ((spectrum * lam / (spectrum + lam) ** 2).sum().item() + lam * squared_norm)
    hi = math.log(math.e * spectrum.numel() / squared_norm)
    lo, step = hi, 1.0
    while d1(lo) <= 0:
        lo -= step
        step *= 2
    t = 0.5 * (lo + hi)
    for _ in range(200):
        g = d1(t)
        if g > 0:
            lo = t
        else:
            hi = t
        nxt = t - g / d2(t)
        if not lo < nxt < hi:
            nxt = 0.5 * (lo + hi)
        if abs(nxt - t) < 1e-12 or g == 0:
            return math.exp(nxt)
        t = nxt
    return math.exp(t)


class KronPosterior:
    """(G (x) A + lambda I)^-1 through the factors' eigendecompositions (float64, torch.linalg.eigh)."""

    def __init__(self, last, g, a):
        self.last = last
        g_values, self.g_vectors = torch.linalg.eigh(g)
        a_values, a_vectors = torch.linalg.eigh(a)
        self.g_values, self.a_values = g_values.clamp(min=0), a_values.clamp(min=0)
        self.a_vectors = a_vectors.float()
        self.lam, self.inverse = None, None

    def spectrum(self):
        return (self.g_values[:, None] * self.a_values[None, :]).flatten()

    def set_prior(self, lam):
        self.lam = lam
        self.inverse = 1.0 / (self.g_values[:, None] * self.a_values[None, :] + lam)   # K x (H+1)
        return self


@torch.no_grad()
def laplace_fit(model, x, y):
    """Features, Kronecker GGN, eigendecompositions, lambda by the evidence, posterior."""
    phi = features_of(model, x)
    last = model[-1]
    g, a = kron_factors(phi, last)
    post = KronPosterior(last, g, a)
    log_likelihood = -F.cross_entropy(last(phi).double(), y, reduction="sum").item()
    theta = torch.cat([last.weight.flatten(), last.bias]).double()
    return post.set_prior(evidence_lambda(post.spectrum(), log_likelihood, (theta * theta).sum().item()))


@torch.no_grad()
def probit(model, post, x):
    """The extended probit predictive on the centred logits, as Credence's ProbitPredictive."""
    phi = features_of(model, x)
    f = post.last(phi).double()
    q = augmented(phi) @ post.a_vectors                         # q_j = <a, u_j>
    s = (q.double() ** 2) @ post.inverse.T                        # N x K, per eigenvector of G
    cov = torch.einsum("nm,cm,dm->ncd", s, post.g_vectors, post.g_vectors)
    row = cov.sum(dim=2)
    k = f.shape[1]
    var = torch.diagonal(cov, dim1=1, dim2=2) - 2 * row / k + row.sum(dim=1, keepdim=True) / (k * k)
    z = (f - f.mean(dim=1, keepdim=True)) / torch.sqrt(1 + math.pi / 8 * var.clamp(min=0))
    return torch.softmax(z, dim=1)


def laplace_trial(ctx, clock):
    base = ctx.base
    last = base[-1]
    with clock.phase("features"):
        phi = features_of(base, ctx.train_x)
    with clock.phase("ggn-kron"):
        kron_factors(phi, last)
    with clock.phase("ggn-full"):
        full_ggn(phi, last)
    with clock.phase("fit"):
        post = laplace_fit(base, ctx.train_x, ctx.train_y)
    with clock.phase("probit"):
        probs = probit(base, post, ctx.held_x)
    return {"lambda": round(post.lam, 6), "test_accuracy": accuracy(probs, ctx.held_y)}


# ---------------------------------------------------------------- SWAG

def swag_trial(ctx, clock):
    args = ctx.args
    t0 = time.perf_counter()
    model = copy.deepcopy(ctx.base)
    copy_seconds = time.perf_counter() - t0
    weights, biases = tb.weights_and_biases(model)
    opt = torch.optim.SGD([{"params": weights, "weight_decay": tb.WEIGHT_DECAY},
                           {"params": biases, "weight_decay": 0.0}], lr=SWAG_LR, momentum=SWAG_MOMENTUM)
    params = list(model.parameters())
    d = sum(p.numel() for p in params)
    mean = torch.zeros(d, dtype=torch.float64)
    m2 = torch.zeros(d, dtype=torch.float64)
    deviations, n = [], 0
    torch.manual_seed(args.seed + 1)
    with clock.phase("collect"):
        for epoch in range(args.swag_epochs):
            tb.fit_one_epoch(model, ctx.train_x, ctx.train_y, args.batch, opt, F.cross_entropy, args.seed + 1 + epoch)
            with torch.no_grad():  # Welford's update of the mean and centred second moment, one iterate per epoch
                theta = torch.nn.utils.parameters_to_vector(params).double()
                n += 1
                delta = theta - mean
                mean += delta / n
                m2 += delta * (theta - mean)
                deviations = (deviations + [(theta - mean).float()])[-SWAG_RANK:]
    with clock.phase("sample"), torch.no_grad():
        rank = len(deviations)
        sd = (m2 / n).sqrt().float()
        dev = torch.stack(deviations)                                    # rank x d
        samples = args.samples or SWAG_SAMPLES
        z1 = torch.randn(samples, d)
        z2 = torch.randn(samples, rank)
        drawn = mean.float() + math.sqrt(0.5) * sd * z1 + (z2 @ dev) / math.sqrt(2 * (rank - 1))
        shapes = [p.shape for p in params]
        snapshots = [[part.view(shape) for part, shape in zip(torch.split(row, [p.numel() for p in params]), shapes)]
                     for row in drawn]
        swa = copy.deepcopy(model)
        torch.nn.utils.vector_to_parameters(mean.float(), swa.parameters())
    with clock.phase("predict"):
        probs = tb.predict_snapshots(snapshots, ctx.held_x, samples)
    return {"iterates": n, "rank": rank, "copy_seconds": round(copy_seconds, 4),
            "test_accuracy": accuracy(probs, ctx.held_y)}


# ---------------------------------------------------------------- the phases and their timing

TRIALS = {"deep-ensemble": ensemble_trial, "temperature-scaling": temperature_trial, "laplace": laplace_trial,
          "swag": swag_trial}


def units(method, phase, ctx):
    """(count, unit) a phase's rate is per."""
    n, v, a = ctx.train_x.shape[0], ctx.held_x.shape[0], ctx.args
    return {("deep-ensemble", "member"): (n, "training examples"),
            ("deep-ensemble", "total"): (a.members * n, "training examples"),
            ("deep-ensemble", "predict"): (v, "test rows"),
            ("swag", "collect"): (a.swag_epochs * n, "training examples"),
            ("swag", "sample"): (a.samples or SWAG_SAMPLES, "parameter draws"),
            ("swag", "predict"): (v, "test rows")}.get(
        (method, phase), (n, "training rows") if method == "laplace" and phase != "probit" else (v, "held-out rows"))


def describe(clock):
    return ", ".join(f"{k} {v:.4f} s (cpu {clock.cpu[k]:.4f})" for k, v in clock.wall.items())


def bench(methods, args):
    """Yields one JSON object per (method, phase)."""
    ctx = Context(args)
    print(f"torch_composed: {ctx.dataset}, {ctx.train_x.shape[0]} training and {ctx.held_x.shape[0]} held-out rows, "
          f"{torch.get_num_threads()} threads, BLAS {tb.blas_library()}", file=sys.stderr)
    for method in methods:
        trial = TRIALS[method]
        runs, cpu, warmups = {}, {}, 0
        end = time.perf_counter() + args.warmup
        while True:
            clock = Clock()
            trial(ctx, clock)
            warmups += 1
            print(f"torch {method} warm-up {warmups}: " + describe(clock), file=sys.stderr)
            if time.perf_counter() >= end:
                break
        for rep in range(args.repeats):
            clock = Clock()
            details = trial(ctx, clock)
            for k, v in clock.wall.items():
                runs.setdefault(k, []).append(v)
                cpu.setdefault(k, []).append(clock.cpu[k])
            print(f"torch {method} rep {rep + 1}: " + describe(clock) + f" {details}", file=sys.stderr)
        for phase, values in runs.items():
            median = statistics.median(values)
            count, unit = units(method, phase, ctx)
            yield {"method": method, "phase": phase, "seconds": tb.round4(median), "count": count, "unit": unit,
                   "per_s": tb.round4(count / median), "cpu_seconds": tb.round4(statistics.median(cpu[phase])),
                   "details": details,
                   "settings": {"hidden": args.hidden, "batch": args.batch, "examples": ctx.train_x.shape[0],
                                "held_out": ctx.held_x.shape[0], "members": args.members,
                                "swag_epochs": args.swag_epochs, "swag_samples": args.samples or SWAG_SAMPLES,
                                "threads": args.threads, "repeats": args.repeats, "warmup_seconds": args.warmup,
                                "warmup_trials": warmups, "seed": args.seed, "dataset": ctx.dataset},
                   "engine": tb.engine(), "runs": {"seconds": [tb.round4(v) for v in values],
                                                 "cpu_seconds": [tb.round4(v) for v in cpu[phase]]}}
