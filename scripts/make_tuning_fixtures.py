#!/usr/bin/env python3
"""Fixtures for the PromptTuning target.

1. `gradients`: a tiny llama GGUF (from Tests/PromptTuningTests/Fixtures) re-implemented in PyTorch from the
   GGUF's own weights (read and dequantised with the `gguf` package): soft prompt prepended to the token
   embeddings, RMSNorm, RoPE on adjacent pairs, grouped-query causal attention, SwiGLU, tied output; records the
   mean cross-entropy on the completion tokens and its gradient with respect to the soft prompt.
2. `pairs`: (few-shot prompt, child program) pairs from MNIST-1D programs (the seeds and the ArchLang fixture
   programs), prompts in exactly the format of `Evolution.PromptBuilder` (a Swift test checks that), for
   measuring prompt-tuning on real data with `evoprompting lm tune`.

3. `qwen2-gradients`: the same loss and gradient for the tiny `qwen2` model (q/k/v biases, RoPE on split halves
   `(i, i + n/2)`, an output matrix of its own), from an independent float64 NumPy forward pass, the gradient by
   central differences (step 1e-5: float64 leaves ~1e-9 of error), for machines without PyTorch.

Usage: python3 scripts/make_tuning_fixtures.py gradients
       python3 scripts/make_tuning_fixtures.py qwen2-gradients
       python3 scripts/make_tuning_fixtures.py pairs OUT_DIR
"""
import json
import math
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Tests" / "PromptTuningTests" / "Fixtures"


# ---------------------------------------------------------------- gradients

def load_gguf(path):
    import gguf
    from gguf.quants import dequantize

    reader = gguf.GGUFReader(str(path))
    arch = bytes(reader.fields["general.architecture"].parts[-1]).decode()

    def scalar(key, default=None):
        field = reader.fields.get(f"{arch}.{key}")
        return default if field is None else field.parts[-1][0].item()

    config = {
        "blocks": scalar("block_count"),
        "width": scalar("embedding_length"),
        "heads": scalar("attention.head_count"),
        "kv_heads": scalar("attention.head_count_kv"),
        "rope_dims": scalar("rope.dimension_count"),
        "rope_base": scalar("rope.freq_base", 10000.0),
        "eps": scalar("attention.layer_norm_rms_epsilon", 1e-5),
    }
    weights = {}
    for tensor in reader.tensors:
        values = dequantize(tensor.data, tensor.tensor_type)
        # GGUF dims are innermost first: shape [columns, rows] is `rows` rows of `columns` values.
        shape = [int(d) for d in reversed(tensor.shape)]
        weights[tensor.name] = np.asarray(values, dtype=np.float32).reshape(shape)
    return config, weights


