#!/usr/bin/env bash
# A real Ray head on loopback for the Ray executor's tests and benchmarks, and nothing else on the network.
#
#   scripts/ray-test-env.sh start     # venv (.venv-ray, `pip install "ray[default]"`) if missing, then a head
#   scripts/ray-test-env.sh stop      # stops the head this script started (its processes, by id)
#   scripts/ray-test-env.sh status    # prints the dashboard address if the head answers
#   scripts/ray-test-env.sh run CMD…  # start, run CMD with EVOPROMPTING_RAY_ADDRESS set, stop (also on failure)
#
# RAY_TEST_AUTH=1 starts the head with Ray's token authentication (RAY_AUTH_MODE=token) and a fresh random token
# in a file only this user can read; `run` gives the command RAY_AUTH_TOKEN_PATH (the file, never the token) and
# EVOPROMPTING_RAY_AUTH=1.
#
# The head binds the dashboard (Jobs API) to 127.0.0.1 and runs single-node: RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0
# makes Ray keep 127.0.0.1 as its node address (on Linux it otherwise swaps 127.0.0.1 for the machine's
# network address) so that its own components talk over loopback and no other node can join.
# `ray stop` would stop every Ray process of the user on the machine, another engineer's included: this script
# starts the head in a process group of its own and stops exactly that group.
#
# Settings (environment): RAY_TEST_DASHBOARD_PORT (8265), RAY_TEST_GCS_PORT (6380), RAY_TEST_NUM_CPUS (2),
# RAY_TEST_VENV (.venv-ray), EVOPROMPTING_BIN_DIR (put on the nodes' PATH, so that `evoprompting` resolves there).
set -euo pipefail
cd "$(dirname "$0")/.."

dashboard_port=${RAY_TEST_DASHBOARD_PORT:-8265}
gcs_port=${RAY_TEST_GCS_PORT:-6380}
num_cpus=${RAY_TEST_NUM_CPUS:-2}
venv=${RAY_TEST_VENV:-.venv-ray}
# Ray's unix sockets must fit in 107 bytes: a short folder under /tmp, one per dashboard port.
temp_dir=/tmp/ray-evp-$dashboard_port
group_file=$temp_dir/evoprompting-head.pgid
token_file=$temp_dir/auth_token
address=http://127.0.0.1:$dashboard_port

say() { echo "ray-test-env: $*" >&2; }

seconds_since() { echo "$(($(date +%s) - $1))"; }

# Whether a Jobs API answers at the address (401/403: one that wants a token).
answers() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$address/api/jobs/" 2>/dev/null) || true
  [ "$code" = 200 ] || [ "$code" = 401 ] || [ "$code" = 403 ]
}

ensure_venv() {
  if [ -x "$venv/bin/ray" ]; then return; fi
  local started
  started=$(date +%s)
  say "creating $venv with ray[default] (pip)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "ray[default]"
  say "venv ready in $(seconds_since "$started") s ($("$venv/bin/python" -c 'import ray; print("ray", ray.__version__)'))"
}

start_head() {
  if answers; then
    say "a head already answers at $address"
    return
  fi
  ensure_venv
  mkdir -p "$temp_dir"
  local started path_prefix=""
  started=$(date +%s)
  [ -n "${EVOPROMPTING_BIN_DIR:-}" ] && path_prefix="$(cd "$EVOPROMPTING_BIN_DIR" && pwd):"
  local auth=()
  if [ "${RAY_TEST_AUTH:-0}" = 1 ]; then
    (umask 077 && "$venv/bin/python" -c 'import secrets; print(secrets.token_hex(32))' >"$token_file")
    auth=(RAY_AUTH_MODE=token "RAY_AUTH_TOKEN_PATH=$token_file")
    say "token authentication on (token in $token_file)"
  fi
  # setsid: the head's processes form one process group that `stop` can end without touching anyone else's.
  env "${auth[@]}" PATH="$path_prefix$PATH" RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0 setsid "$venv/bin/ray" start --head \
    --node-ip-address 127.0.0.1 --dashboard-host 127.0.0.1 --dashboard-port "$dashboard_port" \
    --port "$gcs_port" --num-cpus "$num_cpus" --disable-usage-stats --include-dashboard true \
    --temp-dir "$temp_dir" >"$temp_dir/start.log" 2>&1 &
  local launcher=$!
  echo "$launcher" >"$group_file"
  if ! wait "$launcher"; then
    say "ray start failed:"
    tail -20 "$temp_dir/start.log" >&2
    stop_head
    exit 1
  fi
  for _ in $(seq 1 120); do
    if answers; then
      say "head up at $address in $(seconds_since "$started") s"
      return
    fi
    sleep 0.5
  done
  say "the head did not answer at $address within 60 s of ray start"
  stop_head
  exit 1
}

# The process ids of the head that are still alive: its process group, and anything else naming its temp folder.
head_pids() {
  local group="" pid
  [ -f "$group_file" ] && group=$(cat "$group_file")
  {
    if [ -n "$group" ]; then ps -eo pid=,pgid= | awk -v g="$group" '$2 == g { print $1 }'; fi
    for proc in /proc/[0-9]*; do
      pid=${proc#/proc/}
      if { tr '\0' ' ' <"$proc/cmdline"; } 2>/dev/null | grep -q -- "$temp_dir/"; then echo "$pid"; fi
    done
  } | sort -u | while read -r pid; do
    if [ "$pid" != "$$" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
  done
  return 0
}

stop_head() {
  local pids
  pids=$(head_pids)
  if [ -z "$pids" ]; then
    say "no head of this script is running (port $dashboard_port)"
    rm -f "$group_file"
    return 0
  fi
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
  # The GCS server often ignores TERM for a long while; its state is disposable here.
  for _ in $(seq 1 16); do
    pids=$(head_pids)
    [ -z "$pids" ] && break
    sleep 0.5
  done
  if [ -n "$pids" ]; then
    say "killing what did not stop within 8 s: $(echo $pids)"
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
  fi
  rm -f "$group_file" "$token_file"
  say "head stopped"
}

case "${1:-}" in
  start) start_head ;;
  stop) stop_head ;;
  status)
    if answers; then echo "$address"; else
      say "no head answers at $address"
      exit 1
    fi
    ;;
  run)
    shift
    [ $# -gt 0 ] || { say "usage: $0 run COMMAND…"; exit 2; }
    start_head
    trap stop_head EXIT
    if [ -f "$token_file" ]; then
      EVOPROMPTING_RAY_ADDRESS=$address RAY_AUTH_TOKEN_PATH=$token_file EVOPROMPTING_RAY_AUTH=1 "$@"
    else
      EVOPROMPTING_RAY_ADDRESS=$address "$@"
    fi
    ;;
  *)
    echo "usage: $0 start | stop | status | run COMMAND…" >&2
    exit 2
    ;;
esac
