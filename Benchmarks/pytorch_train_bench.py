#!/usr/bin/env python3
"""Trains an MNIST-1D seed network with PyTorch on CPU and prints one JSON line: the yardstick for
`evoprompting bench train`.

    python3 Benchmarks/pytorch_train_bench.py --model cnn --steps 2000 --batch-size 100 --lr 0.01 --seed 0 --threads 2

Data: the raw MNIST-1D arrays made by the `mnist1d` package (seed 42, 4,000 train / 1,000 test), read from --data
(default Tests/TasksTests/Fixtures): mnist1d_x_train.f32 float32 [4000, 40], mnist1d_y_train.i32 int32 [4000], and
the same for test. Training uses all 4,000 training examples, Adam (PyTorch defaults besides lr), cross-entropy, and
batches drawn as seeded shuffled epochs (every example once per epoch; a short tail batch is skipped).

Printed fields:
- params: trainable parameter count;
- test_accuracy: accuracy on the 1,000 test examples after the last step (fraction in 0..1);
- seconds: wall time of the training loop (all steps, including drawing batches), without data loading or evaluation;
- ms_per_step: median over steps of one full training step: zero_grad, forward, loss, backward, optimizer step;
- ms_per_step_mean: the mean of the same; far above the median when other processes compete for the cores
  (two PyTorch threads then wait on each other), which is why the median is the headline figure;
- plus the settings and final_train_loss (mean cross-entropy of the last 100 steps).
"""
import argparse
import json
import os
import statistics
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


class ConvModel(nn.Module):
    """The MNIST-1D project's reference CNN (5,210 parameters)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 25, 5, stride=2, padding=1)
        self.conv2 = nn.Conv1d(25, 25, 3, stride=2, padding=1)
        self.conv3 = nn.Conv1d(25, 25, 3, stride=2, padding=1)
        self.linear = nn.Linear(125, 10)

    def forward(self, x):
        x = x.view(-1, 1, x.shape[-1])
        h = self.conv1(x).relu()
        h = self.conv2(h).relu()
        h = self.conv3(h).relu()
        h = h.view(h.shape[0], -1)
        return self.linear(h)


class MLPModel(nn.Module):
    """The MNIST-1D project's MLP with a residual hidden layer (15,210 parameters)."""

    def __init__(self):
        super().__init__()
        self.linear1 = nn.Linear(40, 100)
        self.linear2 = nn.Linear(100, 100)
        self.linear3 = nn.Linear(100, 10)

    def forward(self, x):
        h = self.linear1(x).relu()
        h = h + self.linear2(h).relu()
        return self.linear3(h)


class GRUModel(nn.Module):
    """The MNIST-1D project's bidirectional GRU over the 40 time steps (5,134 parameters)."""

    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(1, 6, batch_first=True, bidirectional=True)
        self.linear = nn.Linear(480, 10)

    def forward(self, x):
        x = x.view(x.shape[0], x.shape[1], 1)
        output, _ = self.gru(x)
        output = output.reshape(output.shape[0], -1)
        return self.linear(output)


MODELS = {"cnn": ConvModel, "mlp": MLPModel, "gru": GRUModel}


def load(directory):
    def read(name, dtype, columns=None):
        values = np.fromfile(os.path.join(directory, name), dtype=dtype)
        return values.reshape(-1, columns) if columns else values

    x_train = torch.from_numpy(read("mnist1d_x_train.f32", "<f4", 40).copy())
    y_train = torch.from_numpy(read("mnist1d_y_train.i32", "<i4").astype(np.int64))
    x_test = torch.from_numpy(read("mnist1d_x_test.f32", "<f4", 40).copy())
    y_test = torch.from_numpy(read("mnist1d_y_test.i32", "<i4").astype(np.int64))
    return x_train, y_train, x_test, y_test


def batches(count, batch_size, generator):
    """Endless seeded shuffled epochs of index batches."""
    while True:
        order = torch.randperm(count, generator=generator)
        for start in range(0, count - batch_size + 1, batch_size):
            yield order[start:start + batch_size]


def main():
    parser = argparse.ArgumentParser(description="PyTorch CPU training benchmark on MNIST-1D")
    parser.add_argument("--model", choices=sorted(MODELS), default="cnn")
    parser.add_argument("--steps", type=int, default=8000)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data", default=os.path.join(REPO, "Tests", "TasksTests", "Fixtures"))
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    x_train, y_train, x_test, y_test = load(args.data)
    model = MODELS[args.model]()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    generator = torch.Generator().manual_seed(args.seed)
    stream = batches(len(y_train), args.batch_size, generator)

    step_seconds = []
    recent_losses = []
    model.train()
    loop_start = time.perf_counter()
    for _ in range(args.steps):
        index = next(stream)
        x, y = x_train[index], y_train[index]
        step_start = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        step_seconds.append(time.perf_counter() - step_start)
        recent_losses.append(loss.item())
        if len(recent_losses) > 100:
            recent_losses.pop(0)
    seconds = time.perf_counter() - loop_start

    model.eval()
    with torch.no_grad():
        accuracy = (model(x_test).argmax(dim=1) == y_test).float().mean().item()

    print(json.dumps({
        "framework": "pytorch",
        "torch_version": torch.__version__,
        "model": args.model,
        "params": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "steps": args.steps,
        "batch_size": args.batch_size,
        "lr": args.lr,
        "seed": args.seed,
        "threads": args.threads,
        "test_accuracy": round(accuracy, 4),
        "final_train_loss": round(statistics.fmean(recent_losses), 4) if recent_losses else None,
        "seconds": round(seconds, 3),
        "ms_per_step": round(1000 * statistics.median(step_seconds), 4) if step_seconds else None,
        "ms_per_step_mean": round(1000 * statistics.fmean(step_seconds), 4) if step_seconds else None,
    }))


if __name__ == "__main__":
    main()
