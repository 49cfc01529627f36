#!/usr/bin/env python3
"""Checks ArchLang's seed programs in PyTorch and generates its PyTorch reference fixtures.

Reads
  seeds/*.py                                   the four MNIST-1D seed programs (real PyTorch)
Writes
  seeds/params.json                            PyTorch's parameter count of each seed (the binary embeds seeds/)
  Tests/ArchLangTests/Fixtures/models/NAME.py        a corpus of real-world-style model definitions
  Tests/ArchLangTests/Fixtures/models/NAME.json      PyTorch's parameter count, output shape, tensor layout
  Tests/ArchLangTests/Fixtures/models/NAME.f32       seeded weights, the input and PyTorch's output

Binary format (NAME.f32): little-endian float32 values, no header. NAME.json lists every state_dict entry
(parameters and buffers, in state_dict order) as {"name", "shape", "offset", "count"} with offsets counted in
float32 elements from the start of the file, then "input" and "output" entries in the same form. Integer buffers
(BatchNorm's num_batches_tracked) are stored as float32. Outputs are computed in eval mode (dropout off, batch norm
using its running statistics), on CPU, in float32, for the fixed input of shape [4, 40].

Run from the repository root:  python3 scripts/make_archlang_fixtures.py
"""
import json
import math
import os
import sys
import types

import numpy as np
import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS_DIR = os.path.join(ROOT, "seeds")
MODELS_DIR = os.path.join(ROOT, "Tests", "ArchLangTests", "Fixtures", "models")

# The seeds' source of truth is seeds/*.py (real PyTorch files; the binary compiles them in, see Package.swift); this
# script checks them in PyTorch and writes their parameter counts and the test fixtures.
SEED_NAMES = ["cnn", "mlp", "gru", "large_cnn"]
SEEDS = {}
for _name in SEED_NAMES:
    with open(os.path.join(SEEDS_DIR, _name + ".py")) as _f:
        SEEDS[_name] = _f.read()

EXPECTED_SEED_PARAMS = {"cnn": 5210, "mlp": 15210, "gru": 5134}

CORPUS = {}

CORPUS["sequential_mlp"] = '''import torch.nn as nn

model = nn.Sequential(
    nn.Linear(40, 64),
    nn.ReLU(),
    nn.Dropout(0.1),
    nn.Linear(64, 32),
    nn.Tanh(),
    nn.Linear(32, 10),
)
'''

CORPUS["modulelist_cnn"] = '''import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self, channels=(8, 16, 16), kernel_size=3):
        super().__init__()
        self.convs = nn.ModuleList()
        in_channels = 1
        for out_channels in channels:
            self.convs.append(nn.Conv1d(in_channels, out_channels, kernel_size, padding=1))
            in_channels = out_channels
        self.head = nn.Linear(in_channels * 40, 10)

    def forward(self, x):
        x = x[:, None, :]
        for i, conv in enumerate(self.convs):
            x = conv(x)
            x = torch.relu(x) if i < len(self.convs) - 1 else torch.tanh(x)
        return self.head(x.flatten(start_dim=1))
'''

CORPUS["helper_blocks"] = '''import torch
import torch.nn as nn


def conv_block(c_in, c_out, k=3, stride=1):
    """Convolution, batch norm and ReLU, as most CNN code bases write it."""
    return nn.Sequential(
        nn.Conv1d(c_in, c_out, kernel_size=k, stride=stride, padding=k // 2, bias=False),
        nn.BatchNorm1d(c_out),
        nn.ReLU(inplace=True),
    )


class Net(nn.Module):
    def __init__(self, widths=[1, 12, 24], num_classes=10):
        super(Net, self).__init__()
        layers = [conv_block(a, b, stride=2) for a, b in zip(widths[:-1], widths[1:])]
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool1d(1)
        self.classifier = nn.Linear(widths[-1], num_classes)

    def forward(self, x):
        x = x.view(x.size(0), 1, -1)
        x = self.pool(self.features(x)).squeeze(-1)
        return self.classifier(x)
'''

