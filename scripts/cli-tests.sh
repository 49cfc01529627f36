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
expect "an unknown flag is a usage error" 2 "$bin" check --frobnicate && pass "usage errors exit 2"

# Every numeric option is checked as it is parsed, with one rule per knob shared by the commands: a bad value is a
# usage error (exit 2, the command's usage) that names the option.
usage_error() {
  local name=$1 names=$2
  shift 2
  if expect "$name" 2 "$@"; then
    if grep -qF -- "$names" <<<"$out" && grep -q "^Usage: evoprompting" <<<"$out"; then pass "$name"; else fail "$name names $names" "$out"; fi
  fi
}
usage_error "train --batch-size 0" "--batch-size 0: expected a whole number from 1" "$bin" train seeds/mlp.py --batch-size 0
usage_error "train --batch-size=-1" "--batch-size -1: expected" "$bin" train seeds/mlp.py --batch-size=-1
usage_error "train --eval-interval 0" "--eval-interval 0: expected" "$bin" train seeds/mlp.py --eval-interval 0
usage_error "train --eval-interval=-1" "--eval-interval -1: expected" "$bin" train seeds/mlp.py --eval-interval=-1
usage_error "train --steps 0" "--steps 0: expected" "$bin" train seeds/mlp.py --steps 0
usage_error "train with a huge --steps" "--steps 99999999999: expected a whole number from 1 to 1,000,000" \
  "$bin" train seeds/mlp.py --steps 99999999999
usage_error "train --lr nan" "--lr nan: expected a number above 0" "$bin" train seeds/mlp.py --lr nan
usage_error "train --lr inf" "--lr inf: expected" "$bin" train seeds/mlp.py --lr inf
usage_error "train --lr=-0.01" "--lr -0.01: expected" "$bin" train seeds/mlp.py --lr=-0.01
usage_error "run --alpha=-1" "invalid for '--alpha <x>': expected a number above 0 and at most 1" \
  "$bin" run --headless --alpha=-1 --session "$work/alpha"
usage_error "run --lm bogus" "invalid for '--lm <name>': expected one of embedded, openai" "$bin" run --headless --lm bogus
# The Ray executor's settings (issue 16): checked as parsed, the address needed, and a head that does not answer is
# one sentence before any session is created.
usage_error "run --ray-address with a Ray Client address" "invalid for '--ray-address <url>': expected the address of a Ray head's dashboard" \
  "$bin" run --headless --executor ray --ray-address ray://127.0.0.1:10001 --session "$work/ray-client"
usage_error "run --ray-num-cpus=-1" "invalid for '--ray-num-cpus <x>': expected a number from 0 to 1,024" \
  "$bin" run --headless --executor ray --ray-address http://127.0.0.1:9 --ray-num-cpus=-1
usage_error "run --executor ray without an address" "--executor ray needs --ray-address http://HEAD:8265" \
  "$bin" run --headless --executor ray --session "$work/ray-none"
if expect "run --executor ray with no head there" 1 "$bin" run --headless --executor ray --ray-address http://127.0.0.1:9 \
  --lm openai --model scripted --base-url http://127.0.0.1:9/v1 --session "$work/ray-off"; then
  grep -q "is a Ray head running there" <<<"$out" && [ ! -e "$work/ray-off" ] && pass "an unreachable head stops the run before it starts" || fail "unreachable Ray head" "$out"
fi
usage_error "export --best 0" "--best 0: expected a whole number from 1" \
  "$bin" export sessions/mnist1d-quick-smollm2 --best 0 --out "$work/best0"
