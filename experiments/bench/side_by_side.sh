#!/usr/bin/env bash
# Credence's bench next to its PyTorch peer, in one session, on the same machine.
# Usage: bash experiments/bench/side_by_side.sh [OUT_DIR]   (from the repository root; default OUT_DIR target/bench)
# Needs: python3-torch and libopenblas0-openmp (apt-get install python3-torch libopenblas0-openmp).
set -euo pipefail
out=${1:-target/bench}
threads=${THREADS:-2}
examples=${EXAMPLES:-20000}
mkdir -p "$out"
openblas=/usr/lib/x86_64-linux-gnu/openblas-openmp
torch_py=/usr/bin/python3   # Debian's interpreter: python3-torch is installed for it, not for pyenv/venv pythons

load() { echo "# $(date -u +%FT%TZ) $1 — load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"; }

: > "$out/load.txt"
load "credence kernel"
mvn -B -o -q -pl experiments -am compile exec:java -Dexec.args="bench --kernel --threads $threads" > "$out/credence-kernel.jsonl"
load "torch kernel"
OMP_NUM_THREADS=$threads LD_LIBRARY_PATH=$openblas "$torch_py" experiments/bench/torch_bench.py --kernel --threads "$threads" > "$out/torch-kernel.jsonl"
load "credence methods"
mvn -B -o -q -pl experiments -am compile exec:java -Dexec.args="bench --method ${METHOD:-map} --examples $examples --threads $threads" > "$out/credence-methods.jsonl"
load "torch methods"
OMP_NUM_THREADS=$threads LD_LIBRARY_PATH=$openblas "$torch_py" experiments/bench/torch_bench.py --method "${TORCH_METHOD:-map}" --examples "$examples" --threads "$threads" > "$out/torch-methods.jsonl"
load "done"

"$torch_py" - "$out" <<'PY'
import json, sys, os
out = sys.argv[1]
def read(name):
    with open(os.path.join(out, name)) as f:
        return [json.loads(l) for l in f if l.strip().startswith("{")]
kernels = {}
for row in read("credence-kernel.jsonl") + read("torch-kernel.jsonl"):
    kernels.setdefault(row["shape"], {"what": row["what"]})[row["kernel"]] = row["gflops"]
cols = ["credence-sgemm", "ejml", "ejml-mt", "torch.mm"]
print("| shape | what | " + " | ".join(cols) + " | ours / torch |")
print("|---|---|" + "---|" * (len(cols) + 1))
for shape, r in kernels.items():
    ratio = r.get("credence-sgemm", 0) / r["torch.mm"] if r.get("torch.mm") else float("nan")
    print(f"| {shape} | {r['what']} | " + " | ".join(str(r.get(c, "")) for c in cols) + f" | {ratio:.2f} |")
print()
print("| method | engine | train ex/s | inference ex/s | GFLOP/s (training) |")
print("|---|---|---|---|---|")
for name, rows in (("credence", read("credence-methods.jsonl")), ("torch", read("torch-methods.jsonl"))):
    for r in rows:
        print(f"| {r['method']} | {name} | {r['train_examples_per_s']} | {r['inference_examples_per_s']} (S={r['samples']}) | {r['gflops']} |")
PY
cat "$out/load.txt"