CORPUS["residual_projection"] = '''import torch
import torch.nn as nn
import torch.nn.functional as F


class ResBlock(nn.Module):
    def __init__(self, c_in, c_out, stride=1):
        super().__init__()
        self.conv1 = nn.Conv1d(c_in, c_out, 3, stride=stride, padding=1)
        self.bn1 = nn.BatchNorm1d(c_out)
        self.conv2 = nn.Conv1d(c_out, c_out, 3, padding=1)
        self.bn2 = nn.BatchNorm1d(c_out)
        self.shortcut = nn.Identity()
        if stride != 1 or c_in != c_out:
            self.shortcut = nn.Sequential(nn.Conv1d(c_in, c_out, 1, stride=stride), nn.BatchNorm1d(c_out))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += self.shortcut(x)
        return F.relu(out)


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv1d(1, 8, 5, padding=2)
        self.layer1 = ResBlock(8, 8)
        self.layer2 = ResBlock(8, 16, stride=2)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = F.relu(self.stem(x.unsqueeze(1)))
        x = self.layer2(self.layer1(x))
        x = x.mean(dim=-1)
        return self.fc(x)
'''

CORPUS["inception"] = '''import torch
import torch.nn as nn


class InceptionBlock(nn.Module):
    def __init__(self, c_in, c_branch):
        super().__init__()
        self.b1 = nn.Conv1d(c_in, c_branch, 1)
        self.b3 = nn.Sequential(nn.Conv1d(c_in, c_branch, 1), nn.ReLU(), nn.Conv1d(c_branch, c_branch, 3, padding=1))
        self.b5 = nn.Sequential(nn.Conv1d(c_in, c_branch, 1), nn.ReLU(), nn.Conv1d(c_branch, c_branch, 5, padding=2))
        self.bp = nn.Sequential(nn.MaxPool1d(3, stride=1, padding=1), nn.Conv1d(c_in, c_branch, 1))

    def forward(self, x):
        branches = [self.b1(x), self.b3(x), self.b5(x), self.bp(x)]
        return torch.relu(torch.cat(branches, dim=1))


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.block1 = InceptionBlock(1, 4)
        self.block2 = InceptionBlock(16, 4)
        self.pool = nn.MaxPool1d(2)
        self.out = nn.Linear(16 * 10, 10)

    def forward(self, x):
        x = x.reshape(-1, 1, 40)
        x = self.pool(self.block1(x))
        x = self.pool(self.block2(x))
        return self.out(torch.flatten(x, 1))
'''

CORPUS["depthwise_separable"] = '''import torch
import torch.nn as nn


class DepthwiseSeparable(nn.Module):
    def __init__(self, channels, out_channels, kernel_size=5):
        super().__init__()
        self.depthwise = nn.Conv1d(channels, channels, kernel_size, padding=kernel_size // 2, groups=channels)
        self.pointwise = nn.Conv1d(channels, out_channels, 1)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.pointwise(self.depthwise(x)))


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.expand = nn.Conv1d(1, 16, 3, padding=1)
        self.blocks = nn.Sequential(DepthwiseSeparable(16, 16), DepthwiseSeparable(16, 24, kernel_size=3))
        self.head = nn.Linear(24, 10)

    def forward(self, x):
        x = self.expand(x.unsqueeze(1))
        x = self.blocks(x)
        x = x.amax(dim=2)
        return self.head(x)
'''

CORPUS["gru_last_step"] = '''import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self, hidden_size=16):
        super().__init__()
        self.rnn = nn.GRU(input_size=1, hidden_size=hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, 10)

    def forward(self, x):
        out, h = self.rnn(x.unsqueeze(-1))
        return self.fc(out[:, -1, :])
'''

CORPUS["lstm_stacked"] = '''import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(4, 12, num_layers=2, batch_first=True)
        self.fc = nn.Linear(12, 10)

    def forward(self, x):
        x = x.view(x.shape[0], 10, 4)  # ten steps of four samples each
        output, (h_n, c_n) = self.lstm(x)
        return self.fc(h_n[-1])
'''

CORPUS["lazy_modules"] = '''import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.LazyConv1d(12, 5, stride=2),
            nn.LazyBatchNorm1d(),
            nn.GELU(),
            nn.LazyConv1d(16, 3),
            nn.ReLU(),
        )
        self.flatten = nn.Flatten()
        self.classifier = nn.LazyLinear(10)

    def forward(self, x):
        x = x.unsqueeze(1)
        return self.classifier(self.flatten(self.features(x)))
'''

