#!/usr/bin/env python3
"""Writes Tests/EvoTensorTests/Fixtures/torch_reference.json: PyTorch's answers for the Swift training engine.

Every case records what PyTorch (CPU, float32, one thread, deterministic algorithms) computes for one layer,
function, network or optimizer, so the Swift engine can rebuild the same thing from `kind` + `config` + `params`
and compare. Usage: python3 scripts/make_torch_fixtures.py [--output PATH]

Format (all arrays are {"shape": [...], "data": [row-major floats]}; each float is the exact float32 value written
as the shortest decimal that reads back as the same double, so Float(Double(text)) recovers it bit for bit):

{"torch_version": str, "generator": str, "cases": [{
    "name": str, unique;
    "kind": str, what to build (see the case functions below);
    "config": {...}, constructor arguments, plus "seed" and "loss": "upstream" | "cross_entropy" | "none";
    "inputs": {name: array}, forward inputs; "upstream" holds g for the loss sum(output * g);
              integer inputs (indices, targets) are floats holding whole numbers;
    "params": {state_dict name: array}, every state_dict entry (buffers too) before the forward pass;
    "outputs": {name: array}, "output" is the main result (the one g multiplies);
    "grads": {name: array}, d loss / d (input or parameter), keyed by input names and state_dict names}]}
"""
import argparse
import json
import os
import textwrap

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUTPUT = os.path.join(HERE, "..", "Tests", "EvoTensorTests", "Fixtures", "torch_reference.json")


def array(tensor):
    """A tensor as {"shape", "data"}, float32 values widened exactly to Python floats."""
    t = tensor.detach().to(torch.float32).contiguous()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def state(module):
    return {name: array(value) for name, value in module.state_dict().items()}


def parameter_grads(module):
    return {name: array(p.grad) for name, p in module.named_parameters()}


def seeded(seed):
    torch.manual_seed(seed)


# ---------------------------------------------------------------------------------------------------------------
# Cases whose loss is sum(output * upstream).


def module_case(name, kind, config, module, x, *, seed, extra_outputs=None, input_name="input"):
    """Runs module(x), backpropagates sum(output * upstream), records input and parameter gradients."""
    x = x.clone().requires_grad_(True)
    params = state(module)
    output = module(x)
    upstream = torch.randn_like(output)
    (output * upstream).sum().backward()
    outputs = {"output": array(output)}
    if extra_outputs:
        outputs.update({k: array(v) for k, v in extra_outputs(module).items()})
    grads = {input_name: array(x.grad)}
    grads.update(parameter_grads(module))
    return {
        "name": name,
        "kind": kind,
        "config": dict(config, seed=seed, loss="upstream"),
        "inputs": {input_name: array(x), "upstream": array(upstream)},
        "params": params,
        "outputs": outputs,
        "grads": grads,
    }


def linear_cases():
    seeded(1)
    module = nn.Linear(7, 5)
    x = torch.randn(3, 7)
    return [module_case("linear_7_5", "linear", {"in_features": 7, "out_features": 5, "bias": True}, module, x, seed=1)]


def conv1d_cases():
    configs = [
        ("conv1d_basic", dict(in_channels=3, out_channels=4, kernel_size=3, stride=1, padding=1, dilation=1, groups=1, bias=True)),
        ("conv1d_stride2_pad2_dilation2", dict(in_channels=3, out_channels=4, kernel_size=3, stride=2, padding=2, dilation=2, groups=1, bias=True)),
        ("conv1d_groups3", dict(in_channels=3, out_channels=6, kernel_size=5, stride=1, padding=0, dilation=1, groups=3, bias=True)),
        ("conv1d_depthwise", dict(in_channels=4, out_channels=4, kernel_size=3, stride=1, padding=1, dilation=1, groups=4, bias=True)),
        ("conv1d_no_bias", dict(in_channels=3, out_channels=4, kernel_size=3, stride=1, padding=0, dilation=1, groups=1, bias=False)),
    ]
    cases = []
    for index, (name, config) in enumerate(configs):
        seed = 10 + index
        seeded(seed)
        module = nn.Conv1d(**config)
        x = torch.randn(2, config["in_channels"], 17)
        cases.append(module_case(name, "conv1d", config, module, x, seed=seed))
    return cases


