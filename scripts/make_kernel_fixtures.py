#!/usr/bin/env python3
"""Writes Tests/LanguageModelsTests/Fixtures/kernels.gguf: weight matrices of the quantised types whose fused dot
products the runtime computes on the blocks (Q4_0, Q4_1, Q5_0, Q8_0, Q4_K, Q6_K), input vectors, and the exact
products each kernel must reproduce.

    .venv/bin/python scripts/make_kernel_fixtures.py      # needs the `gguf` and `numpy` packages

For each type `t`: tensor `t` ([rows, columns] blocks made by the gguf package's quantiser, or random well-formed
blocks for the K-quants, which it cannot quantise), `t.expected` ([inputs, rows]): W·x in float64 with W decoded by
the gguf package's dequantiser and x quantised to 8 bits as ggml quantises activations (Q8_0 blocks of 32 for
Q4_0/Q5_0/Q8_0, Q8_1 for Q4_1, Q8_K blocks of 256 for the K-quants); `q5_0.decoded`: the gguf package's decoding of
`q5_0` (the other types' decoders are checked with tensors.gguf). The inputs are tensor `inputs`
([inputs, columns]); `inputs` has a zero block and ties so that edge cases of the quantisers are exercised.
Seeded: a rerun writes the same file.
"""
import os

import numpy as np
import gguf
from gguf import GGMLQuantizationType as T
from gguf import quants

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "Tests", "LanguageModelsTests", "Fixtures", "kernels.gguf")
ROWS, COLUMNS, INPUTS = 12, 512, 6


def f16(x):
    return np.float32(np.float16(x))


def q8_blocks(x):
    """ggml's Q8_0/Q8_1 activation: scale max/127 stored as F16, quanta round(x · 127/max), half to even."""
    values, scales = [], []
    for block in x.reshape(-1, 32).astype(np.float32):
        largest = np.float32(np.max(np.abs(block)))
        inverse = np.float32(127) / largest if largest != 0 else np.float32(0)
        values.append(np.rint(block * inverse))
        scales.append(f16(largest / np.float32(127)))
    return np.array(values), np.array(scales, dtype=np.float64)


def q8_k(x):
    """ggml's Q8_K activation: scale from the value of largest magnitude (first on ties), sign kept."""
    values, scales = [], []
    for block in x.reshape(-1, 256).astype(np.float32):
        index = int(np.argmax(np.abs(block)))
        if block[index] == 0:
            values.append(np.zeros(256))
            scales.append(0.0)
            continue
        inverse = np.float32(-127) / block[index]
        values.append(np.minimum(127, np.rint(inverse * block)))
        scales.append(float(np.float32(1) / inverse))
    return np.array(values), np.array(scales, dtype=np.float64)


def random_k_blocks(rng, qtype, rows, columns):
    """Random well-formed Q4_K / Q6_K rows (finite F16 scales; every scale, minimum and quantum value occurs)."""
    block_bytes = {T.Q4_K: 144, T.Q6_K: 210}[qtype]
    data = rng.integers(0, 256, size=(rows, columns // 256, block_bytes), dtype=np.uint8)
    scale = np.float16(rng.uniform(0.002, 0.02, size=(rows, columns // 256)))
    if qtype == T.Q4_K:
        data[:, :, 0:2] = scale.view(np.uint8).reshape(rows, columns // 256, 2)
        data[:, :, 2:4] = np.float16(scale * 2).view(np.uint8).reshape(rows, columns // 256, 2)
    else:
        data[:, :, 208:210] = scale.view(np.uint8).reshape(rows, columns // 256, 2)
    return data.reshape(rows, -1)


def expected_products(weights, inputs, qtype, stored):
    if qtype == T.Q4_1:
        return expected_q4_1(weights, inputs, stored)
    if qtype in (T.Q4_K, T.Q6_K):
        activation = [q8_k(x) for x in inputs]
        size = 256
    else:
        activation = [q8_blocks(x) for x in inputs]
        size = 32
    result = np.zeros((len(inputs), weights.shape[0]))
    for i, (values, scales) in enumerate(activation):
        decoded = (values * scales[:, None]).reshape(-1)
        result[i] = weights.astype(np.float64) @ decoded
        assert values.shape[1] == size
    return result.astype(np.float32)


def expected_q4_1(weights, inputs, stored):
    """Q4_1 · Q8_1: the minimum's term uses Q8_1's `s = d·Σq` as stored, in F16."""
    blocks = stored.reshape(ROWS, COLUMNS // 32, 20)
    minimums = blocks[:, :, 2:4].copy().view(np.float16).astype(np.float64)[:, :, 0]
    scaled = weights.astype(np.float64).reshape(ROWS, -1, 32) - minimums[:, :, None]
    result = np.zeros((len(inputs), ROWS))
    for i, x in enumerate(inputs):
        values, scales = q8_blocks(x)
        # Q8_1's s multiplies the unrounded scale max/127 (the stored d is rounded to F16).
        exact = [np.float32(np.max(np.abs(b))) / np.float32(127) for b in x.reshape(-1, 32).astype(np.float32)]
        sums = np.array([f16(d * np.float32(q.sum())) for q, d in zip(values, exact)], dtype=np.float64)
        result[i] = (scaled * (values * scales[:, None])[None]).sum(axis=(1, 2)) + minimums @ sums
    return result.astype(np.float32)


def main():
    rng = np.random.default_rng(12)
    inputs = rng.normal(0, 1, (INPUTS, COLUMNS)).astype(np.float32)
    inputs[1, 256:288] = 0                              # an all-zero Q8_0 block
    inputs[2, :256] = 0                                 # an all-zero Q8_K block
    inputs[3, 0], inputs[3, 1] = 2.5, -2.5              # ties between the largest magnitudes
    inputs[4] *= 40                                     # large activations (the quanta's full range)
    writer = gguf.GGUFWriter(FIXTURE, "kernels")
    writer.add_tensor("inputs", inputs)
    for qtype in [T.Q4_0, T.Q4_1, T.Q5_0, T.Q8_0, T.Q4_K, T.Q6_K]:
        name = qtype.name.lower()
        if qtype in (T.Q4_K, T.Q6_K):
            stored = random_k_blocks(rng, qtype, ROWS, COLUMNS)
        else:
            stored = quants.quantize(rng.normal(0, 0.5, (ROWS, COLUMNS)).astype(np.float32), qtype)
        weights = quants.dequantize(stored, qtype).reshape(ROWS, COLUMNS)
        writer.add_tensor(name, stored, raw_dtype=qtype)
        writer.add_tensor(name + ".expected", expected_products(weights, inputs, qtype, stored))
        if qtype == T.Q5_0:
            writer.add_tensor(name + ".decoded", weights.astype(np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    print(FIXTURE)


if __name__ == "__main__":
    main()