CORPUS["attention"] = '''import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class SelfAttention(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.query = nn.Linear(dim, dim)
        self.key = nn.Linear(dim, dim)
        self.value = nn.Linear(dim, dim)
        self.scale = 1.0 / math.sqrt(dim)

    def forward(self, x):
        q, k, v = self.query(x), self.key(x), self.value(x)
        scores = q @ k.transpose(1, 2) * self.scale
        weights = F.softmax(scores, dim=-1)
        return weights @ v


class Model(nn.Module):
    def __init__(self, dim=8, patch=4):
        super().__init__()
        self.patch = patch
        self.embed = nn.Linear(patch, dim)
        self.attn = SelfAttention(dim)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 10)

    def forward(self, x):
        b = x.shape[0]
        tokens = self.embed(x.view(b, 40 // self.patch, self.patch))
        tokens = self.norm(tokens + self.attn(tokens))
        return self.head(tokens.mean(dim=1))
'''

CORPUS["gated_mlp"] = '''import torch
import torch.nn as nn
import torch.nn.functional as F


class GatedLayer(nn.Module):
    """A GLU-style layer: one projection split into a value and a gate."""

    def __init__(self, d_in, d_out):
        super().__init__()
        self.proj = nn.Linear(d_in, 2 * d_out)
        self.norm = nn.LayerNorm(d_out, eps=1e-5)

    def forward(self, x):
        value, gate = self.proj(x).chunk(2, dim=-1)
        return self.norm(value * torch.sigmoid(gate))


class Model(nn.Module):
    def __init__(self, sizes=[40, 48, 32]):
        super().__init__()
        self.layers = nn.ModuleList([GatedLayer(a, b) for a, b in zip(sizes, sizes[1:])])
        self.out = nn.Linear(sizes[-1], 10)

    def forward(self, x):
        for layer in self.layers:
            x = F.gelu(layer(x))
        a, b = torch.split(x, 16, dim=1)
        x = torch.cat([F.silu(a), F.leaky_relu(b, 0.2)], dim=1)
        return self.out(x)
'''

CORPUS["pooling_zoo"] = '''import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(1, 6, 3, padding=1)
        self.max_pool = nn.MaxPool1d(kernel_size=2, stride=2)
        self.avg_pool = nn.AvgPool1d(kernel_size=3, stride=2, padding=1)
        self.adaptive_avg = nn.AdaptiveAvgPool1d(4)
        self.adaptive_max = nn.AdaptiveMaxPool1d(4)
        self.act = nn.ELU(alpha=0.5)
        self.fc = nn.Linear(6 * 4 * 2, 10)

    def forward(self, x):
        h = self.act(self.conv(x.view(-1, 1, 40)))
        h = self.avg_pool(self.max_pool(h))
        pooled = torch.cat((self.adaptive_avg(h), self.adaptive_max(h)), dim=-1)
        return self.fc(pooled.flatten(1))
'''

CORPUS["functional_ops"] = '''import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 8, 5)
        self.conv2 = nn.Conv1d(8, 8, 3)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        x = F.pad(x.unsqueeze(1), (2, 2))
        x = F.leaky_relu(self.conv1(x), negative_slope=0.1)
        x = F.max_pool1d(x, 2)
        x = F.elu(self.conv2(x))
        x = F.avg_pool1d(x, kernel_size=2)
        x = F.adaptive_avg_pool1d(x, 1).view(x.size(0), -1)
        x = F.dropout(x, p=0.2, training=self.training)
        return F.log_softmax(self.fc(x), dim=1)
'''

CORPUS["module_dict_branches"] = '''import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.branches = nn.ModuleDict({
            "wide": nn.Sequential(nn.Linear(40, 24), nn.ReLU()),
            "narrow": nn.Sequential(nn.Linear(40, 8), nn.Sigmoid()),
        })
        self.merge = nn.Linear(32, 10)

    def forward(self, x):
        outputs = []
        for name, branch in self.branches.items():
            outputs.append(branch(x))
        return self.merge(torch.cat(outputs, dim=-1))
'''

CORPUS["groupnorm_unflatten"] = '''import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self, channels=16):
        super().__init__()
        self.unflatten = nn.Unflatten(1, (1, 40))
        self.conv = nn.Conv1d(1, channels, 3, padding=1, dilation=1)
        self.norm = nn.GroupNorm(4, channels)
        self.proj = nn.Linear(channels, 10)

    def forward(self, x):
        h = torch.relu(self.norm(self.conv(self.unflatten(x))))  # [B, C, L]
        h = h.permute(0, 2, 1).contiguous()  # [B, L, C]
        h = h.transpose(1, 2)  # back to [B, C, L]
        h = torch.amax(h, dim=-1)
        return self.proj(h)
'''

