#!/bin/bash
# Times training steps of `evoprompting clrs train` and dm-clrs 2.0.3 (clrs_reference_train.py) side by side:
# the two alternate, ROUNDS times per algorithm, STEPS steps each, no evaluation. Prints each run and, per
# algorithm, the medians of the runs' median step times (wall and process CPU) and their ratio. dm-clrs compiles in
# the first step of each shape; a run's median skips those steps.
#
#   Benchmarks/clrs_step_time.sh PRESET [ALGORITHMS] [ROUNDS] [STEPS]
#   Benchmarks/clrs_step_time.sh paper articulation_points 3 5     # CLRS.md section 7: dm-clrs 8.2 s a step
#   Benchmarks/clrs_step_time.sh proxy "articulation_points graham_scan mst_kruskal bfs" 3 200
#
# `paper` trains on the CLRS-30 train split (1,000 graphs of 16 nodes, batches of 32 padded to the split's longest
# trajectory: T = 73 for articulation points), the setting CLRS.md times dm-clrs in; `proxy` on the preset's
# on-the-fly batches (sizes 4/7/11 in turn). Needs a release build and a Python with dm-clrs 2.0.3 and jax.
set -euo pipefail
cd "$(dirname "$0")/.."
PRESET=${1:?usage: clrs_step_time.sh PRESET [ALGORITHMS] [ROUNDS] [STEPS]}
ALGORITHMS=${2:-articulation_points}
ROUNDS=${3:-3}
STEPS=${4:-5}
PYTHON=${PYTHON:-.venv-clrsmodel/bin/python}
BIN=${BIN:-.build/release/evoprompting}
OUT=${OUT:-$(mktemp -d)}
extra=""
if [ "$PRESET" = paper ]; then extra="--train-sizes 16 --fixed-train-set 1000"; fi
for algorithm in $ALGORITHMS; do
  common="--algorithm $algorithm --preset $PRESET --steps $STEPS $extra"
  for round in $(seq 1 "$ROUNDS"); do
    # shellcheck disable=SC2086
    "$BIN" clrs train $common --processor seeds/clrs/standard.py --eval-every 100000 --val-samples 2 \
      --test-samples 1 --test-size 5 --json > "$OUT/evoprompting_${algorithm}_$round.json"
    # shellcheck disable=SC2086
    "$PYTHON" Benchmarks/clrs_reference_train.py $common --no-eval --json 2>/dev/null \
      > "$OUT/dmclrs_${algorithm}_$round.json"
  done
done
"$PYTHON" - "$OUT" <<'PY'
import glob, json, os, statistics, sys
out = sys.argv[1]
runs = {}
for path in sorted(glob.glob(os.path.join(out, '*.json'))):
    with open(path) as f:
        run = json.load(f)
    side = os.path.basename(path).split('_')[0]
    runs.setdefault(run['algorithm'], {}).setdefault(side, []).append(run)
    print(f"{run['algorithm']:20s} {side:13s} ms/step {run['ms_per_step']:9.1f}  CPU ms/step "
          f"{run['cpu_ms_per_step']:9.1f}")
for algorithm, sides in sorted(runs.items()):
    wall = [statistics.median(r['ms_per_step'] for r in sides[s]) for s in ('evoprompting', 'dmclrs')]
    cpu = [statistics.median(r['cpu_ms_per_step'] for r in sides[s]) for s in ('evoprompting', 'dmclrs')]
    print(f"{algorithm}: evoprompting {wall[0]:.1f} ms (CPU {cpu[0]:.1f}), dm-clrs {wall[1]:.1f} ms "
          f"(CPU {cpu[1]:.1f}); ratio {wall[0] / wall[1]:.2f} wall, {cpu[0] / cpu[1]:.2f} CPU")
PY