def llama_loss(config, weights, soft_prompt, prompt_tokens, completion_tokens):
    import torch

    w = {name: torch.tensor(value, dtype=torch.float64) for name, value in weights.items()}
    table = w["token_embd.weight"]
    inputs = table[torch.tensor(prompt_tokens + completion_tokens[:-1])]
    x = torch.cat([soft_prompt, inputs], dim=0)
    positions, width = x.shape
    heads, kv_heads = config["heads"], config["kv_heads"]
    head_width = width // heads
    rope_dims = config["rope_dims"]
    eps = config["eps"]

    def rms(v, weight):
        return v * torch.rsqrt(v.pow(2).mean(-1, keepdim=True) + eps) * weight

    half = rope_dims // 2
    freqs = torch.tensor([config["rope_base"] ** (-2.0 * i / rope_dims) for i in range(half)], dtype=torch.float64)
    angles = torch.arange(positions, dtype=torch.float64)[:, None] * freqs[None, :]
    cos, sin = torch.cos(angles), torch.sin(angles)

    def rope(v):  # v: [heads, positions, head_width]; adjacent pairs (2i, 2i+1), as llama GGUFs
        rotated, rest = v[..., :rope_dims], v[..., rope_dims:]
        a, b = rotated[..., 0::2], rotated[..., 1::2]
        out = torch.stack([a * cos - b * sin, a * sin + b * cos], dim=-1).reshape(rotated.shape)
        return torch.cat([out, rest], dim=-1)

    mask = torch.triu(torch.full((positions, positions), float("-inf"), dtype=torch.float64), diagonal=1)
    for i in range(config["blocks"]):
        p = f"blk.{i}."
        h = rms(x, w[p + "attn_norm.weight"])
        q = (h @ w[p + "attn_q.weight"].T).reshape(positions, heads, head_width).transpose(0, 1)
        k = (h @ w[p + "attn_k.weight"].T).reshape(positions, kv_heads, head_width).transpose(0, 1)
        v = (h @ w[p + "attn_v.weight"].T).reshape(positions, kv_heads, head_width).transpose(0, 1)
        q, k = rope(q), rope(k)
        group = heads // kv_heads
        k = k.repeat_interleave(group, dim=0)
        v = v.repeat_interleave(group, dim=0)
        scores = q @ k.transpose(1, 2) / math.sqrt(head_width) + mask
        attended = (scores.softmax(-1) @ v).transpose(0, 1).reshape(positions, width)
        x = x + attended @ w[p + "attn_output.weight"].T
        h = rms(x, w[p + "ffn_norm.weight"])
        gated = torch.nn.functional.silu(h @ w[p + "ffn_gate.weight"].T) * (h @ w[p + "ffn_up.weight"].T)
        x = x + gated @ w[p + "ffn_down.weight"].T
    first = soft_prompt.shape[0] + len(prompt_tokens) - 1
    predictors = rms(x[first:first + len(completion_tokens)], w["output_norm.weight"])
    output = w.get("output.weight", table)
    logits = predictors @ output.T
    return torch.nn.functional.cross_entropy(logits, torch.tensor(completion_tokens))


def make_gradients():
    import torch

    cases = []
    for name in ["tiny_llama_f32.gguf", "tiny_llama_q4_1.gguf"]:
        config, weights = load_gguf(FIXTURES / name)
        rng = np.random.default_rng(7)
        prompt_length = 4
        soft = rng.normal(0, 0.5, size=(prompt_length, config["width"])).astype(np.float32)
        vocab = weights["token_embd.weight"].shape[0]
        prompt_tokens = [int(t) for t in rng.integers(0, vocab, size=9)]
        completion_tokens = [int(t) for t in rng.integers(0, vocab, size=6)]
        soft_prompt = torch.tensor(soft, dtype=torch.float64, requires_grad=True)
        loss = llama_loss(config, weights, soft_prompt, prompt_tokens, completion_tokens)
        loss.backward()
        with torch.no_grad():
            plain = llama_loss(config, weights, soft_prompt[:0], prompt_tokens, completion_tokens)
        cases.append({
            "model": name,
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "soft_prompt": [float(v) for v in soft.reshape(-1)],
            "prompt_length": prompt_length,
            "loss": loss.item(),
            "loss_without_soft_prompt": plain.item(),
            "gradient": [float(v) for v in soft_prompt.grad.reshape(-1)],
        })
    out = FIXTURES / "soft_prompt_gradients_torch.json"
    out.write_text(json.dumps({"source": "scripts/make_tuning_fixtures.py (PyTorch, float64)", "cases": cases}, indent=1))
    print(f"wrote {out}")