def pooling_cases():
    specs = [
        ("max_pool1d_k2_s2", "max_pool1d", dict(kernel_size=2, stride=2, padding=0), lambda c: nn.MaxPool1d(**c), (2, 3, 11)),
        ("max_pool1d_k3_s2_p1", "max_pool1d", dict(kernel_size=3, stride=2, padding=1), lambda c: nn.MaxPool1d(**c), (2, 3, 11)),
        ("avg_pool1d_k3_s2_p1", "avg_pool1d", dict(kernel_size=3, stride=2, padding=1, count_include_pad=True, ceil_mode=False), lambda c: nn.AvgPool1d(**c), (2, 3, 11)),
        ("adaptive_avg_pool1d_10_to_4", "adaptive_avg_pool1d", dict(output_size=4), lambda c: nn.AdaptiveAvgPool1d(**c), (2, 3, 10)),
        ("adaptive_max_pool1d_10_to_3", "adaptive_max_pool1d", dict(output_size=3), lambda c: nn.AdaptiveMaxPool1d(**c), (2, 3, 10)),
    ]
    cases = []
    for index, (name, kind, config, make, shape) in enumerate(specs):
        seed = 20 + index
        seeded(seed)
        x = torch.randn(*shape)
        cases.append(module_case(name, kind, config, make(config), x, seed=seed))
    return cases


def randomise_affine(module):
    """Non-trivial affine parameters so their gradients and effect are tested."""
    with torch.no_grad():
        module.weight.copy_(1 + 0.5 * torch.randn_like(module.weight))
        module.bias.copy_(0.5 * torch.randn_like(module.bias))


def normalisation_cases():
    cases = []

    def batch_norm(name, shape, training, seed):
        seeded(seed)
        module = nn.BatchNorm1d(3, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True)
        randomise_affine(module)
        with torch.no_grad():
            module.running_mean.copy_(0.3 * torch.randn(3))
            module.running_var.copy_(0.5 + torch.rand(3))
        module.train(training)
        x = 1.5 * torch.randn(*shape) + 0.7
        config = dict(num_features=3, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True, training=training)
        running = lambda m: {"running_mean": m.running_mean, "running_var": m.running_var}
        cases.append(module_case(name, "batch_norm1d", config, module, x, seed=seed, extra_outputs=running))

    batch_norm("batch_norm1d_train_3d", (4, 3, 6), True, 30)
    batch_norm("batch_norm1d_train_2d", (5, 3), True, 31)
    batch_norm("batch_norm1d_eval_3d", (4, 3, 6), False, 32)
    batch_norm("batch_norm1d_eval_2d", (5, 3), False, 33)

    seeded(34)
    module = nn.LayerNorm([6], eps=1e-5, elementwise_affine=True)
    randomise_affine(module)
    x = torch.randn(2, 3, 6) * 2 + 1
    cases.append(module_case("layer_norm_6", "layer_norm", dict(normalized_shape=[6], eps=1e-5, elementwise_affine=True), module, x, seed=34))

    seeded(35)
    module = nn.GroupNorm(2, 4, eps=1e-5, affine=True)
    randomise_affine(module)
    x = torch.randn(2, 4, 5) * 2 + 1
    cases.append(module_case("group_norm_2_4", "group_norm", dict(num_groups=2, num_channels=4, eps=1e-5, affine=True), module, x, seed=35))
    return cases


def activation_cases():
    specs = [
        ("relu", "relu", {}, nn.ReLU()),
        ("gelu", "gelu", {"approximate": "none"}, nn.GELU(approximate="none")),
        ("silu", "silu", {}, nn.SiLU()),
        ("tanh", "tanh", {}, nn.Tanh()),
        ("sigmoid", "sigmoid", {}, nn.Sigmoid()),
        ("leaky_relu_0.01", "leaky_relu", {"negative_slope": 0.01}, nn.LeakyReLU(0.01)),
        ("leaky_relu_0.2", "leaky_relu", {"negative_slope": 0.2}, nn.LeakyReLU(0.2)),
        ("elu", "elu", {"alpha": 1.0}, nn.ELU(alpha=1.0)),
        ("softmax_dim_-1", "softmax", {"dim": -1}, nn.Softmax(dim=-1)),
        ("softmax_dim_1", "softmax", {"dim": 1}, nn.Softmax(dim=1)),
        ("log_softmax_dim_-1", "log_softmax", {"dim": -1}, nn.LogSoftmax(dim=-1)),
    ]
    cases = []
    for index, (name, kind, config, module) in enumerate(specs):
        seed = 40 + index
        seeded(seed)
        x = 2 * torch.randn(3, 4, 5)
        # A few values just either side of zero, where ReLU-like kinks are easy to get wrong (never exactly 0).
        x.view(-1)[:6] = torch.tensor([1e-3, -1e-3, 2e-6, -2e-6, 0.05, -0.05])
        cases.append(module_case(name, kind, config, module, x, seed=seed))
    return cases


