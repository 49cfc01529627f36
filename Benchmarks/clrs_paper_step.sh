#!/bin/bash
# Times a training step at `--preset paper` on articulation points with the CLRS-30 train split (1,000 graphs of 16
# nodes, batches of 32 padded to T = 73): `evoprompting clrs train` and dm-clrs 2.0.3 alternately, ROUNDS times,
# STEPS steps each (the median step time of a run skips dm-clrs's compilation in its first step). Prints each run and
# the medians.
#
#   Benchmarks/clrs_paper_step.sh [ROUNDS] [STEPS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
STEPS=${2:-5}
PYTHON=${PYTHON:-.venv-clrsmodel/bin/python}
BIN=${BIN:-.build/release/evoprompting}
OUT=${OUT:-$(mktemp -d)}
common="--algorithm articulation_points --preset paper --train-sizes 16 --fixed-train-set 1000 --steps $STEPS"
for round in $(seq 1 "$ROUNDS"); do
  # shellcheck disable=SC2086
  "$BIN" clrs train $common --processor seeds/clrs/standard.py --eval-every 100000 --val-samples 2 --test-samples 1 \
    --test-size 5 --json > "$OUT/evoprompting_$round.json"
  # shellcheck disable=SC2086
  "$PYTHON" Benchmarks/clrs_reference_train.py $common --no-eval --json 2>/dev/null > "$OUT/dmclrs_$round.json"
done
"$PYTHON" - "$OUT" <<'PY'
import glob, json, os, statistics, sys
out = sys.argv[1]
rows = {}
for path in sorted(glob.glob(os.path.join(out, '*.json'))):
    name = os.path.basename(path).split('_')[0]
    with open(path) as f:
        run = json.load(f)
    rows.setdefault(name, []).append(run)
    print(f"{name:13s} ms/step {run['ms_per_step']:9.0f}  CPU ms/step {run['cpu_ms_per_step']:9.0f}  losses "
          + ', '.join(f"{p['loss']:.3f}" for p in run['curve']))
ours, theirs = rows['evoprompting'], rows['dmclrs']
wall = [statistics.median(r['ms_per_step'] for r in x) for x in (ours, theirs)]
cpu = [statistics.median(r['cpu_ms_per_step'] for r in x) for x in (ours, theirs)]
print(f"median of runs: evoprompting {wall[0]:.0f} ms (CPU {cpu[0]:.0f}), dm-clrs {wall[1]:.0f} ms (CPU {cpu[1]:.0f}); "
      f"ratio {wall[0] / wall[1]:.2f} wall, {cpu[0] / cpu[1]:.2f} CPU")
PY
