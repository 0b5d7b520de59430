#!/usr/bin/env bash
# Credence's bench next to its PyTorch peer, in one session, on the same machine.
# Usage: bash experiments/bench/side_by_side.sh [--composed | --all] [OUT_DIR]   (from the repository root;
#   default OUT_DIR target/bench)
#   (no flag)   the GEMM kernels (unless KERNEL=0) and the methods that train from scratch (PAIRS)
#   --composed  the methods built on map, phase by phase (COMPOSED); no kernel table unless KERNEL=1
#   --all       both
# Environment: THREADS=2 EXAMPLES=20000 REPEATS=3 (5 with --composed or --all) KERNEL=1
#   PAIRS="map mc-dropout mc-dropout-shared bbb bbb-sampled sgld" SGLD_SAMPLES=32
#   COMPOSED="deep-ensemble temperature-scaling laplace swag" HELD_OUT=10000 MEMBERS=3 SWAG_EPOCHS=10
#   PAIRS / COMPOSED  what to measure, one after the other, Credence then torch for each
#   SGLD_SAMPLES      snapshots sgld keeps; needs at least as many minibatches, ceil(EXAMPLES / 128)
#   HELD_OUT          rows after the training rows: temperature scaling's validation set, the predictives' test set
#   MEMBERS           deep-ensemble members, one epoch of map each; SWAG_EPOCHS: K epochs of SWAG's collection
# First, OpenBLAS's core type is chosen by measurement (blas_coretype.py: autodetection and every candidate the CPU
# flags allow, torch.mm on 128x784·784x400 with THREADS threads, each in a fresh process); every torch run uses the
# fastest, and the choice is in blas.json and in every torch JSON line (engine.blas_choice).
# Needs: python3-torch and libopenblas0-openmp (apt-get install python3-torch libopenblas0-openmp).
set -euo pipefail
mode=fresh
flag=""
case ${1:-} in
  --composed) mode=composed; flag="--composed "; shift ;;
  --all) mode=all; flag="--all "; shift ;;
  -*) echo "side_by_side: unknown option '$1' (known: --composed, --all)" >&2; exit 2 ;;
esac
out=${1:-target/bench}
threads=${THREADS:-2}
examples=${EXAMPLES:-20000}
if [ "$mode" = fresh ]; then repeats=${REPEATS:-3}; else repeats=${REPEATS:-5}; fi
if [ "$mode" = composed ]; then kernel=${KERNEL:-0}; else kernel=${KERNEL:-1}; fi
if [ "$mode" = composed ]; then pairs=""; else pairs=${PAIRS:-map mc-dropout mc-dropout-shared bbb bbb-sampled sgld}; fi
if [ "$mode" = fresh ]; then composed=""; else composed=${COMPOSED:-deep-ensemble temperature-scaling laplace swag}; fi
sgld_samples=${SGLD_SAMPLES:-32}
held_out=${HELD_OUT:-10000}
members=${MEMBERS:-3}
swag_epochs=${SWAG_EPOCHS:-10}
mkdir -p "$out"
openblas=/usr/lib/x86_64-linux-gnu/openblas-openmp
torch_py=/usr/bin/python3   # Debian's interpreter: python3-torch is installed for it, not for pyenv/venv pythons

# A pair's Credence bench arguments; its torch_bench.py method has the pair's name (see torch_args).
pair_args() {
  case $1 in
    map | mc-dropout) echo "--method $1" ;;
    mc-dropout-shared) echo "--method mc-dropout" ;;          # torch peer also runs the first layer once per chunk
    bbb) echo "--method bbb --param estimator=local_reparam" ;;   # the torch peer's bbb is the local reparameterization
    bbb-sampled) echo "--method bbb --param estimator=sampled_weights" ;;   # Credence's default estimator
    sgld) echo "--method sgld --param samples=$sgld_samples" ;;
    *) echo "side_by_side: unknown pair '$1' (known: map mc-dropout mc-dropout-shared bbb bbb-sampled sgld)" >&2; exit 2 ;;
  esac
}
for p in $pairs; do pair_args "$p" > /dev/null; done
for m in $composed; do
  case $m in deep-ensemble | temperature-scaling | laplace | swag) ;;
    *) echo "side_by_side: unknown composed method '$m' (known: deep-ensemble temperature-scaling laplace swag)" >&2; exit 2 ;;
  esac
done
torch_args() { if [ "$1" = sgld ]; then echo "--method sgld --sgld-samples $sgld_samples"; else echo "--method $1"; fi; }

load() { echo "# $(date -u +%FT%TZ) $1 — load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"; }
credence() { mvn -B -o -q -pl experiments -am compile exec:java -Dexec.args="bench $*"; }
torch_bench() {
  if [ "$chosen" = autodetect ]; then
    env -u OPENBLAS_CORETYPE CREDENCE_BLAS_CHOICE="$choice" OMP_NUM_THREADS=$threads LD_LIBRARY_PATH=$openblas \
      "$torch_py" experiments/bench/torch_bench.py "$@"
  else
    OPENBLAS_CORETYPE=$chosen CREDENCE_BLAS_CHOICE="$choice" OMP_NUM_THREADS=$threads LD_LIBRARY_PATH=$openblas \
      "$torch_py" experiments/bench/torch_bench.py "$@"
  fi
}

