#!/usr/bin/env bash
# Credence's bench next to its PyTorch peer, in one session, on the same machine.
# Usage: bash experiments/bench/side_by_side.sh [OUT_DIR]   (from the repository root; default OUT_DIR target/bench)
# Environment: THREADS=2 EXAMPLES=20000 REPEATS=3 KERNEL=1 PAIRS="map mc-dropout mc-dropout-shared bbb bbb-sampled sgld" SGLD_SAMPLES=32
#   PAIRS         method pairs to measure, run one after the other, Credence then torch for each (names: see pair_args)
#   KERNEL        0 skips the GEMM kernel tables
#   SGLD_SAMPLES  snapshots sgld keeps; needs at least as many minibatches, ceil(EXAMPLES / 128)
# Needs: python3-torch and libopenblas0-openmp (apt-get install python3-torch libopenblas0-openmp).
set -euo pipefail
out=${1:-target/bench}
threads=${THREADS:-2}
examples=${EXAMPLES:-20000}
repeats=${REPEATS:-3}
pairs=${PAIRS:-map mc-dropout mc-dropout-shared bbb bbb-sampled sgld}
sgld_samples=${SGLD_SAMPLES:-32}
mkdir -p "$out"
openblas=/usr/lib/x86_64-linux-gnu/openblas-openmp
torch_py=/usr/bin/python3   # Debian's interpreter: python3-torch is installed for it, not for pyenv/venv pythons

# A pair's Credence bench arguments; its torch_bench.py method has the pair's name (see torch_args).
pair_args() {
  case $1 in
    map | mc-dropout | bbb) echo "--method $1" ;;           # bbb: Credence's default estimator, local_reparam
    mc-dropout-shared) echo "--method mc-dropout" ;;          # torch peer also runs the first layer once per chunk
    bbb-sampled) echo "--method bbb --param estimator=sampled_weights" ;;
    sgld) echo "--method sgld --param samples=$sgld_samples" ;;
    *) echo "side_by_side: unknown pair '$1' (known: map mc-dropout mc-dropout-shared bbb bbb-sampled sgld)" >&2; exit 2 ;;
  esac
}
for p in $pairs; do pair_args "$p" > /dev/null; done
torch_args() { if [ "$1" = sgld ]; then echo "--method sgld --sgld-samples $sgld_samples"; else echo "--method $1"; fi; }

load() { echo "# $(date -u +%FT%TZ) $1 — load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"; }
credence() { mvn -B -o -q -pl experiments -am compile exec:java -Dexec.args="bench $*"; }
torch_bench() { OMP_NUM_THREADS=$threads LD_LIBRARY_PATH=$openblas "$torch_py" experiments/bench/torch_bench.py "$@"; }

: > "$out/load.txt"
: > "$out/progress.log"
rm -f "$out"/credence-*.jsonl "$out"/torch-*.jsonl
if [ "${KERNEL:-1}" != 0 ]; then
  load "credence kernel"
  credence --kernel --threads "$threads" > "$out/credence-kernel.jsonl" 2>> "$out/progress.log"
  load "torch kernel"
  torch_bench --kernel --threads "$threads" > "$out/torch-kernel.jsonl" 2>> "$out/progress.log"
fi
for p in $pairs; do
  common="--examples $examples --threads $threads --repeats $repeats"
  load "credence $p"
  # shellcheck disable=SC2046
  credence $(pair_args "$p") $common > "$out/credence-$p.jsonl" 2> >(tee -a "$out/progress.log" >&2) \
    || echo "# credence $p failed (see progress.log)" | tee -a "$out/load.txt"
  load "torch $p"
  # shellcheck disable=SC2046,SC2086
  torch_bench $(torch_args "$p") $common > "$out/torch-$p.jsonl" 2> >(tee -a "$out/progress.log" >&2) \
    || echo "# torch $p failed (see progress.log)" | tee -a "$out/load.txt"
done
load "done"

"$torch_py" - "$out" $pairs <<'PY'
import json, os, re, sys
out, pairs = sys.argv[1], sys.argv[2:]
def read(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:  # Maven may prefix a line with terminal colour codes
        lines = (re.sub(r"\x1b\[[0-9;]*m", "", l).strip() for l in f)
        return [json.loads(l) for l in lines if l.startswith("{")]
def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "—"
kernel_rows = read("credence-kernel.jsonl") + read("torch-kernel.jsonl")
if kernel_rows:
    kernels = {}
    for row in kernel_rows:
        kernels.setdefault(row["shape"], {"what": row["what"]})[row["kernel"]] = row["gflops"]
    cols = ["credence-sgemm", "ejml", "ejml-mt", "torch.mm"]
    print("| shape | what | " + " | ".join(cols) + " | ours / torch |")
    print("|---|---|" + "---|" * (len(cols) + 1))
    for shape, r in kernels.items():
        print(f"| {shape} | {r['what']} | " + " | ".join(str(r.get(c, "")) for c in cols)
              + f" | {ratio(r.get('credence-sgemm'), r.get('torch.mm'))} |")
    print()
print("| method | S | Credence train ex/s | torch train ex/s | train Credence / torch "
      "| Credence inference ex/s | torch inference ex/s | inference Credence / torch | train accuracy Credence / torch |")
print("|---|---|---|---|---|---|---|---|---|")
for p in pairs:
    c, t = (read(f"credence-{p}.jsonl") or [{}])[0], (read(f"torch-{p}.jsonl") or [{}])[0]
    get = lambda r, k: r.get(k, "failed")
    s = "/".join(sorted({str(r["samples"]) for r in (c, t) if "samples" in r})) or "—"
    print(f"| {p} | {s} | {get(c, 'train_examples_per_s')} | {get(t, 'train_examples_per_s')} "
          f"| {ratio(c.get('train_examples_per_s'), t.get('train_examples_per_s'))} "
          f"| {get(c, 'inference_examples_per_s')} | {get(t, 'inference_examples_per_s')} "
          f"| {ratio(c.get('inference_examples_per_s'), t.get('inference_examples_per_s'))} "
          f"| {c.get('train_accuracy', '—')} / {t.get('train_accuracy', '—')} |")
PY
cat "$out/load.txt"