CORPUS["softmax_head"] = '''import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self, d_in=40, hidden=32, classes=10, temperature=2.0):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(d_in, hidden), nn.LeakyReLU(0.05), nn.Linear(hidden, classes))
        self.softmax = nn.Softmax(dim=-1)
        self.temperature = temperature

    def forward(self, x):
        logits = self.body(x) / self.temperature
        probs = self.softmax(logits)
        centered = logits - logits.max(dim=1, keepdim=True)[0]
        return centered + probs if self.temperature > 1 else centered


model = Classifier(hidden=24)
'''


def load_module(name, source):
    """Runs a program's source as a Python module and returns the network it selects (same rule as ArchLang)."""
    module = types.ModuleType(name)
    module.__dict__["__name__"] = "__candidate__"
    exec(compile(source, name + ".py", "exec"), module.__dict__)
    if "model" in module.__dict__ and isinstance(module.model, nn.Module):
        return module.model
    if "Model" in module.__dict__:
        return module.Model()
    classes = [v for v in module.__dict__.values() if isinstance(v, type) and issubclass(v, nn.Module) and v.__module__ == "__candidate__"]
    return classes[-1]()


def randomize_buffers(model, generator):
    for module in model.modules():
        if isinstance(module, nn.modules.batchnorm._BatchNorm) and module.running_mean is not None:
            with torch.no_grad():
                module.running_mean.copy_(torch.randn(module.running_mean.shape, generator=generator) * 0.1)
                module.running_var.copy_(1.0 + torch.rand(module.running_var.shape, generator=generator) * 0.5)
                module.num_batches_tracked.fill_(3)


def write_fixture(name, source, directory):
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(1234)
    model = load_module(name, source)
    x = torch.randn(4, 40, generator=generator)
    model.eval()
    with torch.no_grad():
        model(x)  # materializes lazy modules
    randomize_buffers(model, generator)
    with torch.no_grad():
        y = model(x)
    params = sum(p.numel() for p in model.parameters())
    entries = []
    arrays = []
    offset = 0
    for key, tensor in model.state_dict().items():
        data = tensor.detach().to(torch.float32).contiguous().numpy().astype("<f4").ravel()
        entries.append({"name": key, "shape": list(tensor.shape), "offset": offset, "count": int(data.size)})
        arrays.append(data)
        offset += data.size
    manifest = {
        "name": name,
        "params": int(params),
        "input_shape": list(x.shape),
        "output_shape": list(y.shape),
        "tensors": entries,
    }
    for key, tensor in (("input", x), ("output", y)):
        data = tensor.numpy().astype("<f4").ravel()
        manifest[key] = {"shape": list(tensor.shape), "offset": offset, "count": int(data.size)}
        arrays.append(data)
        offset += data.size
    with open(os.path.join(directory, name + ".py"), "w") as f:
        f.write(source)
    with open(os.path.join(directory, name + ".json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    np.concatenate(arrays).astype("<f4").tofile(os.path.join(directory, name + ".f32"))
    return params, list(y.shape)


def main():
    torch.set_num_threads(1)
    os.makedirs(SEEDS_DIR, exist_ok=True)
    os.makedirs(MODELS_DIR, exist_ok=True)
    seed_params = {}
    for name, source in SEEDS.items():
        params, shape = write_fixture("seed_" + name, source, MODELS_DIR)
        if name in EXPECTED_SEED_PARAMS and params != EXPECTED_SEED_PARAMS[name]:
            sys.exit(f"seed {name}: PyTorch counts {params} parameters, expected {EXPECTED_SEED_PARAMS[name]}")
        seed_params[name] = params
        print(f"seed {name:12s} params {params:7d} output {shape}")
    with open(os.path.join(SEEDS_DIR, "params.json"), "w") as f:
        json.dump(seed_params, f, indent=1)
        f.write("\n")
    for name, source in CORPUS.items():
        params, shape = write_fixture(name, source, MODELS_DIR)
        print(f"model {name:22s} params {params:7d} output {shape}")
    with open(os.path.join(MODELS_DIR, "index.json"), "w") as f:
        json.dump(sorted(["seed_" + n for n in SEEDS] + list(CORPUS)), f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