started=$(date +%s)
: > "$out/load.txt"
: > "$out/progress.log"
rm -f "$out"/credence-*.jsonl "$out"/torch-*.jsonl
{ echo "date: $(date -u +%FT%TZ)"; echo "command: bash experiments/bench/side_by_side.sh $flag$out (THREADS=$threads"\
  "EXAMPLES=$examples REPEATS=$repeats KERNEL=$kernel HELD_OUT=$held_out MEMBERS=$members SWAG_EPOCHS=$swag_epochs)";
  lscpu | grep -E '^(Model name|Flags):'; echo "uptime before: $(uptime)"; } > "$out/machine.txt"
load "blas core type"
env -u OPENBLAS_CORETYPE OMP_NUM_THREADS=$threads LD_LIBRARY_PATH=$openblas \
  "$torch_py" experiments/bench/blas_coretype.py --threads "$threads" > "$out/blas.json" 2> >(tee -a "$out/progress.log" >&2)
choice=$(cat "$out/blas.json")
chosen=$("$torch_py" -c 'import json, sys; print(json.load(sys.stdin)["chosen"])' < "$out/blas.json")
echo "# OpenBLAS core type: $chosen" | tee -a "$out/load.txt"
if [ "$kernel" != 0 ]; then
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
for m in $composed; do
  common="--method $m --examples $examples --threads $threads --repeats $repeats --held-out $held_out"
  common="$common --members $members --swag-epochs $swag_epochs"
  load "credence $m"
  # shellcheck disable=SC2086
  credence $common > "$out/credence-composed-$m.jsonl" 2> >(tee -a "$out/progress.log" >&2) \
    || echo "# credence $m failed (see progress.log)" | tee -a "$out/load.txt"
  load "torch $m"
  # shellcheck disable=SC2086
  torch_bench $common > "$out/torch-composed-$m.jsonl" 2> >(tee -a "$out/progress.log" >&2) \
    || echo "# torch $m failed (see progress.log)" | tee -a "$out/load.txt"
done
load "done"
echo "uptime after: $(uptime)" >> "$out/machine.txt"
echo "runtime: $(( $(date +%s) - started )) s" >> "$out/machine.txt"

"$torch_py" - "$out" "$pairs" "$composed" <<'PY'
import json, os, re, sys
out, pairs, composed = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
def read(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:  # Maven may prefix a line with terminal colour codes
        lines = (re.sub(r"\x1b\[[0-9;]*m", "", l).strip() for l in f)
        return [json.loads(l) for l in lines if l.startswith("{")]
def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "—"
with open(os.path.join(out, "machine.txt")) as f:
    print("".join("    " + l for l in f))
blas = json.load(open(os.path.join(out, "blas.json")))
print(f"OpenBLAS core type: **{blas['chosen']}** ({blas['gflops']} GFLOP/s on {blas['shape']}, "
      f"{blas['threads']} threads, OpenBLAS reports core {blas['core']}); candidates: "
      + ", ".join(f"{c['coretype']} " + (f"{c['gflops']}" if "gflops" in c else "failed") for c in blas["candidates"]))
torch_rows = [r for name in sorted(os.listdir(out)) if name.startswith("torch-") for r in read(name)]
if torch_rows:
    e = torch_rows[0]["engine"]
    print(f"torch {e['torch']}: torch.get_num_threads() = {e['torch_threads']}, MKL-DNN/oneDNN available "
          f"{e['mkldnn_available']}, enabled {e['mkldnn_enabled']}; BLAS {', '.join(e['blas'])}, core {e['openblas_core']}")
print()
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
if pairs:
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
if pairs:
    print()
if composed:
    # Credence / torch is the speed ratio, torch seconds over Credence seconds: above 1, Credence is faster
    print("| method | phase | per | Credence s | torch s | Credence / torch | Credence details | torch details |")
    print("|---|---|---|---|---|---|---|---|")
    for m in composed:
        c = {r["phase"]: r for r in read(f"credence-composed-{m}.jsonl")}
        t = {r["phase"]: r for r in read(f"torch-composed-{m}.jsonl")}
        for phase in list(c) + [p for p in t if p not in c]:
            cr, tr = c.get(phase, {}), t.get(phase, {})
            unit = f"{(cr or tr)['count']} {(cr or tr)['unit']}"
            cs, ts = cr.get("seconds"), tr.get("seconds")
            detail = lambda r: ", ".join(f"{k} {v}" for k, v in r.get("details", {}).items()
                                         if k in ("temperature", "lambda", "test_accuracy")) or "—"
            print(f"| {m} | {phase} | {unit} | {cs if cs is not None else '—'} | {ts if ts is not None else '—'} "
                  f"| {ratio(ts, cs)} | {detail(cr)} | {detail(tr)} |")
PY
cat "$out/load.txt"