def numpy_loss(config, weights, soft_prompt, prompt_tokens, completion_tokens, split_halves):
    """`llama_loss` in float64 NumPy, with optional q/k/v biases and either RoPE pairing."""
    w = {name: value.astype(np.float64) for name, value in weights.items()}
    table = w["token_embd.weight"]
    x = np.concatenate([soft_prompt, table[prompt_tokens + completion_tokens[:-1]]], axis=0)
    positions, width = x.shape
    heads, kv_heads = config["heads"], config["kv_heads"]
    head_width = width // heads
    rope_dims, eps = config["rope_dims"], config["eps"]
    half = rope_dims // 2
    freqs = np.array([config["rope_base"] ** (-2.0 * i / rope_dims) for i in range(half)])
    angles = np.arange(positions)[:, None] * freqs[None, :]
    cos, sin = np.cos(angles), np.sin(angles)

    def rms(v, weight):
        return v / np.sqrt((v ** 2).mean(-1, keepdims=True) + eps) * weight

    def rope(v):  # [heads, positions, head_width]
        rotated, rest = v[..., :rope_dims], v[..., rope_dims:]
        if split_halves:
            a, b = rotated[..., :half], rotated[..., half:]
            out = np.concatenate([a * cos - b * sin, a * sin + b * cos], axis=-1)
        else:
            a, b = rotated[..., 0::2], rotated[..., 1::2]
            out = np.stack([a * cos - b * sin, a * sin + b * cos], axis=-1).reshape(rotated.shape)
        return np.concatenate([out, rest], axis=-1)

    def linear(h, name):
        y = h @ w[name + ".weight"].T
        return y + w[name + ".bias"] if name + ".bias" in w else y

    mask = np.triu(np.full((positions, positions), -np.inf), k=1)
    group = heads // kv_heads
    for i in range(config["blocks"]):
        p = f"blk.{i}."
        h = rms(x, w[p + "attn_norm.weight"])
        q = rope(linear(h, p + "attn_q").reshape(positions, heads, head_width).transpose(1, 0, 2))
        k = rope(linear(h, p + "attn_k").reshape(positions, kv_heads, head_width).transpose(1, 0, 2))
        v = linear(h, p + "attn_v").reshape(positions, kv_heads, head_width).transpose(1, 0, 2)
        k, v = np.repeat(k, group, axis=0), np.repeat(v, group, axis=0)
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(head_width) + mask
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        probabilities = scores / scores.sum(-1, keepdims=True)
        x = x + (probabilities @ v).transpose(1, 0, 2).reshape(positions, width) @ w[p + "attn_output.weight"].T
        h = rms(x, w[p + "ffn_norm.weight"])
        gate = h @ w[p + "ffn_gate.weight"].T
        x = x + (gate / (1 + np.exp(-gate)) * (h @ w[p + "ffn_up.weight"].T)) @ w[p + "ffn_down.weight"].T
    first = soft_prompt.shape[0] + len(prompt_tokens) - 1
    predictors = rms(x[first:first + len(completion_tokens)], w["output_norm.weight"])
    logits = predictors @ w.get("output.weight", table).T
    top = logits.max(-1, keepdims=True)
    log_norm = top[:, 0] + np.log(np.exp(logits - top).sum(-1))
    return float(np.mean(log_norm - logits[np.arange(len(completion_tokens)), completion_tokens]))


def make_qwen2_gradients():
    name = "tiny_qwen2_f32.gguf"
    config, weights = load_gguf(FIXTURES / name)
    rng = np.random.default_rng(9)
    prompt_length = 3
    soft = rng.normal(0, 0.5, size=(prompt_length, config["width"])).astype(np.float32)
    vocab = weights["token_embd.weight"].shape[0]
    prompt_tokens = [int(t) for t in rng.integers(0, vocab, size=8)]
    completion_tokens = [int(t) for t in rng.integers(0, vocab, size=5)]

    def loss(values):
        return numpy_loss(config, weights, values, prompt_tokens, completion_tokens, split_halves=True)

    base = soft.astype(np.float64)
    step = 1e-5
    gradient = np.zeros_like(base)
    for index in np.ndindex(base.shape):
        plus, minus = base.copy(), base.copy()
        plus[index] += step
        minus[index] -= step
        gradient[index] = (loss(plus) - loss(minus)) / (2 * step)
    case = {
        "model": name,
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "soft_prompt": [float(v) for v in soft.reshape(-1)],
        "prompt_length": prompt_length,
        "loss": loss(base),
        "loss_without_soft_prompt": loss(base[:0]),
        "gradient": [float(v) for v in gradient.reshape(-1)],
    }
    out = FIXTURES / "soft_prompt_gradients_qwen2.json"
    source = "scripts/make_tuning_fixtures.py qwen2-gradients (NumPy float64, central differences)"
    out.write_text(json.dumps({"source": source, "cases": [case]}, indent=1))
    print(f"wrote {out}")


