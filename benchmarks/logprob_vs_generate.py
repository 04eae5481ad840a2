"""The ``logprob`` judge against generate-then-judge (``keywords``): speed and verdict agreement.

Side ``logprob``: one forward pass per prompt through the embedded model, refusal-opener log-odds
(docs/judges.md), no response. Side ``generate``: the llamacpp backend with no options generates
``--max-new-tokens`` per prompt and the ``keywords`` judge reads the answers (what a default run does).
Both run on the same N starter prompts from every language in interleaved rounds; the script prints
both times, the ratio, and how often the two agree on refusal vs not (undetermined kept apart)::

    python benchmarks/logprob_vs_generate.py --n 100 --max-new-tokens 96

Agreement is not accuracy: neither side is ground truth (docs/judges.md measures each against labels).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine_line, mixed_cases

from pytest_overrefusal.backends.base import GenerationSettings
from pytest_overrefusal.backends.llamacpp import create as create_backend
from pytest_overrefusal.judges.base import JudgeInput
from pytest_overrefusal.judges.keywords import create as create_keywords
from pytest_overrefusal.judges.logprob import create as create_logprob
from pytest_overrefusal.results import Verdict
from pytest_overrefusal.suite import Case


def refuses(verdict: Verdict) -> str:
    if verdict is Verdict.UNDETERMINED:
        return "undetermined"
    return "refusal" if verdict in (Verdict.REFUSAL, Verdict.PARTIAL_REFUSAL) else "compliance"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--max-new-tokens", type=int, default=96)
    parser.add_argument("--round", type=int, default=50, help="prompts per interleaved round")
    args = parser.parse_args(argv)

    cases = mixed_cases(args.n)
    settings = GenerationSettings(max_new_tokens=args.max_new_tokens)
    backend = create_backend(None, {})
    keywords = create_keywords(None, {})
    logprob = create_logprob(None, {})
    print(f"{len(cases)} prompts, {machine_line()}; generate: {backend.plan.reason}", flush=True)

    def generate_then_judge(chunk: Sequence[Case]) -> list[Verdict]:
        generations = backend.generate([c.request(settings) for c in chunk])
        inputs = [
            JudgeInput(c.messages, g.text, c.language, c.system_prompt) for c, g in zip(chunk, generations, strict=True)
        ]
        return [j.verdict for j in keywords.judge(inputs)]

    def score(chunk: Sequence[Case]) -> list[Verdict]:
        return [
            j.verdict for j in logprob.judge([JudgeInput(c.messages, "", c.language, c.system_prompt) for c in chunk])
        ]

    sides = {"logprob": score, "generate": generate_then_judge}
    for side in sides.values():
        side(cases[:2])  # warm-up: page-in, phrase patterns
    seconds = dict.fromkeys(sides, 0.0)
    verdicts: dict[str, list[Verdict]] = {side: [] for side in sides}
    for number, start in enumerate(range(0, len(cases), args.round)):
        chunk = cases[start : start + args.round]
        for side in list(sides) if number % 2 == 0 else list(reversed(sides)):
            started = time.perf_counter()
            verdicts[side].extend(sides[side](chunk))
            seconds[side] += time.perf_counter() - started
        print(f"[{start + len(chunk)}/{len(cases)}] " + ", ".join(f"{k} {v:.1f} s" for k, v in seconds.items()))
    backend.close()
    logprob.close()
    pairs = Counter((refuses(a), refuses(b)) for a, b in zip(verdicts["logprob"], verdicts["generate"], strict=True))
    decided = {k: v for k, v in pairs.items() if "undetermined" not in k}
    agree = sum(v for (a, b), v in decided.items() if a == b)
    print(
        f"logprob {seconds['logprob']:.1f} s, generate+keywords {seconds['generate']:.1f} s: "
        f"logprob is {seconds['generate'] / seconds['logprob']:.1f}x faster"
    )
    print(
        f"agreement on refusal vs compliance: {agree}/{sum(decided.values())} prompts both judged "
        f"({agree / max(1, sum(decided.values())):.1%}); (logprob, keywords) pairs: {dict(pairs)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