usage_error "bench train --threads 0" "--threads 0: expected" "$bin" bench train --threads 0
usage_error "lm generate --top-p 0" "--top-p 0.0: expected" "$bin" lm generate --prompt-file /dev/null --top-p 0
# `lm tune --json`: the report is the one line on standard output; progress (seconds so far, step k of n) goes to
# standard error, so a long run shows where it is.
printf '{"prompt": "def f(x):\\n", "completion": "    return x\\n"}\n' >"$work/pairs.jsonl"
tune_model=Tests/PromptTuningTests/Fixtures/tiny_llama_f32.gguf
if "$bin" lm tune --model "$tune_model" --train "$work/pairs.jsonl" --eval "$work/pairs.jsonl" --epochs 2 --json \
  >"$work/tune.out" 2>"$work/tune.err" </dev/null; then
  json_has "lm tune --json prints one report line" "$(cat "$work/tune.out")" eval_nll_before eval_nll_after loss_curve
  [ "$(wc -l <"$work/tune.out")" -eq 1 ] && grep -q '^\[[0-9]* s\] step 2 of 2' "$work/tune.err" \
    && pass "lm tune --json shows progress on standard error" \
    || fail "lm tune --json shows progress on standard error" "$(cat "$work/tune.out" "$work/tune.err")"
else
  fail "lm tune --json" "$(cat "$work/tune.err")"
fi
# A TOML value error names the file and the line the value is on.
printf 'rounds = 2\n\n[training]\nsteps = 0\n' >"$work/bad.toml"
usage_error "a TOML value error names its line" "bad.toml:4: setting 'steps' = '0': expected" \
  "$bin" run --headless --config "$work/bad.toml"
# A runtime error is one sentence and status 1, without the usage of a usage error.
if expect "report on a missing session" 1 "$bin" report "$work/nowhere"; then
  if grep -q "no session log" <<<"$out" && ! grep -q "Usage" <<<"$out"; then pass "runtime errors exit 1 without usage"; else fail "runtime error message" "$out"; fi
fi

if expect "bench train --json" 0 "$bin" bench train --steps 300 --batch-size 100 --seed 1 --json; then
  json_has "bench train prints params, accuracy and step time" "$out" params test_accuracy seconds ms_per_step
  python3 -c 'import json,sys; assert json.loads(sys.argv[1])["params"] == 5210' "$out" && pass "reference CNN has 5,210 parameters" || fail "reference CNN has 5,210 parameters" "$out"
fi
if expect "bench train gru --json" 0 "$bin" bench train --model mnist1d-gru --steps 20 --json; then
  python3 -c 'import json,sys; assert json.loads(sys.argv[1])["params"] == 5134' "$out" && pass "reference GRU has 5,134 parameters" || fail "reference GRU has 5,134 parameters" "$out"
fi
expect "bench train rejects an unknown model" 2 "$bin" bench train --model resnet && {
  grep -q "unknown model" <<<"$out" && pass "unknown model is named in the error" || fail "unknown model is named" "$out"
}
expect "bench train rejects a missing data folder" 1 "$bin" bench train --steps 5 --data "$work/nowhere" && pass "missing data folder fails cleanly"

# The architecture language: check and train PyTorch programs.
if expect "check a seed" 0 "$bin" check seeds/cnn.py --json; then
  grep -q '"params":5210' <<<"$out" && grep -q '"output_shape":\[4,10\]' <<<"$out" && pass "check reports params and output shape" || fail "check output" "$out"
fi
sed 's/nn.Conv1d(1, channels/nn.Conv2d(1, channels/' seeds/cnn.py >"$work/conv2d.py"
if expect "check rejects Conv2d" 1 "$bin" check "$work/conv2d.py" --json; then
  python3 -c 'import json,sys; e=json.loads(sys.argv[1])["error"]; assert e["line"] > 0 and e["column"] > 0 and "Conv2d" in e["message"]' "$out" \
    && pass "rejection has line, column and message" || fail "rejection details" "$out"
fi
printf 'import torch.nn as nn\nclass Model(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(512, 10)\n    def forward(self, x):\n        return self.fc(x)\n' >"$work/readout.py"
expect "check rejects a read-out of the wrong width" 1 "$bin" check "$work/readout.py" --json && pass "a wrong in_features is rejected as written"
if expect "check --repair-input-sizes" 0 "$bin" check "$work/readout.py" --repair-input-sizes --json; then
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["repairs"] == ["5:19: in_features 512 -> 40, the size of its input"] and "nn.Linear(40, 10)" in r["repaired_code"] and r["params"] == 410' "$out" \
    && pass "check repairs the read-out's width and reports the program it checked" || fail "input-size repair" "$out"