def embedding_cases():
    seeded(60)
    module = nn.Embedding(10, 4)
    indices = torch.tensor([[1, 7, 3], [7, 0, 9]])
    params = state(module)
    output = module(indices)
    upstream = torch.randn_like(output)
    (output * upstream).sum().backward()
    return [{
        "name": "embedding_10_4",
        "kind": "embedding",
        "config": {"num_embeddings": 10, "embedding_dim": 4, "seed": 60, "loss": "upstream"},
        "inputs": {"indices": array(indices.float()), "upstream": array(upstream)},
        "params": params,
        "outputs": {"output": array(output)},
        "grads": parameter_grads(module),
    }]


def cross_entropy_cases():
    seeded(61)
    logits = (3 * torch.randn(6, 10)).requires_grad_(True)
    target = torch.tensor([3, 0, 9, 3, 5, 1])
    loss = F.cross_entropy(logits, target)
    loss.backward()
    return [{
        "name": "cross_entropy_6_10",
        "kind": "cross_entropy",
        "config": {"reduction": "mean", "seed": 61, "loss": "cross_entropy"},
        "inputs": {"input": array(logits), "target": array(target.float())},
        "params": {},
        "outputs": {"output": array(loss)},
        "grads": {"input": array(logits.grad)},
    }]


def recurrent_case(name, kind, config, x, seed):
    """GRU / LSTM: outputs `output`, `h_n` (and `c_n`); the loss uses `output` only."""
    seeded(seed)
    module = (nn.GRU if kind == "gru" else nn.LSTM)(**config)
    x = x.clone().requires_grad_(True)
    params = state(module)
    output, hidden = module(x)
    upstream = torch.randn_like(output)
    (output * upstream).sum().backward()
    outputs = {"output": array(output)}
    if kind == "gru":
        outputs["h_n"] = array(hidden)
    else:
        outputs["h_n"] = array(hidden[0])
        outputs["c_n"] = array(hidden[1])
    grads = {"input": array(x.grad)}
    grads.update(parameter_grads(module))
    return {
        "name": name,
        "kind": kind,
        "config": dict(config, seed=seed, loss="upstream"),
        "inputs": {"input": array(x), "upstream": array(upstream)},
        "params": params,
        "outputs": outputs,
        "grads": grads,
    }


def recurrent_cases():
    deep = dict(input_size=3, hidden_size=4, num_layers=2, bias=True, batch_first=True, bidirectional=True)
    seeded(70)
    x = torch.randn(2, 5, 3)
    cases = [recurrent_case("gru_2layer_bidirectional_batch_first", "gru", deep, x, 71)]
    cases.append(recurrent_case("lstm_2layer_bidirectional_batch_first", "lstm", deep, x, 72))
    shallow = dict(input_size=3, hidden_size=4, num_layers=1, bias=True, batch_first=False, bidirectional=False)
    seeded(73)
    x = torch.randn(5, 2, 3)  # [sequence, batch, features]
    cases.append(recurrent_case("gru_1layer_sequence_first", "gru", shallow, x, 74))
    return cases


# ---------------------------------------------------------------------------------------------------------------
# The three MNIST-1D seed networks, trained on cross-entropy. Their source is recorded verbatim in the case.

NETWORK_SOURCES = {
    "mnist1d_cnn": '''
class Model(nn.Module):
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
''',
    "mnist1d_mlp": '''
class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear1 = nn.Linear(40, 100)
        self.linear2 = nn.Linear(100, 100)
        self.linear3 = nn.Linear(100, 10)

    def forward(self, x):
        h = self.linear1(x).relu()
        h = h + self.linear2(h).relu()
        return self.linear3(h)
''',
    "mnist1d_gru": '''
class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(1, 6, batch_first=True, bidirectional=True)
        self.linear = nn.Linear(480, 10)

    def forward(self, x):
        x = x.view(x.shape[0], x.shape[1], 1)
        output, _ = self.gru(x)
        output = output.reshape(output.shape[0], -1)
        return self.linear(output)
''',
}


