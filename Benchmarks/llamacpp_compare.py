#!/usr/bin/env python3
"""Decode and prompt-processing speed of llama.cpp (llama-cpp-python) and the embedded Swift runtime, same model,
same prompt, same thread count, greedy, EOS ignored. Runs each side `--runs` times, alternating, and prints the
medians and the best runs as one JSON line (on a shared machine the best run is the least disturbed one).

    python3 Benchmarks/llamacpp_compare.py --model ~/.cache/evoprompting/models/SmolLM2-135M-Instruct.Q4_1.gguf

Needs `pip install llama-cpp-python` (it compiles llama.cpp: about 8 minutes on 2 cores) and a release build.
"""
import argparse, json, os, statistics, subprocess, tempfile, time

PROMPT = ("class Model(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
          "        self.conv1 = nn.Conv1d(1, 25, kernel_size=5, stride=2, padding=1)\n")


def llamacpp_run(llm, tokens):
    llm.reset()
    start = time.perf_counter()
    llm.eval(llm.tokenize(PROMPT.encode(), add_bos=False, special=True))
    prompt_seconds = time.perf_counter() - start
    start = time.perf_counter()
    count = 0
    for token in llm.generate(llm.tokenize(b"", add_bos=False), top_k=1, temp=0.0, reset=False):
        count += 1
        if count >= tokens:
            break
    decode_seconds = time.perf_counter() - start
    n_prompt = len(llm.tokenize(PROMPT.encode(), add_bos=False, special=True))
    return n_prompt / prompt_seconds, count / decode_seconds


def swift_run(binary, model, tokens, threads, prompt_file):
    out = subprocess.run([binary, "lm", "generate", "--model", model, "--prompt-file", prompt_file, "--greedy",
                          "--ignore-eos", "--max-tokens", str(tokens), "--threads", str(threads), "--json"],
                         check=True, capture_output=True, text=True)
    report = json.loads(out.stdout)
    return report["prompt_tokens_per_second"], report["tokens_per_second"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=os.path.expanduser(
        "~/.cache/evoprompting/models/SmolLM2-135M-Instruct.Q4_1.gguf"))
    parser.add_argument("--binary", default=".build/release/evoprompting")
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from llama_cpp import Llama
    llm = Llama(model_path=args.model, n_ctx=1024, n_threads=args.threads, n_threads_batch=args.threads,
                n_batch=512, verbose=False)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write(PROMPT)
        prompt_file = handle.name
    ours, theirs = [], []
    for _ in range(args.runs):
        theirs.append(llamacpp_run(llm, args.tokens))
        ours.append(swift_run(args.binary, args.model, args.tokens, args.threads, prompt_file))
    os.unlink(prompt_file)
    result = {
        "threads": args.threads, "tokens": args.tokens, "runs": args.runs,
        "llamacpp_decode_tps": statistics.median(t[1] for t in theirs),
        "llamacpp_prompt_tps": statistics.median(t[0] for t in theirs),
        "swift_decode_tps": statistics.median(t[1] for t in ours),
        "swift_prompt_tps": statistics.median(t[0] for t in ours),
        "llamacpp_best_decode_tps": max(t[1] for t in theirs),
        "llamacpp_best_prompt_tps": max(t[0] for t in theirs),
        "swift_best_decode_tps": max(t[1] for t in ours),
        "swift_best_prompt_tps": max(t[0] for t in ours),
    }
    result["decode_ratio"] = result["swift_decode_tps"] / result["llamacpp_decode_tps"]
    result["best_decode_ratio"] = result["swift_best_decode_tps"] / result["llamacpp_best_decode_tps"]
    print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()}))


if __name__ == "__main__":
    main()
