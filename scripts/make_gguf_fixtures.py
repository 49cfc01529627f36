#!/usr/bin/env python3
"""Writes the small GGUF test fixtures of the LanguageModels tests, and the references they are checked against.

    python3 scripts/make_gguf_fixtures.py [--model SmolLM2-135M-Instruct.Q4_1.gguf]

Needs the `gguf` and `numpy` packages; the references also need `llama-cpp-python` (it compiles llama.cpp,
about 8 minutes on 2 cores). Everything is seeded, so a rerun rewrites the same files.

Files written to Tests/LanguageModelsTests/Fixtures/:
- tensors.gguf: one tensor of each supported type (F32, F16, BF16, Q4_0, Q4_1, Q8_0, Q4_K, Q6_K) next to
  `<name>.expected`, its dequantisation by the gguf package's numpy reference, plus metadata of every value type.
- tiny_llama_{f32,f16,bf16,q8_0,q4_0,q4_1}.gguf: the same random two-layer `llama` model (width 32, 4 heads, 2 KV heads,
  FFN 64) stored in each type; the q4_1 one carries a SentencePiece (`llama`) vocabulary, the others a byte-level
  BPE (`gpt2`) one with the `smollm` (f32, f16, bf16), `llama-bpe` (q8_0) and `qwen2` (q4_0) pre-tokenizers. tiny_qwen2_f32.gguf: a `qwen2` model with q/k/v biases and an untied output matrix.
- tiny_models_llamacpp.json: llama.cpp's logits for a token sequence on each tiny model, and its tokenisation of
  test strings with each tiny vocabulary.
- smollm2_tokenization_llamacpp.json (with --model): llama.cpp's tokenisation of unicode, emoji, CJK, tab, code
  and special-token prompts by SmolLM2, its greedy continuation of two of them with the gap between the best
  and second-best logit at each step, and its log-probabilities of every greedy continuation (also of the shared
  reference's cases, copied here as smollm2_llamacpp_reference.json).
"""
import argparse
import json
import os

import numpy as np
import gguf
from gguf import GGMLQuantizationType as T
from gguf import quants

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "Tests", "LanguageModelsTests", "Fixtures")


def byte_alphabet():
    """GPT-2's byte-to-unicode map."""
    printable = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
    table, extra = {}, 0
    for b in range(256):
        if b in printable:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + extra)
            extra += 1
    return [table[b] for b in range(256)]


def add_bpe_vocab(writer, pre="smollm"):
    tokens = byte_alphabet()
    # Merges that cross the boundaries where the pre-tokenizers differ (digit runs, spaces, newlines, contractions),
    # so that each pre-tokenizer gives different ids.
    merges = ["Ġ t", "h e", "Ġt he", "i n", "Ġ a", "Ġ i", "Ġi n", "1 2", "12 3", "4 5", "Ġ 1", "Ġ Ġ", "Ċ Ċ",
              "' S", "' R", "'R E", "Ġ !", "! !", "Ġ x", "a ,", "Ġ ä¸", "ä¸ Ń"]
    tokens += [m.replace(" ", "") for m in merges]
    types = [1] * len(tokens)
    for special in ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]:
        tokens.append(special)
        types.append(3)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre(pre)
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    writer.add_token_merges(merges)
    writer.add_bos_token_id(tokens.index("<|endoftext|>"))
    writer.add_eos_token_id(tokens.index("<|endoftext|>"))
    writer.add_add_bos_token(False)
    return len(tokens)


def add_spm_vocab(writer):
    tokens = ["<unk>", "<s>", "</s>"] + ["<0x%02X>" % b for b in range(256)]
    types = [2, 3, 3] + [6] * 256
    scores = [0.0] * len(tokens)
    pieces = ["▁", "e", "t", "h", "a", "i", "n", "g", "s", "o", "▁t", "he", "▁the", "in", "▁a", "▁in", "ing",
              "▁th", "▁s", "on", "▁on", "▁thing", "th", "ng"]
    for rank, piece in enumerate(pieces):
        tokens.append(piece)
        types.append(1)
        scores.append(-float(rank))
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    writer.add_token_scores(scores)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_unk_token_id(0)
    writer.add_add_bos_token(True)
    writer.add_add_space_prefix(True)
    return len(tokens)


