#!/bin/bash
# Trains the Triplet-GMPNN at `--preset proxy` with `evoprompting clrs train` and with dm-clrs 2.0.3
# (clrs_reference_train.py), alternating the two on one machine, for four algorithms and three seeds; then prints
# the comparison (clrs_proxy_summary.py). Results go to $OUT (one JSON object per run).
#
#   Benchmarks/clrs_proxy_compare.sh [OUT_DIR] [ALGORITHMS] [SEEDS]
#   PYTHON=.venv-clrsmodel/bin/python BIN=.build/release/evoprompting Benchmarks/clrs_proxy_compare.sh
#
# Needs a release build and a Python with dm-clrs 2.0.3 and jax (see clrs_reference_train.py); extra arguments for
# both sides can be given in $ARGS (e.g. ARGS="--steps 100").
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-Benchmarks/clrs_proxy_runs}
ALGORITHMS=${2:-articulation_points graham_scan mst_kruskal bfs}
SEEDS=${3:-0 1 2}
PYTHON=${PYTHON:-.venv-clrsmodel/bin/python}
BIN=${BIN:-.build/release/evoprompting}
ARGS=${ARGS:-}
mkdir -p "$OUT"
for seed in $SEEDS; do
  for algorithm in $ALGORITHMS; do
    swift_out="$OUT/evoprompting_${algorithm}_s${seed}.json"
    reference_out="$OUT/dmclrs_${algorithm}_s${seed}.json"
    if [ ! -s "$swift_out" ]; then
      echo "evoprompting $algorithm seed $seed" >&2
      # shellcheck disable=SC2086
      "$BIN" clrs train --algorithm "$algorithm" --processor seeds/clrs/standard.py --preset proxy --seed "$seed" \
        $ARGS --json > "$swift_out.tmp" && mv "$swift_out.tmp" "$swift_out"
    fi
    if [ ! -s "$reference_out" ]; then
      echo "dm-clrs $algorithm seed $seed" >&2
      # shellcheck disable=SC2086
      "$PYTHON" Benchmarks/clrs_reference_train.py --algorithm "$algorithm" --preset proxy --seed "$seed" $ARGS \
        --json 2>/dev/null > "$reference_out.tmp" && mv "$reference_out.tmp" "$reference_out"
    fi
  done
done
"$PYTHON" Benchmarks/clrs_proxy_summary.py "$OUT"