# ---------------------------------------------------------------- pairs

TASK = "PyTorch models for MNIST-1D: input x has shape [batch, 40], the model returns logits of shape [batch, 10]."
OPENING = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n"
MARKER = '"""Metrics:'


def metrics_line(params, accuracy):
    return f"{MARKER} {{'num_params': {params}, 'val_accuracy': {accuracy:.3f}}}\"\"\""


def target(parents):
    smallest = min(p for p, _ in parents)
    best = max(a for _, a in parents)
    size = max(100, int(round(smallest * 0.9 / 100)) * 100)
    accuracy = min(1.0, round(best * 1.02 * 1000) / 1000)
    return size, accuracy


def prompt(parents):
    """`PromptBuilder().prompt(parents:)`, character for character."""
    text = f"# {TASK}\n# Each model is preceded by its number of parameters and validation accuracy.\n\n"
    for code, (params, accuracy) in parents:
        text += metrics_line(params, accuracy) + "\n" + code.strip() + "\n\n"
    params, accuracy = target([m for _, m in parents])
    text += metrics_line(params, accuracy) + "\n" + OPENING
    return text


def make_pairs(out_dir):
    programs = []
    seed_params = json.loads((ROOT / "seeds" / "params.json").read_text())
    for name in sorted(seed_params):
        programs.append((f"seed_{name}", (ROOT / "seeds" / f"{name}.py").read_text(), seed_params[name]))
    models = ROOT / "Tests" / "ArchLangTests" / "Fixtures" / "models"
    for name in json.loads((models / "index.json").read_text()):
        if name.startswith("seed_"):
            continue  # the same programs as seeds/*.py
        params = json.loads((models / f"{name}.json").read_text())["params"]
        programs.append((name, (models / f"{name}.py").read_text(), params))
    rng = random.Random(0)
    # The programs were not trained for this set: the accuracies in the prompts are a fixed pseudo-random draw
    # (prompt text only; nothing reads them as results).
    accuracy = {name: round(rng.uniform(0.55, 0.9), 3) for name, _, _ in programs}
    pairs = []
    for i, (name, code, params) in enumerate(programs):
        others = [p for j, p in enumerate(programs) if j != i]
        parents = rng.sample(others, 2)
        text = prompt([(c, (n_params, accuracy[n])) for n, c, n_params in parents])
        completion = code[len(OPENING):] if code.startswith(OPENING) else code
        pairs.append({
            "child": name,
            "parents": [n for n, _, _ in parents],
            "parent_metrics": [[n_params, accuracy[n]] for n, _, n_params in parents],
            "prompt": text,
            "completion": completion,
        })
    rng.shuffle(pairs)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    split = (len(pairs) * 2) // 3
    for file_name, part in [("train.jsonl", pairs[:split]), ("eval.jsonl", pairs[split:])]:
        with open(out / file_name, "w") as f:
            for pair in part:
                f.write(json.dumps(pair) + "\n")
        print(f"wrote {out / file_name}: {len(part)} pairs")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "gradients":
        make_gradients()
    elif len(sys.argv) >= 2 and sys.argv[1] == "qwen2-gradients":
        make_qwen2_gradients()
    elif len(sys.argv) >= 3 and sys.argv[1] == "pairs":
        make_pairs(sys.argv[2])
    else:
        sys.exit(__doc__)
