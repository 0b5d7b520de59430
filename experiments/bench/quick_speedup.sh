#!/usr/bin/env bash
# Wall time of the quick suite at an earlier commit and at the working tree, measured back to back, plus the
# difference of their summary tables. Usage (from the repository root):
#   bash experiments/bench/quick_speedup.sh BASE_COMMIT [OUT_DIR] [ROUNDS]
# BASE_COMMIT is checked out into a temporary git worktree (removed at the end); both sides run
# `run quick --out DIR` through Maven exactly as the README says. ROUNDS (default 2) alternates base and current
# so a change in machine load hits both; the medians are printed. Measure on a quiet machine (check uptime).
set -euo pipefail
base=${1:?usage: quick_speedup.sh BASE_COMMIT [OUT_DIR] [ROUNDS]}
out=${2:-target/quick-speedup}
rounds=${3:-2}
mkdir -p "$out"
out=$(cd "$out" && pwd)
tree=$(mktemp -d)
trap 'git worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT
git worktree add -q --detach "$tree" "$base"
(cd "$tree" && mvn -B -o -q compile > /dev/null)
mvn -B -o -q compile > /dev/null

timed() { # name dir
  local start end
  rm -rf "$out/$1"
  echo "# $(date -u +%FT%TZ) $1 — load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
  start=$(date +%s%N)
  (cd "$2" && mvn -B -o -q compile exec:java -Dexec.args="run quick --out $out/$1" > "$out/$1.log" 2>&1)
  end=$(date +%s%N)
  echo "$1 $(( (end - start) / 1000000 ))" | tee -a "$out/times.txt"  # milliseconds
}
: > "$out/times.txt"
: > "$out/load.txt"
for r in $(seq 1 "$rounds"); do
  timed "base-$r" "$tree"
  timed "current-$r" "$PWD"
done
python3 - "$out" <<'PY'
import statistics, sys
out = sys.argv[1]
times = {}
for line in open(f"{out}/times.txt"):
    name, ms = line.split()
    times.setdefault(name.split("-")[0], []).append(float(ms) / 1000)
b, c = statistics.median(times["base"]), statistics.median(times["current"])
print(f"quick suite wall time, median of {len(times['base'])}: base {b:.1f} s, current {c:.1f} s, speed-up {b / c:.2f}x")
PY
diff "$out/base-1/summary.md" "$out/current-1/summary.md" > "$out/summary.diff" \
  && echo "summary tables identical" || echo "summary tables differ: $out/summary.diff"
