#!/usr/bin/env python3
"""llama.cpp's view of Qwen2.5-Coder-0.5B-Instruct on prompts the shared reference does not cover, for the runtime's
agreement tests: Tests/LanguageModelsTests/Fixtures/qwen2.5-coder-0.5b_tokenization_llamacpp.json.

    /work/venvs/llamacpp/bin/python scripts/make_qwen_reference.py --model ~/.cache/evoprompting/models/qwen2.5-coder-0.5b-instruct.gguf

Needs llama-cpp-python (0.3.36 was used; it compiles llama.cpp) and numpy. For every prompt: llama.cpp's tokens
(no BOS, special tokens parsed); for the prompts marked below, its greedy continuation (32 steps or end of
generation), the gap between its best and second-best logit at each step (gaps under 0.25 are numerical ties)
and the log-probability of each greedy token. `shared_reference_logprobs` holds the log-probabilities of the
shared reference's greedy continuations (qwen2.5-coder-0.5b_llamacpp_reference.json). 2 threads, as the runtime.
"""
import argparse
import json
import os

import numpy as np

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "Tests", "LanguageModelsTests", "Fixtures")
SHARED = os.path.join(FIXTURES, "qwen2.5-coder-0.5b_llamacpp_reference.json")
OUTPUT = os.path.join(FIXTURES, "qwen2.5-coder-0.5b_tokenization_llamacpp.json")

# (prompt, continue greedily?)
PROMPTS = [
    ("Héllo wörld! Ça va? Ñandú, straße, ﬁne — «quoted» …", True),
    ("Emoji: 🚀🔥👍🏽 and 👨‍👩‍👧‍👦 family, flags 🇫🇷🇯🇵, keycap 1️⃣", True),
    ("中文分词测试：你好，世界！日本語のテキスト。한국어 문장. Ελληνικά, русский, עברית, العربية", True),
    ("\tdef f(x):\n\t\treturn x  *  2\r\n\r\n\n    # trailing   \n\t", True),
    ("x = torch.nn.Conv1d(1, 25, kernel_size=5)\r\ny=x**2 # \u00a0nbsp\u2003em\u200bzero-width\u00a0\u00a0end", True),
    ("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
     "<|im_start|>user\nWrite a PyTorch 1-D CNN for 40-sample signals and 10 classes.<|im_end|>\n"
     "<|im_start|>assistant\n", True),
    ("<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>\n    return c<|fim_middle|>", True),
    ("Numbers 1234567 3.14159 1e-5 0x1F 12,345.67 and it's they're we'll I'd DON'T", False),
    ("<|endoftext|>text after<|im_end|>\n<|im_start|>", False),
    ("    \n\n\n\t\t  \r\n  spaces   and\ttabs\t\t\n", False),
    ("class Model(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
     "        self.conv1 = nn.Conv1d(1, 32, 5, stride=2, padding=2)\n        self.fc = nn.Linear(", True),
]


def greedy(llm, tokens, steps):
    llm.reset()
    llm.eval(tokens)
    generated, margins = [], []
    ends = {llm.token_eos(), llm.tokenize(b"<|im_end|>", add_bos=False, special=True)[0],
            llm.tokenize(b"<|endoftext|>", add_bos=False, special=True)[0]}
    while len(generated) < steps:
        logits = np.array(llm.scores[llm.n_tokens - 1])
        best, second = np.argsort(logits)[::-1][:2]
        if best in ends:
            break
        generated.append(int(best))
        margins.append(round(float(logits[best] - logits[second]), 4))
        llm.eval([int(best)])
    return generated, margins


def continuation_logprobs(llm, prompt_tokens, continuation):
    """Log-probability of each continuation token: the prompt as one batch, then one token at a time."""
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
    parser.add_argument("--model", default=os.path.expanduser(
        "~/.cache/evoprompting/models/qwen2.5-coder-0.5b-instruct.gguf"))
    parser.add_argument("--steps", type=int, default=32)
    args = parser.parse_args()
    import llama_cpp
    llm = llama_cpp.Llama(model_path=args.model, n_ctx=1024, n_threads=2, n_threads_batch=2, logits_all=True,
                          verbose=False)
    cases = []
    for prompt, continues in PROMPTS:
        tokens = llm.tokenize(prompt.encode(), add_bos=False, special=True)
        case = {"prompt": prompt, "prompt_tokens": tokens}
        if continues:
            case["greedy_tokens"], case["top2_margins"] = greedy(llm, tokens, args.steps)
            case["logprobs"] = continuation_logprobs(llm, tokens, case["greedy_tokens"])
        cases.append(case)
    with open(SHARED) as handle:
        shared = json.load(handle)
    shared_logprobs = [continuation_logprobs(llm, c["prompt_tokens"], c["greedy_tokens"]) for c in shared["cases"]]
    with open(OUTPUT, "w") as handle:
        json.dump({"engine": "llama-cpp-python " + llama_cpp.__version__ + ", 2 threads, greedy, no BOS",
                   "model_sha256": shared["sha256"], "cases": cases,
                   "shared_reference_logprobs": shared_logprobs}, handle, ensure_ascii=False, indent=1)
    print(OUTPUT, len(cases), "cases")


if __name__ == "__main__":
    main()
