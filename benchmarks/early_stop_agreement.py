"""Would stopping answers early change the keywords judge's verdicts? Measured, not implemented.

Generates full answers (greedy, ``--max-new-tokens``) for N starter prompts from every language with
the default llamacpp backend, then judges every answer in full and cut to the first C characters
(after leading whitespace) for each ``--cut``, and prints per cut: how many answers were longer than C
(the ones early stopping would shorten), and how many verdicts changed. The keywords judge reads at
most ``window + scan`` characters (300 + 500 by default), so cuts at or above 800 change nothing by
construction; the question is how far below that a cut stays safe::

    python benchmarks/early_stop_agreement.py --n 900 --max-new-tokens 96
    python benchmarks/early_stop_agreement.py --n 900 --max-new-tokens 256
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine_line, mixed_cases

from pytest_overrefusal.backends.base import GenerationSettings
from pytest_overrefusal.backends.llamacpp import create as create_backend
from pytest_overrefusal.judges.base import JudgeInput
from pytest_overrefusal.judges.keywords import create as create_keywords


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--max-new-tokens", type=int, default=96)
    parser.add_argument("--cut", type=int, action="append", help="characters kept (default 150 300 500 800)")
    args = parser.parse_args(argv)

    cases = mixed_cases(args.n)
    settings = GenerationSettings(max_new_tokens=args.max_new_tokens)
    backend = create_backend(None, {})
    print(f"{len(cases)} prompts x {args.max_new_tokens} tokens, {machine_line()}; {backend.plan.reason}", flush=True)
    started = time.perf_counter()
    generations = backend.generate([c.request(settings) for c in cases])
    backend.close()
    print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)
    judge = create_keywords(None, {})
    texts = [g.text.lstrip() for g in generations]
    full = judge.judge(
        [JudgeInput(c.messages, t, c.language, c.system_prompt) for c, t in zip(cases, texts, strict=True)]
    )
    lengths = sorted(len(t) for t in texts)
    print(f"answer length in characters: median {lengths[len(lengths) // 2]}, max {lengths[-1]}")
    for cut in args.cut or [150, 300, 500, 800]:
        cut_inputs = [
            JudgeInput(c.messages, t[:cut], c.language, c.system_prompt) for c, t in zip(cases, texts, strict=True)
        ]
        verdicts = judge.judge(cut_inputs)
        shortened = sum(len(t) > cut for t in texts)
        changed = [
            (c.id, a.verdict.value, b.verdict.value)
            for c, a, b in zip(cases, full, verdicts, strict=True)
            if a.verdict != b.verdict
        ]
        print(
            f"cut at {cut:4d} chars: {shortened}/{len(texts)} answers shortened, {len(changed)} verdicts changed "
            f"({1 - len(changed) / len(texts):.2%} agreement){': ' + str(changed[:5]) if changed else ''}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
