#!/usr/bin/env python3
"""Summarises a CLRS search session: the children's valid and novel fractions, wall seconds per proposal, and
the best child against the standard seed (params, val score, fitness).

Valid: the child passed the triplet check (`proposal_validated`). Novel: valid and not a duplicate of an earlier
candidate (a duplicate is rejected with kind `duplicate`). Seconds per proposal: per round, from the round's first
`prompt_built` to its last `candidate_proposed`, over the round's proposals (wall time, on whatever machine ran it;
children trained while later proposals were written are not subtracted).

    python3 Benchmarks/clrs_search_stats.py SESSION_DIR
"""
import json, os, sys


def summary(directory):
    events = [json.loads(line) for line in open(os.path.join(directory, "session.jsonl")) if line.strip()][1:]
    proposed = {e["id"]: e for e in events if e["type"] == "candidate_proposed"}
    children = [i for i, e in proposed.items() if e["origin"] != "seed"]
    validated = {e["id"] for e in events if e["type"] == "proposal_validated"}
    rejected = {e["id"]: e for e in events if e["type"] == "proposal_rejected"}
    finished = {e["id"]: e for e in events if e["type"] == "training_finished"}
    valid = [i for i in children if i in validated]
    duplicates = [i for i in children if rejected.get(i, {}).get("kind") == "duplicate"]
    novel = [i for i in valid if i not in duplicates]
    rounds = {}
    for e in events:
        if e["type"] == "prompt_built":
            rounds.setdefault(e["round"], [e["time"], None, 0])
    for i in children:
        e = proposed[i]
        entry = rounds.setdefault(e["round"], [e["time"], None, 0])
        entry[1] = max(entry[1] or e["time"], e["time"])
        entry[2] += 1
    seconds = [(end - start) / count for start, end, count in rounds.values() if count]

    def metrics(i):
        f = finished.get(i)
        if not f:
            return {"id": i, "status": "not trained"}
        m = f.get("metrics", f)
        return {"id": i, "name": proposed[i].get("name"), "params": m.get("params"),
                "val_score": m.get("validation_accuracy"), "test_score": m.get("test_accuracy")}

    standard = next((i for i, e in proposed.items() if e.get("name") == "standard"), None)
    trained = [metrics(i) for i in valid if i in finished]
    return {
        "children": len(children), "valid": len(valid), "novel": len(novel),
        "valid_fraction": round(len(valid) / len(children), 3) if children else None,
        "novel_fraction": round(len(novel) / len(children), 3) if children else None,
        "rejections": {i: rejected[i]["reason"][:120] for i in children if i in rejected},
        "wall_seconds_per_proposal": [round(s, 1) for s in seconds],
        "standard_seed": metrics(standard) if standard else None,
        "children_trained": trained,
    }


if __name__ == "__main__":
    for directory in sys.argv[1:]:
        print(json.dumps(summary(directory), indent=1))
