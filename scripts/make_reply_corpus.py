#!/usr/bin/env python3
"""Records real replies of Qwen2.5-Coder-0.5B-Instruct to the search's own prompts, for the extraction tests.

Each prompt is built by our PromptBuilder (`evoprompting extract --session S --parents A,B --json`) from real
parents: the seeds and children of the shipped sessions, with the metrics those sessions measured. Each prompt is
answered once by llama.cpp (llama-cpp-python), either in the raw few-shot continuation format the search uses with
completion backends (stopped at the search's stop sequences), or through the model's chat template with the search's
system message (PromptBuilder.chatInstruction), at temperatures from 0.2 to 1.0 and top-p 0.95 as the search samples.

Usage (from the repository root, after `swift build -c release`):
  python scripts/make_reply_corpus.py --model qwen2.5-coder-0.5b-instruct.gguf \
      --binary .build/release/evoprompting --out Tests/EvolutionTests/Fixtures/replies

Writes NN-<format>.prompt.txt, NN-<format>.reply.txt and manifest.json (format, temperature, seed, parents, session,
model file and sha256, llama-cpp-python version, seconds).
"""
import argparse
import hashlib
import json
import os
import subprocess
import time

import llama_cpp

SESSIONS = "sessions"
# (session, parents): seeds s1-s4 (CNN, MLP, GRU, large CNN) and evaluated children of the constrained-tuned session.
PLAN = [
    ("mnist1d-quick-constrained-tuned", "s3,s4"),
    ("mnist1d-quick-constrained-tuned", "s1,c10"),
    ("mnist1d-quick-constrained-tuned", "c10,s4"),
    ("mnist1d-quick-constrained-tuned", "s2,s3"),
    ("mnist1d-quick-constrained-tuned", "s4,c14"),
    ("mnist1d-quick-constrained-tuned", "s1,s3"),
    ("mnist1d-quick-constrained-tuned", "c4,s3"),
    ("mnist1d-quick-constrained-tuned", "s3"),
    ("mnist1d-quick-smollm2", "s4,s2"),
    ("mnist1d-quick-constrained-tuned", "c10,c14"),
    ("mnist1d-quick-smollm2", "s1,s4"),
    ("mnist1d-quick-constrained-tuned", "s3,c10"),
    ("mnist1d-quick-constrained-tuned", "c14,s1"),
    ("mnist1d-quick-smollm2", "s2,s1"),
    ("mnist1d-quick-constrained-tuned", "s4,s3"),
    ("mnist1d-quick-constrained-tuned", "c10"),
]
TEMPERATURES = [0.2, 0.4, 0.6, 0.8, 1.0]
STOPS = ['"""Metrics:', "\n\n\n\n"]  # PromptBuilder.stopSequences


def build_prompt(binary, session, parents):
    out = subprocess.run(
        [binary, "extract", "--session", os.path.join(SESSIONS, session), "--parents", parents, "--json"],
        check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--binary", default=".build/release/evoprompting")
    parser.add_argument("--out", default="Tests/EvolutionTests/Fixtures/replies")
    parser.add_argument("--max-tokens", type=int, default=768)  # SearchSettings.maxTokens
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--prompts", type=int, default=len(PLAN), help="answer the plan's prompts up to this one")
    parser.add_argument("--first", type=int, default=0, help="start at this prompt of the plan (to split the work)")
    parser.add_argument("--manifest", default="manifest.json")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    llm = llama_cpp.Llama(model_path=args.model, n_ctx=4096, n_threads=args.threads, verbose=False)
    manifest = {"model": os.path.basename(args.model), "model_sha256": sha256(args.model),
                "llama_cpp_python": llama_cpp.__version__, "top_p": 0.95, "max_tokens": args.max_tokens,
                "replies": []}
    number = 2 * args.first
    # Raw and chat alternate, so an interrupted run still has both formats.
    for session, parents in PLAN[args.first:args.prompts]:
        for fmt in ("raw", "chat"):
            number += 1
            temperature = TEMPERATURES[(number - 1) % len(TEMPERATURES)]
            seed = 1000 + number
            built = build_prompt(args.binary, session, parents)
            started = time.time()
            if fmt == "raw":
                result = llm.create_completion(
                    built["prompt"], max_tokens=args.max_tokens, temperature=temperature, top_p=0.95, seed=seed,
                    stop=STOPS)
                reply = result["choices"][0]["text"]
                finish = result["choices"][0]["finish_reason"]
            else:
                result = llm.create_chat_completion(
                    messages=[{"role": "system", "content": built["system"]},
                              {"role": "user", "content": built["prompt"]}],
                    max_tokens=args.max_tokens, temperature=temperature, top_p=0.95, seed=seed, stop=STOPS)
                reply = result["choices"][0]["message"]["content"]
                finish = result["choices"][0]["finish_reason"]
            seconds = time.time() - started
            stem = f"{number:02d}-{fmt}"
            with open(os.path.join(args.out, stem + ".prompt.txt"), "w") as f:
                f.write(built["prompt"])
            with open(os.path.join(args.out, stem + ".reply.txt"), "w") as f:
                f.write(reply)
            manifest["replies"].append({
                "stem": stem, "format": fmt, "temperature": temperature, "seed": seed, "session": session,
                "parents": parents.split(","), "finish_reason": finish, "seconds": round(seconds, 1)})
            print(f"{stem} T={temperature} parents={parents} {finish} {seconds:.0f}s {len(reply)} chars", flush=True)
            with open(os.path.join(args.out, args.manifest), "w") as f:
                json.dump(manifest, f, indent=1)
                f.write("\n")


if __name__ == "__main__":
    main()
