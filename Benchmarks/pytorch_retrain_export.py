#!/usr/bin/env python3
"""Trains a program that `evoprompting export` wrote in real PyTorch with the MNIST-1D protocol, and the same file
with the embedded engine (`evoprompting train`), and prints one JSON line comparing their test accuracies: what the
search found is a real network only if PyTorch trains it as well as the engine does.

    python3 Benchmarks/pytorch_retrain_export.py EXPORTED.py --bin .build/release/evoprompting --seeds 0 1 2

Protocol (both sides): all 4,000 MNIST-1D training examples of the `mnist1d` package's arrays (seed 42; the
`Tests/TasksTests/Fixtures` files), 8,000 Adam steps at lr 0.01 with batches of 100 drawn as seeded shuffled epochs,
cross-entropy; test accuracy of the final weights on the 1,000 test examples (`evoprompting train
--validation-count 0`). Initial weights and batch order follow each side's own seeded generator, so single runs
differ by initialisation noise; the comparison is of the means over --seeds.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_train_bench import REPO, batches, load  # noqa: E402  (one loader and batch order for both scripts)


def build_model(path):
    """The program's `Model` class (or its module-level `model`), run as plain PyTorch code."""
    namespace = {"__name__": "exported"}
    with open(path) as source:
        exec(compile(source.read(), path, "exec"), namespace)
    if "model" in namespace and isinstance(namespace["model"], torch.nn.Module):
        return namespace["model"]
    return namespace["Model"]()


def train_pytorch(path, data, steps, batch_size, lr, seed):
    torch.manual_seed(seed)
    x_train, y_train, x_test, y_test = data
    model = build_model(path)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    stream = batches(len(y_train), batch_size, torch.Generator().manual_seed(seed))
    model.train()
    start = time.perf_counter()
    for _ in range(steps):
        index = next(stream)
        optimizer.zero_grad(set_to_none=True)
        F.cross_entropy(model(x_train[index]), y_train[index]).backward()
        optimizer.step()
    seconds = time.perf_counter() - start
    model.eval()
    with torch.no_grad():
        accuracy = (model(x_test).argmax(dim=1) == y_test).float().mean().item()
    params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return {"seed": seed, "params": params, "test_accuracy": accuracy, "seconds": round(seconds, 1)}


def train_engine(binary, path, data_dir, steps, batch_size, lr, seed):
    command = [
        binary, "train", path, "--steps", str(steps), "--batch-size", str(batch_size), "--lr", str(lr),
        "--seed", str(seed), "--data", data_dir, "--validation-count", "0", "--json",
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    report = json.loads(output.strip().splitlines()[-1])
    return {"seed": seed, "params": report.get("params"), "test_accuracy": report.get("test_accuracy"),
            "seconds": report.get("seconds")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("program", help="a file `evoprompting export` wrote")
    parser.add_argument("--bin", default=os.path.join(REPO, ".build", "release", "evoprompting"))
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--steps", type=int, default=8000)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data", default=os.path.join(REPO, "Tests", "TasksTests", "Fixtures"))
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    data = load(args.data)
    pytorch = [train_pytorch(args.program, data, args.steps, args.batch_size, args.lr, s) for s in args.seeds]
    engine = [train_engine(args.bin, args.program, args.data, args.steps, args.batch_size, args.lr, s)
              for s in args.seeds]
    pytorch_mean = statistics.mean(run["test_accuracy"] for run in pytorch)
    engine_mean = statistics.mean(run["test_accuracy"] for run in engine)
    print(json.dumps({
        "program": args.program, "torch": torch.__version__, "steps": args.steps, "batch_size": args.batch_size,
        "lr": args.lr, "pytorch": pytorch, "engine": engine,
        "pytorch_mean_test_accuracy": round(pytorch_mean, 4), "engine_mean_test_accuracy": round(engine_mean, 4),
        "difference_points": round(100 * (pytorch_mean - engine_mean), 2),
    }))


if __name__ == "__main__":
    main()