fi
printf 'import torch.nn as nn\nclass Model(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.seq = nn.Sequential(self)\n    def forward(self, x):\n        return self.seq(x)\n' >"$work/cycle.py"
expect "check rejects a module that contains itself" 1 "$bin" check "$work/cycle.py" --json && pass "a self-containing module is a clean rejection"
printf 'import os\n' >"$work/os.py"
expect "check rejects import os" 1 "$bin" check "$work/os.py" --json && pass "import os is rejected"
if expect "train a program" 0 "$bin" train seeds/mlp.py --steps 200 --json; then
  json_has "train reports accuracies and the curve" "$out" params val_accuracy test_accuracy seconds curve
fi

# The worker as a Ray job runs it: its identity for the probe, the job in an environment variable, its own time limit.
if expect "worker --version" 0 "$bin" worker --version; then
  json_has "worker --version is the worker's identity" "$out" evoprompting_worker job_format tasks
fi
job=$(python3 -c 'import base64, json, sys
print(base64.b64encode(json.dumps({"id": "c1", "code": open("seeds/mlp.py").read(), "task": "mnist1d",
  "training": {"steps": int(sys.argv[1]), "batch_size": 64, "learning_rate": 0.01, "optimizer": "adam",
  "momentum": 0.9, "seed": 0, "evaluation_interval": 50}, "memory_megabytes": 2048,
  "timeout_seconds": 1}).encode()).decode())' 100)
if expect "worker --job-env" 0 env EVOPROMPTING_JOB="$job" "$bin" worker --job-env EVOPROMPTING_JOB; then
  json_has "worker --job-env ends with a result" "$out" params validation_accuracy
fi
expect "worker --job-env without the variable" 2 env -u EVOPROMPTING_JOB "$bin" worker --job-env EVOPROMPTING_JOB && {
  grep -q 'the job in \$EVOPROMPTING_JOB is not valid: the variable is not set' <<<"$out" && pass "a missing job variable is named" || fail "missing job variable" "$out"
}
# A 3,000-layer GRU takes seconds for one step: the limit ends it before the pace of a first step could.
slow=$(python3 -c 'import base64, json, sys; job = json.loads(base64.b64decode(sys.argv[1])); job["training"]["steps"] = 2
job["code"] = "\n".join(["import torch.nn as nn", "class Model(nn.Module):", "    def __init__(self):",
  "        super().__init__()", "        self.gru = nn.GRU(1, 4, batch_first=True, num_layers=3000)",
  "        self.fc = nn.Linear(160, 10)", "    def forward(self, x):", "        output, _ = self.gru(x.unsqueeze(2))",
  "        return self.fc(output.reshape(output.shape[0], -1))", ""])
print(base64.b64encode(json.dumps(job).encode()).decode())' "$job")
expect "worker --enforce-timeout" 1 env EVOPROMPTING_JOB="$slow" "$bin" worker --job-env EVOPROMPTING_JOB --enforce-timeout && {
  grep -q '"message":"timed out after 1 s"' <<<"$out" && pass "the worker stops itself at its time limit" || fail "worker time limit" "$out"
}
# One reader and one contract for check and train (issue 17).
printf '\xef\xbb\xbf' >"$work/bom.py" && cat seeds/mlp.py >>"$work/bom.py"
expect "check accepts a UTF-8 byte-order mark" 0 "$bin" check "$work/bom.py" --json \
  && expect "train accepts a UTF-8 byte-order mark" 0 "$bin" train "$work/bom.py" --steps 5 --json \
  && pass "check and train both read a file with a BOM"
printf 'import torch\n\xff\n' >"$work/latin1.py"
if expect "check refuses invalid UTF-8" 2 "$bin" check "$work/latin1.py"; then
  check_out=$out
  if expect "train refuses invalid UTF-8" 2 "$bin" train "$work/latin1.py"; then
    grep -q "offset 13" <<<"$check_out" && [ "$out" = "$check_out" ] && pass "check and train refuse invalid UTF-8 alike, with its offset" || fail "invalid UTF-8 messages" "$check_out / $out"
  fi
fi
if out=$(printf 'import torch.nn as nn\nclass Model(nn.Module):\n    def __init__(self):\n        super().__init__()\n        a = [1]\n        a.append(a)\n        print(a)\n        self.fc = nn.Linear(40, 10)\n    def forward(self, x):\n        return self.fc(x)\n' | "$bin" check - --json 2>&1); then
  grep -qF '"log":"[1, [...]]\n"' <<<"$out" && pass "a list that holds itself prints as [1, [...]] (check - reads stdin)" || fail "self-referencing list" "$out"
else
  fail "check of a self-referencing list (exit $?)" "$out"
fi
printf 'import torch.nn as nn\nclass Model(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(40, 10)\n    def forward(self, x):\n        return x[:, :10]\n' >"$work/unreachable.py"
if expect "train refuses an output that reaches no parameter" 1 "$bin" train "$work/unreachable.py" --steps 5 --json; then
  grep -q "does not depend on any of its 410 trainable parameters" <<<"$out" && pass "train applies check's output contract" || fail "train contract" "$out"
fi
touch "$work/a-file"
if expect "export to a path under a file" 1 "$bin" export sessions/mnist1d-quick-smollm2 --out "$work/a-file/best"; then
  grep -q "cannot write $work/a-file/best: Not a directory" <<<"$out" && ! grep -q "NSCocoaErrorDomain" <<<"$out" && pass "a bad export path is one sentence" || fail "export bad path" "$out"
fi

# Prompt-tuning pairs from a recorded session: every evaluated child with the prompt that produced it.
if expect "export --pairs" 0 "$bin" export sessions/mnist1d-quick-constrained-tuned --pairs "$work/pairs.jsonl"; then
  python3 - "$work/pairs.jsonl" sessions/mnist1d-quick-constrained-tuned/session.jsonl <<'PY' && pass "export --pairs writes one pair per evaluated child" || fail "export --pairs" "$out"
import json, sys
pairs = [json.loads(line) for line in open(sys.argv[1])]
events = [json.loads(line) for line in open(sys.argv[2])][1:]
children = {e["id"] for e in events if e.get("type") == "candidate_proposed" and e.get("origin") == "proposal"}
evaluated = {e["id"] for e in events if e.get("type") == "training_finished" and e["id"] in children}
assert len(pairs) == len(evaluated) > 0, (len(pairs), len(evaluated))
assert all("'num_params'" in p["prompt"] and p["prompt"].endswith("\n") for p in pairs)
assert all(p["completion"].strip() and "def forward" in p["completion"] for p in pairs)
PY
fi

# Extraction of a reply to a search prompt, and a study's report of the sessions it has.
if expect "extract --session prints a prompt" 0 "$bin" extract --session sessions/mnist1d-quick-constrained-tuned --parents s3,s4; then
  printf '%s\n' "$out" >"$work/prompt.txt"
  grep -q "'num_params': 97290" "$work/prompt.txt" && pass "the prompt shows the parents' metrics" || fail "extract prompt" "$out"
fi
printf 'class Model(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(40, 10)\n\n    def forward(self, x):\n        return self.fc(x)\n\nmodel = Model()\nfor epoch in range(3):\n    train(model)\n' >"$work/reply.txt"
if expect "extract a reply" 0 "$bin" extract --prompt-file "$work/prompt.txt" --reply-file "$work/reply.txt" --json; then
  json_has "extract --json" "$out" ok code params dropped carried error
fi
printf 'Sorry, I cannot help with that.\n' >"$work/prose.txt"
if expect "extract rejects prose" 1 "$bin" extract --prompt-file "$work/prompt.txt" --reply-file "$work/prose.txt" --json; then
  grep -q '"stage":"extraction"' <<<"$out" && pass "a rejection names its reason" || fail "extract rejection" "$out"
fi
if expect "study --report-only" 0 "$bin" study --out "$work/study" --report-only --json; then
  json_has "study --json" "$out" sessions arms reference_point budget
  [ -s "$work/study/study.svg" ] && pass "study writes study.svg" || fail "study.svg" "$out"
fi
expect "study rejects an unknown arm" 2 "$bin" study --out "$work/study" --arms evoprompting+magic && pass "unknown arms are usage errors"

# A small search with the default embedded model (Qwen2.5-Coder-0.5B), then report, export, resume and a damaged log.
if "$bin" models list 2>/dev/null | grep -q '^qwen2.5-coder-0.5b[[:space:]]*installed'; then
  session="$work/session"
  if expect "run a small search" 0 "$bin" run --headless --session "$session" --rounds 1 --prompts 1 --samples 2 \
    --parents 2 --steps 50 --max-tokens 160 --seed 3; then
    grep -q "finished" <<<"$out" && pass "search runs to the end" || fail "search runs to the end" "$out"
  fi
  if expect "report --json" 0 "$bin" report "$session" --json; then
    json_has "report has the documented fields" "$out" format finished rounds_completed candidates best
    python3 - "$out" <<'PY' && pass "report: 4 evaluated seeds and 2 proposals with statuses" || fail "report statuses" "$out"
import json, sys
r = json.loads(sys.argv[1])
c = r["candidates"]
assert r["finished"] and r["rounds_completed"] == 1
assert sum(1 for x in c if x["round"] == 0 and x["status"] == "evaluated") == 4
assert sum(1 for x in c if x["round"] == 1) == 2
assert all(x["status"] in ("evaluated", "rejected", "duplicate", "failed", "pending") for x in c)
assert all("reason" in x for x in c if x["status"] == "rejected")
PY
  fi
  expect "report --csv" 0 "$bin" report "$session" --csv && { head -1 <<<"$out" | grep -q "^id,round" && pass "csv has a header" || fail "csv header" "$out"; }
  if expect "export" 0 "$bin" export "$session" --best 2 --out "$work/export"; then
    [ "$(ls "$work/export" | wc -l)" -eq 2 ] && grep -q "# validation accuracy" "$work"/export/01-*.py && pass "export writes programs with metrics" || fail "export" "$out"
  fi
  expect "resume a finished session" 0 "$bin" resume "$session" --headless && { grep -q "already finished" <<<"$out" && pass "resume says finished" || fail "resume finished" "$out"; }
  grep -q '"constrained":true' "$session/session.jsonl" && pass "embedded proposals are recorded as constrained" || fail "proposals recorded as constrained" "$(head -c 2000 "$session/session.jsonl")"
  # A recorded soft prompt that is not a soft prompt file: resume says so and goes on without it.
  cp -r "$session" "$work/bad-soft-prompt"
  mkdir -p "$work/bad-soft-prompt/soft-prompts" && echo "not a soft prompt" > "$work/bad-soft-prompt/soft-prompts/round-1.bin"
  python3 - "$work/bad-soft-prompt/session.jsonl" <<'PY'
import json, sys
path = sys.argv[1]
last = json.loads(open(path).read().strip().splitlines()[-1])
event = {"seq": last["seq"] + 1, "time": last["time"] + 1, "type": "prompt_tuning_finished", "round": 1,
         "loss_curve": [1.5, 1.2], "soft_prompt": "soft-prompts/round-1.bin", "seconds": 2.0}
open(path, "a").write(json.dumps(event) + "\n")
PY
  if expect "resume with an unreadable soft prompt" 0 "$bin" resume "$work/bad-soft-prompt" --headless; then
    grep -q "soft prompt soft-prompts/round-1.bin could not be read" <<<"$out" && pass "an unreadable soft prompt is reported, not fatal" || fail "unreadable soft prompt note" "$out"
  fi
  # propose: one child, valid or not, reported in JSON; each valid one written as a tuning pair.
  if expect "propose --pairs" 0 "$bin" propose --count 1 --seed 8 --max-tokens 200 --json --pairs "$work/proposed.jsonl"; then
    python3 - "$out" "$work/proposed.jsonl" <<'PY' && pass "propose reports its proposal and writes valid ones as pairs" || fail "propose --pairs" "$out"
import json, sys
report = json.loads(sys.argv[1])
pairs = [json.loads(line) for line in open(sys.argv[2])]
assert report["constrained"] and len(report["proposals"]) == 1
assert len(pairs) == sum(p["valid"] for p in report["proposals"])
assert all(p["prompt"].endswith("\n") and "def forward" in p["completion"] for p in pairs)
PY
  fi
  cp -r "$session" "$work/damaged"
  sed -i '3s/.*/{"seq": oops/' "$work/damaged/session.jsonl"
  expect "report on a damaged log fails" 1 "$bin" report "$work/damaged" && { grep -q "session.jsonl:3" <<<"$out" && pass "damaged log error names the line" || fail "damaged log error" "$out"; }
  expect "run refuses an existing session" 1 "$bin" run --headless --session "$session" && { grep -q "resume" <<<"$out" && pass "existing session points to resume" || fail "existing session" "$out"; }
else
  echo "skip search tests: the default model is not installed (evoprompting models fetch qwen2.5-coder-0.5b)"
fi

clrs=$(cd "$(dirname "$0")/.." && pwd)/Tests/TasksTests/Fixtures/clrs
if expect "clrs check-reference --json" 0 "$bin" clrs check-reference "$clrs/bfs.json" "$clrs"/extra/*.json --json; then
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["ok"] and r["arrays"] == r["matched"] == 30 + 450 and r["mismatches"] == []' "$out" && pass "clrs check-reference matches every array" || fail "clrs check-reference matches every array" "$out"
fi
python3 - "$clrs/bfs.json" "$work/bfs-changed.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["splits"]["train_n16"]["instances"][2]["hints"]["pi_h"]["data"][1][0] += 1
json.dump(doc, open(sys.argv[2], "w"))
PY
expect "clrs check-reference reports a changed hint" 1 "$bin" clrs check-reference "$work/bfs-changed.json" --json && python3 -c 'import json,sys; m=json.loads(sys.argv[1])["mismatches"]; assert [(x["split"], x["instance"], x["probe"], x["step"]) for x in m] == [("train_n16", 2, "pi_h", 1)]' "$out" && pass "a changed hint is named with its instance and step" || fail "changed hint" "$out"
echo '{"algorithm": "bfs"}' > "$work/bad-clrs.json"
expect "clrs check-reference rejects a malformed file" 2 "$bin" clrs check-reference "$work/bad-clrs.json" && { grep -q "bad-clrs.json: splits is missing" <<<"$out" && pass "a malformed reference file is a usage error with its place" || fail "malformed reference file" "$out"; }

# clrs train and clrs check: a triplet program trains the Triplet-GMPNN; bad programs and options are reported.
seeds=$(cd "$(dirname "$0")/.." && pwd)/seeds/clrs
if expect "clrs train --json" 0 "$bin" clrs train --algorithm bfs --processor "$seeds/standard.py" --hidden 8 --batch-size 4 --steps 3 --train-sizes 4,5 --test-size 6 --val-samples 4 --test-samples 2 --eval-every 2 --json; then
  json_has "clrs train --json has params, scores, timings and the curve" "$out" params val_score test_score seconds ms_per_step cpu_ms_per_step curve
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["ok"] and len(r["curve"]) == 3 and r["hidden"] == 8 and 0 <= r["test_score"] <= 1' "$out" && pass "clrs train runs the steps asked for" || fail "clrs train runs the steps asked for" "$out"
fi
expect "clrs check accepts every seed" 0 "$bin" clrs check "$seeds"/standard.py && pass "clrs check accepts the standard seed"
cat > "$work/bad-triplet.py" <<'PY'
import torch
import torch.nn as nn


class TripletMessages(nn.Module):
    def __init__(self, hidden, nb_triplet_fts, out_size):
        super().__init__()
        self.node = nn.Linear(2 * hidden, out_size)

    def forward(self, z, edge_fts, graph_fts):
        return self.node(z)
PY
expect "clrs check rejects a wrong shape" 1 "$bin" clrs check "$work/bad-triplet.py" --json && python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert not r["ok"] and "[2, 5, 5, 16]" in r["error"]["message"]' "$out" && pass "a triplet program of the wrong shape is rejected with the expected shape" || fail "wrong-shape triplet program" "$out"
expect "clrs train rejects the program before training" 1 "$bin" clrs train --algorithm bfs --processor "$work/bad-triplet.py" --steps 1 && { grep -q "bad-triplet.py" <<<"$out" && pass "clrs train names the rejected program" || fail "clrs train names the rejected program" "$out"; }
expect "clrs train rejects an unknown algorithm" 2 "$bin" clrs train --algorithm quicksortt --processor "$seeds/standard.py" && pass "an unknown algorithm is a usage error"
expect "clrs train rejects bad sizes" 2 "$bin" clrs train --algorithm bfs --processor "$seeds/standard.py" --train-sizes 4,x && pass "bad --train-sizes is a usage error"
# clrs train --replay: a recorded dm-clrs run (Benchmarks/clrs_reference_train.py --export) trained again here from
# the same parameters on the same batches reaches dm-clrs's scores; settings come from the recording only.
replay=$(cd "$(dirname "$0")/.." && pwd)/Tests/TasksTests/Fixtures/clrs_replay_bfs
if expect "clrs train --replay --json" 0 "$bin" clrs train --algorithm bfs --processor "$seeds/standard.py" --replay "$replay.json" --json; then
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); d=json.load(open(sys.argv[2])); assert r["ok"] and r["params"] == d["params"] and abs(r["val_score"] - d["val_score"]) < 1e-6 and abs(r["test_score"] - d["test_score"]) < 1e-6 and all(abs(a["loss"] - b["loss"]) < 1e-4 for a, b in zip(r["curve"], d["curve"]))' "$out" "${replay}_report.json" && pass "a replayed dm-clrs run reaches dm-clrs's losses and scores" || fail "a replayed dm-clrs run reaches dm-clrs's losses and scores" "$out"
fi
expect "clrs train --replay refuses other settings" 2 "$bin" clrs train --algorithm bfs --processor "$seeds/standard.py" --replay "$replay.json" --hidden 16 && { grep -q "drop --hidden" <<<"$out" && pass "--replay with --hidden is a usage error" || fail "--replay with --hidden" "$out"; }
echo '{"algorithm": "bfs", "train": []}' > "$work/bad-replay.json"
expect "clrs train --replay rejects a damaged recording" 1 "$bin" clrs train --algorithm bfs --processor "$seeds/standard.py" --replay "$work/bad-replay.json" --json && python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["ok"] is False and r["error"].endswith("bad-replay.json: hidden is missing")' "$out" && pass "a damaged recording is named with its place" || fail "damaged recording" "$out"

# The CLRS tasks in the search: check --task clrs:ALGORITHM holds a triplet program to its contract; run reads the
# task and its preset from the one settings table.
expect "check --task clrs accepts a seed" 0 "$bin" check "$seeds/bilinear.py" --task clrs:articulation_points --json && python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["ok"] and r["params"] > 0 and r["fingerprint"]' "$out" && pass "check --task clrs:articulation_points accepts a seed triplet function"
expect "check --task clrs rejects a wrong shape" 1 "$bin" check "$work/bad-triplet.py" --task clrs:graham_scan --json && python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert not r["ok"] and "[2, 5, 5, 16]" in r["error"]["message"]' "$out" && pass "check --task clrs rejects a triplet program of the wrong shape"
expect "run rejects an unknown CLRS algorithm" 2 "$bin" run --headless --task clrs:quicksortt --rounds 1 && { grep -q "clrs:ALGORITHM" <<<"$out" && pass "an unknown clrs task is refused with the tasks there are" || fail "unknown clrs task" "$out"; }

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