def store(writer, name, array, qtype):
    if qtype == T.F32:
        writer.add_tensor(name, array.astype(np.float32))
    elif qtype == T.F16:
        writer.add_tensor(name, array.astype(np.float16))
    elif qtype == T.BF16:
        writer.add_tensor(name, quants.quantize(array.astype(np.float32), qtype), raw_dtype=qtype)
    else:
        writer.add_tensor(name, quants.quantize(array.astype(np.float32), qtype), raw_dtype=qtype)


def write_tiny_model(path, arch, qtype, vocab, seed, biases=False, untied=False):
    rng = np.random.default_rng(seed)
    dim, ffn, heads, kv_heads, layers = 32, 64, 4, 2, 2
    head_dim = dim // heads
    writer = gguf.GGUFWriter(path, arch)
    writer.add_block_count(layers)
    writer.add_context_length(256)
    writer.add_embedding_length(dim)
    writer.add_feed_forward_length(ffn)
    writer.add_head_count(heads)
    writer.add_head_count_kv(kv_heads)
    writer.add_rope_freq_base(10000.0)
    writer.add_rope_dimension_count(head_dim)
    writer.add_layer_norm_rms_eps(1e-5)
    n_vocab = vocab(writer)
    writer.add_vocab_size(n_vocab)
    scale = 0.4
    store(writer, "token_embd.weight", rng.normal(0, 1, (n_vocab, dim)), qtype)
    writer.add_tensor("output_norm.weight", (1 + 0.1 * rng.normal(size=dim)).astype(np.float32))
    if untied:
        store(writer, "output.weight", rng.normal(0, scale, (n_vocab, dim)), qtype)
    for layer in range(layers):
        prefix = f"blk.{layer}."
        writer.add_tensor(prefix + "attn_norm.weight", (1 + 0.1 * rng.normal(size=dim)).astype(np.float32))
        writer.add_tensor(prefix + "ffn_norm.weight", (1 + 0.1 * rng.normal(size=dim)).astype(np.float32))
        store(writer, prefix + "attn_q.weight", rng.normal(0, scale, (dim, dim)), qtype)
        store(writer, prefix + "attn_k.weight", rng.normal(0, scale, (kv_heads * head_dim, dim)), qtype)
        store(writer, prefix + "attn_v.weight", rng.normal(0, scale, (kv_heads * head_dim, dim)), qtype)
        store(writer, prefix + "attn_output.weight", rng.normal(0, scale, (dim, dim)), qtype)
        store(writer, prefix + "ffn_gate.weight", rng.normal(0, scale, (ffn, dim)), qtype)
        store(writer, prefix + "ffn_up.weight", rng.normal(0, scale, (ffn, dim)), qtype)
        store(writer, prefix + "ffn_down.weight", rng.normal(0, scale, (dim, ffn)), qtype)
        if biases:
            writer.add_tensor(prefix + "attn_q.bias", rng.normal(0, 0.5, dim).astype(np.float32))
            writer.add_tensor(prefix + "attn_k.bias", rng.normal(0, 0.5, kv_heads * head_dim).astype(np.float32))
            writer.add_tensor(prefix + "attn_v.bias", rng.normal(0, 0.5, kv_heads * head_dim).astype(np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def random_k_blocks(rng, qtype, rows):
    """Random but well-formed Q4_K / Q6_K rows of 256 values (finite F16 scales)."""
    block_bytes = {T.Q4_K: 144, T.Q6_K: 210}[qtype]
    data = rng.integers(0, 256, size=(rows, block_bytes), dtype=np.uint8)
    if qtype == T.Q4_K:
        data[:, 0:2] = np.frombuffer(np.float16(0.01).tobytes(), dtype=np.uint8)
        data[:, 2:4] = np.frombuffer(np.float16(0.02).tobytes(), dtype=np.uint8)
    else:
        data[:, 208:210] = np.frombuffer(np.float16(0.003).tobytes(), dtype=np.uint8)
    return data


def write_tensor_fixture(path):
    rng = np.random.default_rng(7)
    writer = gguf.GGUFWriter(path, "test")
    writer.add_uint8("test.uint8", 200)
    writer.add_int8("test.int8", -100)
    writer.add_uint16("test.uint16", 60000)
    writer.add_int16("test.int16", -30000)
    writer.add_uint32("test.uint32", 4000000000)
    writer.add_int32("test.int32", -2000000000)
    writer.add_float32("test.float32", 1.5)
    writer.add_uint64("test.uint64", 1 << 40)
    writer.add_int64("test.int64", -(1 << 40))
    writer.add_float64("test.float64", 2.25)
    writer.add_bool("test.bool", True)
    writer.add_string("test.string", "héllo ✓")
    writer.add_array("test.array", [1, 2, 3])
    writer.add_array("test.strings", ["a", "bc"])
    values = rng.normal(0, 1, (4, 256)).astype(np.float32)
    for qtype in [T.F32, T.F16, T.BF16, T.Q4_0, T.Q4_1, T.Q8_0]:
        name = qtype.name.lower()
        if qtype == T.F32:
            stored, expected = values, values
        else:
            stored = quants.quantize(values, qtype)
            expected = quants.dequantize(stored, qtype)
        if qtype == T.F16:
            writer.add_tensor(name, stored)
        elif qtype == T.F32:
            writer.add_tensor(name, stored)
        else:
            writer.add_tensor(name, stored, raw_dtype=qtype)
        writer.add_tensor(name + ".expected", np.asarray(expected, dtype=np.float32).reshape(4, 256))
    for qtype in [T.Q4_K, T.Q6_K]:
        name = qtype.name.lower()
        stored = random_k_blocks(rng, qtype, 4)
        writer.add_tensor(name, stored, raw_dtype=qtype)
        writer.add_tensor(name + ".expected", quants.dequantize(stored, qtype).astype(np.float32).reshape(4, 256))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


TINY_TEXTS = ["the thing in a thing", "  the\tin\n\nthe  ", "héllo wörld 123 ✓", "<|im_start|>the<|im_end|>\n",
              "sing on the string", "It'S 12345 they'RE\r\n\n  x  \n", "a,b;; !!x 7z ¼½ 中文"]

SMOLLM_PROMPTS = [
    "Héllo wörld! Ça va? Ñandú, straße, ﬁne.",
    "Emoji: 🚀🔥👍🏽 and 👨‍👩‍👧‍👦 family",
    "中文分词测试：你好，世界！日本語のテキスト。한국어 문장.",
    "\tdef f(x):\n\t\treturn x  *  2\n\n\n    # trailing   ",
    "<|im_start|>system\nYou are a helpful AI assistant.<|im_end|>\n<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n",
    "Numbers 1234567 3.14159 1e-5 0x1F and it's they're we'll I'd",
    "x = torch.nn.Conv1d(1, 25, kernel_size=5)\r\ny=x**2 # \u00a0nbsp\u2003em",
    "<|endoftext|>text after<|im_end|>",
]


def llama_cpp_references(model_path):
    from llama_cpp import Llama
    result = {}
    sequence = [260, 116, 104, 101, 32, 262, 105, 110, 10, 263, 97, 98, 99, 32, 33]
    for name in ["tiny_llama_f32", "tiny_llama_f16", "tiny_llama_bf16", "tiny_llama_q8_0", "tiny_llama_q4_0",
                 "tiny_llama_q4_1", "tiny_qwen2_f32"]:
        path = os.path.join(FIXTURES, name + ".gguf")
        llm = Llama(model_path=path, n_ctx=64, n_threads=1, logits_all=True, verbose=False)
        tokens = [t % llm.n_vocab() for t in sequence]
        llm.eval(tokens)
        positions = [0, len(tokens) // 2, len(tokens) - 1]
        logits = {str(i): [round(float(v), 5) for v in llm.scores[i]] for i in positions}
        tokenized = {text: llm.tokenize(text.encode(), add_bos=False, special=True) for text in TINY_TEXTS}
        result[name] = {"tokens": tokens, "logits": logits, "tokenization": tokenized}
        del llm
    with open(os.path.join(FIXTURES, "tiny_models_llamacpp.json"), "w") as handle:
        json.dump(result, handle, ensure_ascii=False)
    if model_path:
        llm = Llama(model_path=model_path, n_ctx=512, n_threads=2, logits_all=True, verbose=False)
        cases = []
        for i, prompt in enumerate(SMOLLM_PROMPTS):
            tokens = llm.tokenize(prompt.encode(), add_bos=False, special=True)
            case = {"prompt": prompt, "prompt_tokens": tokens}
            if i in (4, 5):
                llm.reset()
                llm.eval(tokens)
                generated, margins = [], []
                while len(generated) < 24:
                    logits = np.array(llm.scores[llm.n_tokens - 1])
                    best, second = np.argsort(logits)[::-1][:2]
                    if best == llm.token_eos():
                        break
                    generated.append(int(best))
                    margins.append(round(float(logits[best] - logits[second]), 4))
                    llm.eval([int(best)])
                case["greedy_tokens"] = generated
                case["top2_margins"] = margins
            cases.append(case)
        for case in cases:
            if "greedy_tokens" in case:
                case["logprobs"] = continuation_logprobs(llm, case["prompt_tokens"], case["greedy_tokens"])
        shared = os.path.join(os.path.dirname(__file__), "..", "Tests", "LanguageModelsTests", "Fixtures",
                              "smollm2_llamacpp_reference.json")
        with open(shared) as handle:
            reference = json.load(handle)
        reference_logprobs = [continuation_logprobs(llm, case["prompt_tokens"], case["greedy_tokens"])
                              for case in reference["cases"]]
        with open(os.path.join(FIXTURES, "smollm2_tokenization_llamacpp.json"), "w") as handle:
            json.dump({"engine": "llama-cpp-python " + __import__("llama_cpp").__version__, "cases": cases,
                       "shared_reference_logprobs": reference_logprobs}, handle, ensure_ascii=False, indent=1)


def continuation_logprobs(llm, prompt_tokens, continuation):
    """llama.cpp's log-probability of each continuation token: prompt as one batch, then one token at a time."""
    llm.reset()
    llm.eval(prompt_tokens)
    result = []
    for token in continuation:
        logits = np.array(llm.scores[llm.n_tokens - 1], dtype=np.float64)
        top = logits.max()
        result.append(round(float(logits[token] - top - np.log(np.exp(logits - top).sum())), 6))
        llm.eval([token])
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", help="SmolLM2-135M-Instruct.Q4_1.gguf, for its tokenisation reference")
    args = parser.parse_args()
    os.makedirs(FIXTURES, exist_ok=True)
    write_tensor_fixture(os.path.join(FIXTURES, "tensors.gguf"))
    for qtype, pre in [(T.F32, "smollm"), (T.F16, "smollm"), (T.BF16, "smollm"), (T.Q8_0, "llama-bpe"),
                       (T.Q4_0, "qwen2")]:
        write_tiny_model(os.path.join(FIXTURES, f"tiny_llama_{qtype.name.lower()}.gguf"), "llama", qtype,
                         lambda writer: add_bpe_vocab(writer, pre), seed=1)
    write_tiny_model(os.path.join(FIXTURES, "tiny_llama_q4_1.gguf"), "llama", T.Q4_1, add_spm_vocab, seed=1)
    write_tiny_model(os.path.join(FIXTURES, "tiny_qwen2_f32.gguf"), "qwen2", T.F32, add_bpe_vocab, seed=2,
                     biases=True, untied=True)
    llama_cpp_references(args.model)


if __name__ == "__main__":
    main()
