#!/usr/bin/env python3
"""Chooses OpenBLAS's core type for the torch peer by measurement. Standard library only: it must run before torch
loads OpenBLAS, which reads OPENBLAS_CORETYPE once, when the library is loaded.

Debian's OpenBLAS 0.3.21 does not recognise every CPU and then falls back to a generic kernel (on the Intel Xeon
VMs, "Prescott": 26 GFLOP/s instead of about 230). So the peer tries autodetection and every candidate core type the
CPU's flags allow, each in a fresh process with OPENBLAS_CORETYPE set, times torch.mm on the protocol network's
first-layer product (128x784 . 784x400) with the bench's thread count, and keeps the fastest.

  candidates: SapphireRapids, Cooperlake, SkylakeX when the CPU has AVX-512 F/BW/DQ/VL/CD (OpenBLAS's Cooperlake and
              SapphireRapids kernels differ from SkylakeX only in bfloat16 GEMM, which float32 torch never calls);
              Zen, Haswell when it has AVX2 and FMA. A candidate whose process fails (e.g. an illegal instruction)
              is recorded as failed and skipped.

Run as a script it prints the choice as one JSON object:
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 experiments/bench/blas_coretype.py \
      [--threads 2] [--rounds 3]
"""
import json
import os
import statistics
import subprocess
import sys

CHOICE_ENV = "CREDENCE_BLAS_CHOICE"   # the JSON of a choice already made; set for the process that benches
AUTODETECT = "autodetect"             # OPENBLAS_CORETYPE unset: OpenBLAS's own detection
AVX512 = ("avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd")
AVX2 = ("avx2", "fma")
CANDIDATES = (("SapphireRapids", AVX512), ("Cooperlake", AVX512), ("SkylakeX", AVX512), ("Zen", AVX2), ("Haswell", AVX2))
SHAPE = (128, 784, 400)               # m, k, n of the probe product: layer 1's forward x.W at batch 128

PROBE = r"""
import ctypes, json, os, statistics, sys, time
import torch
threads = int(sys.argv[1])
torch.set_num_threads(threads)
m, k, n = %d, %d, %d
g = torch.Generator().manual_seed(1)
a, b = torch.rand(m, k, generator=g) - 0.5, torch.rand(k, n, generator=g) - 0.5
c = torch.empty(m, n)
start = time.perf_counter()
while time.perf_counter() - start < 0.3:
    torch.mm(a, b, out=c)
runs = []
for _ in range(5):
    t0, calls = time.perf_counter(), 0
    while time.perf_counter() - t0 < 0.2:
        torch.mm(a, b, out=c)
        calls += 1
    runs.append(2.0 * m * n * k * calls / (time.perf_counter() - t0) / 1e9)
core = None
for line in open("/proc/self/maps"):
    path = line.split()[-1]
    if "libopenblas" in os.path.basename(path):
        lib = ctypes.CDLL(path)
        lib.openblas_get_corename.restype = ctypes.c_char_p
        core = lib.openblas_get_corename().decode()
        break
print(json.dumps({"gflops": round(statistics.median(runs), 1), "core": core, "threads": torch.get_num_threads()}))
""" % SHAPE


def cpu_flags():
    """The CPU's flags from /proc/cpuinfo (empty when it cannot be read)."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def candidates(flags):
    """Autodetection first, then every core type whose required flags the CPU has."""
    return [AUTODETECT] + [name for name, needs in CANDIDATES if all(f in flags for f in needs)]


def probe(coretype, threads, python=sys.executable):
    """GFLOP/s of torch.mm on the probe shape in a fresh process with that core type, or None if the process failed."""
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop(CHOICE_ENV, None)
    if coretype != AUTODETECT:
        env["OPENBLAS_CORETYPE"] = coretype
    env["OMP_NUM_THREADS"] = str(threads)
    try:
        done = subprocess.run([python, "-c", PROBE, str(threads)], env=env, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return {"coretype": coretype, "failed": "timed out"}
    lines = [l for l in done.stdout.splitlines() if l.startswith("{")]
    if done.returncode != 0 or not lines:
        reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        return {"coretype": coretype, "failed": reason[:200]}
    return dict({"coretype": coretype}, **json.loads(lines[-1]))


def choose(threads, python=sys.executable, log=sys.stderr, rounds=3):
    """Probes every candidate, round after round (interleaved, so a burst of load from elsewhere does not hit one
    candidate's every probe); a candidate's figure is its best round. Returns {chosen, gflops, core, threads, shape,
    candidates: [{coretype, gflops, core, rounds}|{coretype, failed}]}."""
    names = candidates(cpu_flags())
    results = {name: {"coretype": name, "rounds": []} for name in names}
    for _ in range(rounds):
        for name in names:
            r = results[name]
            if "failed" in r:
                continue
            got = probe(name, threads, python)
            if "gflops" not in got:
                r["failed"] = got["failed"]
                print(f"blas_coretype: {name}: failed: {got['failed']}", file=log)
                continue
            r["rounds"].append(got["gflops"])
            r["core"] = got["core"]
            r["gflops"] = max(r["rounds"])
            print(f"blas_coretype: {name}: {got['gflops']} GFLOP/s (OpenBLAS core {got['core']})", file=log)
    ok = [r for r in results.values() if "gflops" in r]
    if not ok:
        raise SystemExit("blas_coretype: no core type ran torch.mm; is python3-torch installed for " + python + "?")
    best = max(ok, key=lambda r: r["gflops"])
    print(f"blas_coretype: chose {best['coretype']} ({best['gflops']} GFLOP/s)", file=log)
    return {"chosen": best["coretype"], "gflops": best["gflops"], "core": best["core"], "threads": threads,
            "shape": "nn %dx%d·%dx%d" % (SHAPE[0], SHAPE[1], SHAPE[1], SHAPE[2]), "candidates": list(results.values())}


def settle(argv, threads):
    """For torch_bench.py, before it imports torch: unless a choice was made already (CHOICE_ENV) or given
    (OPENBLAS_CORETYPE, or --coretype NAME|autodetect), measure, then re-execute this process with the chosen core
    type and the choice in CHOICE_ENV. Returns only when nothing is to be chosen."""
    if os.environ.get(CHOICE_ENV) is not None:
        return
    given = None
    if "--coretype" in argv[:-1]:
        given = argv[argv.index("--coretype") + 1]
    elif os.environ.get("OPENBLAS_CORETYPE"):
        given = os.environ["OPENBLAS_CORETYPE"]
    env = dict(os.environ)
    if given is not None and given != "measure":
        env.pop("OPENBLAS_CORETYPE", None)
        if given != AUTODETECT:
            env["OPENBLAS_CORETYPE"] = given
        env[CHOICE_ENV] = json.dumps({"chosen": given, "given": True})
    else:
        choice = choose(threads)
        env.pop("OPENBLAS_CORETYPE", None)
        if choice["chosen"] != AUTODETECT:
            env["OPENBLAS_CORETYPE"] = choice["chosen"]
        env[CHOICE_ENV] = json.dumps(choice)
    os.execve(sys.executable, [sys.executable] + argv, env)


def main(argv=None):
    import argparse
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--rounds", type=int, default=3, help="probes of every candidate, interleaved; the best counts")
    args = p.parse_args(argv)
    print(json.dumps(choose(args.threads, rounds=args.rounds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
