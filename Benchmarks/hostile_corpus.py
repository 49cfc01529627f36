#!/usr/bin/env python3
"""Runs the hostile-program corpus (Tests/ArchLangTests/Fixtures/hostile) through an `evoprompting` binary.

Each program says in its first lines what it does and what must happen:

    # hostile (AREA): what it does
    # expect: accepted[: text the program prints]   or   rejected: part of the error message

A case passes when `check FILE --json` ends by itself (no signal, no timeout) within --limit seconds with the
expected verdict; programs of the `contract` area must also be refused by `train FILE --steps 20 --json` with a
sentence (exit 1, JSON `ok: false`), never a trap. Used for the before/after table of issue 17:

    python3 Benchmarks/hostile_corpus.py --binary .build/release/evoprompting
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "Tests", "ArchLangTests", "Fixtures", "hostile")


def header(path):
    with open(path) as f:
        first, second = f.readline(), f.readline()
    area = first.split("(", 1)[1].split(")", 1)[0]
    what = first.split(":", 1)[1].strip()
    expect = second.split(":", 1)[1].strip()
    return area, what, expect


def run(command, timeout):
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout)
        return done.returncode, done.stdout.decode(errors="replace"), time.monotonic() - started
    except subprocess.TimeoutExpired:
        return None, "", time.monotonic() - started


def verdict(status, output):
    """('accepted', log) / ('rejected', message), or ('crash'|'timeout'|'no report', detail)."""
    if status is None:
        return "timeout", ""
    if status < 0 or status > 2:
        return "crash", f"status {status}"
    try:
        report = json.loads(output.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return "no report", output[-200:]
    if report.get("ok"):
        return "accepted", report.get("log", "")
    error = report.get("error")
    return "rejected", error["message"] if isinstance(error, dict) else str(error)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--limit", type=float, default=5.0, help="seconds a case may take")
    parser.add_argument("--json", action="store_true", help="one JSON line per case, then the summary")
    args = parser.parse_args()
    totals = collections.OrderedDict()
    for path in sorted(glob.glob(os.path.join(CORPUS, "*.py"))):
        name = os.path.basename(path)[:-3]
        area, what, expect = header(path)
        status, output, seconds = run([args.binary, "check", path, "--json"], timeout=120)
        kind, detail = verdict(status, output)
        wanted, _, text = expect.partition(":")
        text = text.strip()
        ok = kind == wanted.strip() and text in detail and seconds <= args.limit
        train = None
        if area == "contract":
            t_status, t_output, t_seconds = run([args.binary, "train", path, "--steps", "20", "--json"], timeout=120)
            t_kind, t_detail = verdict(t_status, t_output)
            train = {"verdict": t_kind, "detail": t_detail[:200], "seconds": round(t_seconds, 2)}
            ok = ok and t_kind == "rejected" and t_seconds <= args.limit
        case = {"name": name, "area": area, "verdict": kind, "detail": detail[:200], "seconds": round(seconds, 2),
                "expected": expect, "pass": ok}
        if train:
            case["train"] = train
        passed, tried = totals.get(area, (0, 0))
        totals[area] = (passed + ok, tried + 1)
        if args.json:
            print(json.dumps(case))
        else:
            mark = "ok  " if ok else "FAIL"
            extra = f" | train: {train['verdict']} {train['seconds']}s" if train else ""
            print(f"{mark} {name:34s} {seconds:6.2f}s {kind:9s} {detail[:70]!r}{extra}")
    summary = {area: {"passed": p, "tried": t} for area, (p, t) in totals.items()}
    print(json.dumps({"summary": summary}))


if __name__ == "__main__":
    main()
