#!/usr/bin/env python3
"""Summarises `evoprompting propose --json` output: valid and novel fractions, the median seconds per proposal
(decoding, and with the prompt's processing where the report has it), and the parameter counts of the valid
proposals with how many lie within 0.2x-5x of the smaller parent's size (the prompt's target asks for a model
smaller than its parents; a child outside that band is a different kind of network, not a mutation).

    evoprompting propose --task mnist1d --count 16 --seed 1 --json > c1.json
    python3 Benchmarks/propose_stats.py c1.json [more.json ...]
"""
import json, statistics, sys

# seeds/params.json: the MNIST-1D seeds' parameter counts.
SEED_PARAMETERS = {"cnn": 5210, "mlp": 15210, "gru": 5134, "large_cnn": 97290}


def summary(report):
    proposals = report["proposals"]
    valid = [p for p in proposals if p["valid"]]
    in_band = [p for p in valid
               if 0.2 <= p["params"] / min(SEED_PARAMETERS[name] for name in p["parents"]) <= 5]
    decode = [p["seconds"] for p in proposals]
    total = [p["seconds"] + p.get("prompt_seconds", 0) for p in proposals]
    failures = {}
    for p in proposals:
        if not p["valid"]:
            key = p.get("decoding_failure") or p.get("reason", "?")[:60]
            failures[key] = failures.get(key, 0) + 1
    return {
        "model": report["model"], "constrained": report["constrained"], "count": len(proposals),
        "valid": len(valid), "novel": sum(p["novel"] for p in proposals),
        "valid_percent": round(100 * len(valid) / len(proposals), 1),
        "novel_percent": round(100 * sum(p["novel"] for p in proposals) / len(proposals), 1),
        "median_decode_seconds": round(statistics.median(decode), 1),
        "median_seconds_with_prompt": round(statistics.median(total), 1) if any("prompt_seconds" in p for p in proposals) else None,
        "tokens_per_second": round(report["tokens_per_second"], 1),
        "valid_params": sorted(p["params"] for p in valid),
        "within_0.2x_5x_of_smaller_parent": len(in_band),
        "failures": failures,
    }


if __name__ == "__main__":
    for path in sys.argv[1:]:
        print(json.dumps(summary(json.load(open(path)))))
