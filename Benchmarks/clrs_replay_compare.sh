#!/bin/bash
# Paired runs: dm-clrs 2.0.3 trains at `--preset proxy` and records its run (clrs_reference_train.py --export: the
# initial parameters, every training batch's inputs in order, the validation and test sets); then
# `evoprompting clrs train --replay` trains the Swift network from the same parameters on the same batches. The two
# share every random draw, so what differs between their scores is the implementation (and float rounding), not
# the seed. Prints the comparison (clrs_replay_summary.py). Results go to $OUT, the recordings (large) to $RECORDINGS.
#
#   Benchmarks/clrs_replay_compare.sh [OUT_DIR] [ALGORITHMS] [SEEDS]
#   PYTHON=.venv-clrsmodel/bin/python BIN=.build/release/evoprompting Benchmarks/clrs_replay_compare.sh
#
# With NUDGE=EPS (e.g. 1e-7) each seed also gets a control run: dm-clrs again with its initial parameters multiplied
# by (1 + EPS * noise), into $OUT/nudged/: how far float rounding alone moves dm-clrs's own scores.
#
# Needs a release build and a Python with dm-clrs 2.0.3 and jax (see clrs_reference_train.py).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-Benchmarks/clrs_replay_runs}
ALGORITHMS=${2:-articulation_points graham_scan mst_kruskal bfs}
SEEDS=${3:-0 1 2}
PYTHON=${PYTHON:-.venv-clrsmodel/bin/python}
BIN=${BIN:-.build/release/evoprompting}
RECORDINGS=${RECORDINGS:-/tmp/clrs-replay-recordings}
NUDGE=${NUDGE:-}
mkdir -p "$OUT" "$RECORDINGS"
for seed in $SEEDS; do
  for algorithm in $ALGORITHMS; do
    recording="$RECORDINGS/${algorithm}_s${seed}.json"
    reference_out="$OUT/dmclrs_${algorithm}_s${seed}.json"
    swift_out="$OUT/evoprompting_${algorithm}_s${seed}.json"
    if [ ! -s "$reference_out" ] || [ ! -s "$recording" ]; then
      echo "dm-clrs $algorithm seed $seed (recording)" >&2
      "$PYTHON" Benchmarks/clrs_reference_train.py --algorithm "$algorithm" --preset proxy --seed "$seed" \
        --export "$recording.tmp" --json 2>/dev/null > "$reference_out.tmp"
      mv "$recording.tmp" "$recording" && mv "$reference_out.tmp" "$reference_out"
    fi
    if [ ! -s "$swift_out" ]; then
      echo "evoprompting $algorithm seed $seed (replay)" >&2
      "$BIN" clrs train --algorithm "$algorithm" --processor seeds/clrs/standard.py --replay "$recording" \
        --json > "$swift_out.tmp" && mv "$swift_out.tmp" "$swift_out"
    fi
    nudged_out="$OUT/nudged/dmclrs_${algorithm}_s${seed}.json"
    if [ -n "$NUDGE" ] && [ ! -s "$nudged_out" ]; then
      echo "dm-clrs $algorithm seed $seed (initial parameters nudged by $NUDGE)" >&2
      mkdir -p "$OUT/nudged"
      "$PYTHON" Benchmarks/clrs_reference_train.py --algorithm "$algorithm" --preset proxy --seed "$seed" \
        --perturb-init "$NUDGE" --json 2>/dev/null > "$nudged_out.tmp" && mv "$nudged_out.tmp" "$nudged_out"
    fi
  done
done
"$PYTHON" Benchmarks/clrs_replay_summary.py "$OUT"
