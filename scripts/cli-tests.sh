#!/usr/bin/env bash
# End-to-end checks of the built `evoprompting` binary: what a user types, what they get back.
# Usage: scripts/cli-tests.sh PATH_TO_BINARY
set -uo pipefail
bin=${1:?usage: cli-tests.sh PATH_TO_BINARY}
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' <<<"$2"; }

# expect NAME EXPECTED_STATUS COMMAND...: runs the command, checks its exit status, keeps its output in $out.
expect() {
  local name=$1 status=$2
  shift 2
  out=$("$@" 2>&1 </dev/null)
  local actual=$?
  if [ "$actual" -eq "$status" ]; then return 0; fi
  fail "$name (exit $actual, expected $status)" "$out"
  return 1
}

# json_has NAME JSON KEY...: the output is one JSON object with every key.
json_has() {
  local name=$1 json=$2
  shift 2
  if python3 - "$json" "$@" <<'PY' 2>/dev/null; then pass "$name"; else fail "$name" "$json"; fi
import json, sys
obj = json.loads(sys.argv[1].strip().splitlines()[-1])
missing = [k for k in sys.argv[2:] if k not in obj]
sys.exit(1 if missing else 0)
PY
}

if expect "help" 0 "$bin" --help; then
  grep -q "bench" <<<"$out" && pass "help lists the commands" || fail "help lists the commands" "$out"
fi
expect "version" 0 "$bin" --version && pass "version"

if expect "bench train --json" 0 "$bin" bench train --steps 300 --batch-size 100 --seed 1 --json; then
  json_has "bench train prints params, accuracy and step time" "$out" params test_accuracy seconds ms_per_step
  grep -q '"params": 5210' <<<"$out" && pass "reference CNN has 5,210 parameters" || fail "reference CNN has 5,210 parameters" "$out"
fi
if expect "bench train gru --json" 0 "$bin" bench train --model mnist1d-gru --steps 20 --json; then
  grep -q '"params": 5134' <<<"$out" && pass "reference GRU has 5,134 parameters" || fail "reference GRU has 5,134 parameters" "$out"
fi
expect "bench train rejects an unknown model" 64 "$bin" bench train --model resnet && {
  grep -q "unknown model" <<<"$out" && pass "unknown model is named in the error" || fail "unknown model is named" "$out"
}
expect "bench train rejects a missing data folder" 1 "$bin" bench train --steps 5 --data "$work/nowhere" && pass "missing data folder fails cleanly"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
