"""Speed of the ``logprob`` judge against generating responses, on the same prompts and the same model.

The logprob judge replaces generation (``max_new_tokens`` decoding steps per prompt) with one
forward pass over the prompt. This script times, on N prompts from the starter suites:

* generation with the llamacpp backend (batched decoding, as a keyword-judged run does it);
* logprob scoring, many prompts per ``llama_decode`` (``parallel`` sequences, the default);
* logprob scoring one prompt at a time (``parallel=1``), to show what batching buys on this machine;

and prints each time, the time per prompt, and the speed-up of each scorer over generating. Models
are loaded and warmed up before timing; loading is reported separately::

    python benchmarks/logprob_speed.py --n 64
    python benchmarks/logprob_speed.py --n 118 --suite suites/en.suite.yaml --max-new-tokens 96

On a shared machine wall time depends on what else runs; run it when the machine is quiet.
Recorded in docs/judges.md.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import sys
import time
from pathlib import Path

from pytest_overrefusal.backends.base import GenerationSettings
from pytest_overrefusal.judges.base import JudgeInput
from pytest_overrefusal.judges.logprob import create as create_logprob
from pytest_overrefusal.registry import BACKEND_GROUP, build
from pytest_overrefusal.suite import Case, load_suite

REPO = Path(__file__).resolve().parents[1]


def _cases(patterns: list[str], n: int) -> list[Case]:
    paths = sorted({p for pattern in patterns for p in glob.glob(pattern)})
    if not paths:
        sys.exit(f"no suite files match {patterns}")
    # Round-robin over the suites, so that a small N still covers every language.
    per_suite = [list(load_suite(p)) for p in paths]
    mixed = [c for group in itertools.zip_longest(*per_suite) for c in group if c is not None]
    return mixed[:n]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="llamacpp", help="llamacpp[:FILE.gguf] (default: the embedded model)")
    parser.add_argument("--suite", action="append", default=None, help="suite files (default: suites/*.suite.yaml)")
    parser.add_argument("--n", type=int, default=64, help="number of prompts (default 64)")
    parser.add_argument("--max-new-tokens", type=int, default=96, help="tokens generated per prompt (default 96)")
    parser.add_argument("--parallel", type=int, default=16, help="sequences per batch, both sides (default 16)")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (default: the backend's choice)")
    args = parser.parse_args()

    cases = _cases(args.suite or [str(REPO / "suites" / "*.suite.yaml")], args.n)
    options = {"parallel": str(args.parallel)}
    if args.threads:
        options["threads"] = str(args.threads)
    settings = GenerationSettings(max_new_tokens=args.max_new_tokens)
    requests = [case.request(settings) for case in cases]
    inputs = [JudgeInput(c.messages, "", c.language, c.system_prompt) for c in cases]
    languages = sorted({c.language for c in cases})
    print(f"{len(cases)} prompts in {len(languages)} languages ({', '.join(languages)}), model {args.model}")

    started = time.perf_counter()
    backend = build(BACKEND_GROUP, args.model, options)
    print(f"load backend: {time.perf_counter() - started:.1f} s")
    backend.generate(requests[:2])
    started = time.perf_counter()
    generations = backend.generate(requests)
    generate_s = time.perf_counter() - started
    tokens = sum(g.tokens or 0 for g in generations)
    backend.close()
    print(
        f"generate ({args.max_new_tokens} new tokens max, parallel {args.parallel}): {generate_s:.2f} s, "
        f"{1000 * generate_s / len(cases):.0f} ms per prompt, {tokens / generate_s:.0f} generated tokens/s"
    )

    results: dict[str, float] = {}
    for label, parallel in (("batched", args.parallel), ("sequential", 1)):
        judge_options = {f"backend.{k}": v for k, v in options.items()}
        judge_options["backend.parallel"] = str(parallel)
        started = time.perf_counter()
        judge = create_logprob(args.model, judge_options)
        load_s = time.perf_counter() - started
        judge.scores(inputs[:2])
        started = time.perf_counter()
        scored = judge.scores(inputs)
        seconds = time.perf_counter() - started
        judge.close()
        failed = sum(isinstance(s, str) for s in scored)
        results[label] = seconds
        print(
            f"logprob {label} (parallel {parallel}): {seconds:.2f} s, {1000 * seconds / len(cases):.0f} ms per "
            f"prompt (load {load_s:.1f} s{f', {failed} unscored' if failed else ''})"
        )
    print(
        f"speed-up over generating: batched {generate_s / results['batched']:.1f}x, "
        f"sequential {generate_s / results['sequential']:.1f}x; "
        f"batched vs sequential scoring {results['sequential'] / results['batched']:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
