#!/usr/bin/env python3
"""Decode speed, prompt-processing speed and time to first token of llama.cpp (llama-cpp-python) and the embedded
Swift runtime: same GGUF file, same prompt, same thread count, greedy, end-of-sequence ignored. Runs each side
`--runs` times, alternating, and prints the medians and the best runs as one JSON line (on a shared machine the
best run is the least disturbed one), with the load average before and after.

    python3 Benchmarks/llamacpp_compare.py --model ~/.cache/evoprompting/models/qwen2.5-coder-0.5b-instruct.gguf
    python3 Benchmarks/llamacpp_compare.py --model … --prompt-file Benchmarks/prompts/mnist1d_round.txt --tokens 64
    python3 Benchmarks/llamacpp_compare.py --model /work/models/qwen2.5-coder-0.5b-instruct.gguf \
        --swift-model ~/.cache/evoprompting/models/qwen2.5-coder-0.5b-instruct.gguf --prompt-file … --runs 3

Needs llama-cpp-python (it compiles llama.cpp: about 8 minutes on 2 cores) and a release build. The time to first
token is the prompt's processing plus choosing the first token, with the model already loaded.
"""
import argparse, json, os, statistics, subprocess, tempfile, time

PROMPT = ("class Model(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
          "        self.conv1 = nn.Conv1d(1, 25, kernel_size=5, stride=2, padding=1)\n")


def llamacpp_run(llm, prompt, tokens):
    """(prompt tokens/s, decode tokens/s, seconds to the first token) of one run."""
    llm.reset()
    prompt_tokens = llm.tokenize(prompt.encode(), add_bos=False, special=True)
    start = time.perf_counter()
    llm.eval(prompt_tokens)
    prompt_seconds = time.perf_counter() - start
    count = 0
    first_token = None
    start = time.perf_counter()
    for _ in llm.generate([], top_k=1, temp=0.0, reset=False):
        count += 1
        if first_token is None:
            first_token = prompt_seconds + time.perf_counter() - start
            start = time.perf_counter()
        elif count > tokens:
            break
    decode_seconds = time.perf_counter() - start
    return len(prompt_tokens) / prompt_seconds, (count - 1) / decode_seconds, first_token, len(prompt_tokens)


def swift_run(binary, model, tokens, threads, prompt_file):
    out = subprocess.run([binary, "lm", "generate", "--model", model, "--prompt-file", prompt_file, "--greedy",
                          "--ignore-eos", "--max-tokens", str(tokens), "--threads", str(threads), "--json"],
                         check=True, capture_output=True, text=True)
    report = json.loads(out.stdout)
    return (report["prompt_tokens_per_second"], report["tokens_per_second"], report["prompt_seconds"],
            len(report["prompt_tokens"]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=os.path.expanduser(
        "~/.cache/evoprompting/models/qwen2.5-coder-0.5b-instruct.gguf"))
    parser.add_argument("--swift-model", help="the runtime's copy of the same file (default: --model), e.g. the one "
                        "`evoprompting models fetch` stored")
    parser.add_argument("--binary", default=".build/release/evoprompting")
    parser.add_argument("--prompt-file", help="the prompt (default: a 52-token code prompt)")
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from llama_cpp import Llama
    prompt = open(args.prompt_file).read() if args.prompt_file else PROMPT
    load_before = os.getloadavg()
    llm = Llama(model_path=args.model, n_ctx=2048, n_threads=args.threads, n_threads_batch=args.threads,
                n_batch=2048, n_ubatch=512, verbose=False)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write(prompt)
        prompt_file = handle.name
    ours, theirs = [], []
    for _ in range(args.runs):
        theirs.append(llamacpp_run(llm, prompt, args.tokens))
        ours.append(swift_run(args.binary, args.swift_model or args.model, args.tokens, args.threads, prompt_file))
    os.unlink(prompt_file)
    median = lambda runs, i: statistics.median(r[i] for r in runs)
    result = {
        "model": os.path.basename(args.model), "threads": args.threads, "tokens": args.tokens, "runs": args.runs,
        "prompt_tokens": theirs[0][3], "swift_prompt_tokens": ours[0][3],
        "llamacpp_decode_tps": median(theirs, 1), "swift_decode_tps": median(ours, 1),
        "llamacpp_prompt_tps": median(theirs, 0), "swift_prompt_tps": median(ours, 0),
        "llamacpp_first_token_s": median(theirs, 2), "swift_first_token_s": median(ours, 2),
        "llamacpp_best_decode_tps": max(r[1] for r in theirs), "swift_best_decode_tps": max(r[1] for r in ours),
        "llamacpp_best_prompt_tps": max(r[0] for r in theirs), "swift_best_prompt_tps": max(r[0] for r in ours),
        "llamacpp_best_first_token_s": min(r[2] for r in theirs), "swift_best_first_token_s": min(r[2] for r in ours),
        "load_average_before": load_before[0], "load_average_after": os.getloadavg()[0],
    }
    result["decode_ratio"] = result["swift_decode_tps"] / result["llamacpp_decode_tps"]
    result["prompt_ratio"] = result["swift_prompt_tps"] / result["llamacpp_prompt_tps"]
    result["best_decode_ratio"] = result["swift_best_decode_tps"] / result["llamacpp_best_decode_tps"]
    result["best_prompt_ratio"] = result["swift_best_prompt_tps"] / result["llamacpp_best_prompt_tps"]
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}))


if __name__ == "__main__":
    main()