def build_network(model_name):
    """Executes the recorded source, so the fixture's `source` is exactly what produced its numbers."""
    namespace = {"nn": nn, "torch": torch, "F": F}
    exec(textwrap.dedent(NETWORK_SOURCES[model_name]), namespace)
    return namespace["Model"]()


def network_cases():
    cases = []
    for index, model_name in enumerate(["mnist1d_cnn", "mnist1d_mlp", "mnist1d_gru"]):
        seed = 80 + index
        seeded(seed)
        model = build_network(model_name)
        x = torch.randn(8, 40)
        target = torch.randint(0, 10, (8,))
        params = state(model)
        logits = model(x)
        loss = F.cross_entropy(logits, target)
        loss.backward()
        cases.append({
            "name": model_name,
            "kind": "network",
            "config": {
                "model": model_name,
                "source": NETWORK_SOURCES[model_name].strip("\n"),
                "parameter_count": sum(p.numel() for p in model.parameters()),
                "seed": seed,
                "loss": "cross_entropy",
            },
            "inputs": {"input": array(x), "target": array(target.float())},
            "params": params,
            "outputs": {"logits": array(logits), "loss": array(loss)},
            "grads": parameter_grads(model),
        })
    return cases


# ---------------------------------------------------------------------------------------------------------------
# Optimizer steps: the same gradient applied three times to one [6, 5] parameter.


def optimizer_cases():
    specs = [
        ("adam_lr0.01", "adam", lambda p: torch.optim.Adam([p], lr=0.01, foreach=False),
         dict(lr=0.01, betas=[0.9, 0.999], eps=1e-8, weight_decay=0.0, amsgrad=False)),
        ("adam_lr0.01_wd0.1", "adam", lambda p: torch.optim.Adam([p], lr=0.01, weight_decay=0.1, foreach=False),
         dict(lr=0.01, betas=[0.9, 0.999], eps=1e-8, weight_decay=0.1, amsgrad=False)),
        ("adamw_lr0.01_wd0.01", "adamw", lambda p: torch.optim.AdamW([p], lr=0.01, weight_decay=0.01, foreach=False),
         dict(lr=0.01, betas=[0.9, 0.999], eps=1e-8, weight_decay=0.01, amsgrad=False)),
        ("sgd_lr0.1_momentum0.9_wd0.001", "sgd", lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9, weight_decay=0.001, foreach=False),
         dict(lr=0.1, momentum=0.9, dampening=0.0, weight_decay=0.001, nesterov=False)),
        ("sgd_lr0.1", "sgd", lambda p: torch.optim.SGD([p], lr=0.1, foreach=False),
         dict(lr=0.1, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False)),
    ]
    cases = []
    for index, (name, optimizer_name, make, config) in enumerate(specs):
        seed = 90 + index
        seeded(seed)
        initial = torch.randn(6, 5)
        grad = torch.randn(6, 5)
        parameter = nn.Parameter(initial.clone())
        optimizer = make(parameter)
        outputs = {}
        for step in range(1, 4):
            parameter.grad = grad.clone()
            optimizer.step()
            outputs["step%d" % step] = array(parameter)
        cases.append({
            "name": name,
            "kind": "optimizer",
            "config": dict(config, optimizer=optimizer_name, steps=3, seed=seed, loss="none"),
            "inputs": {"param": array(initial), "grad": array(grad)},
            "params": {},
            "outputs": outputs,
            "grads": {},
        })
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", default=DEFAULT_OUTPUT)
    args = parser.parse_args()

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    torch.set_default_dtype(torch.float32)

    cases = (linear_cases() + conv1d_cases() + pooling_cases() + normalisation_cases() + activation_cases()
             + embedding_cases() + cross_entropy_cases() + recurrent_cases() + network_cases() + optimizer_cases())
    names = [case["name"] for case in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    document = {
        "torch_version": torch.__version__,
        "generator": "scripts/make_torch_fixtures.py",
        "cases": cases,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w") as handle:
        json.dump(document, handle, separators=(",", ":"))
        handle.write("\n")
    print("wrote %d cases, %d bytes to %s" % (len(cases), os.path.getsize(args.output), os.path.relpath(args.output)))


if __name__ == "__main__":
    main()
