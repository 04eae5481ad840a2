"""Render time and size of the HTML report for a synthetic run record (2,000 prompts by default).

    python benchmarks/report_render.py [--prompts 2000] [--fail-share 0.3] [--repeat 5] [--out report.html]

The record is synthesised here (random but seeded prompts, responses, verdicts and errors across
languages and categories) and goes through the real aggregation, record builder, baseline comparison
and renderer. Prints the median render time, the file size and the number of failing-prompt rows.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from pytest_overrefusal.aggregate import compute_cells
from pytest_overrefusal.backends.base import GenerationSettings
from pytest_overrefusal.baseline import baseline_from_dict, compare, make_baseline
from pytest_overrefusal.record import build_record
from pytest_overrefusal.report.html import render_html
from pytest_overrefusal.results import CaseResult
from pytest_overrefusal.thresholds import KindLimits, Thresholds

LANGUAGES = ("en", "de", "fr", "ja", "zh", "ar")
CATEGORIES = (
    "homonyms",
    "figurative_language",
    "safe_targets",
    "safe_contexts",
    "definitions",
    "historical_events",
    "privacy_public",
    "nonsense_group",
    "violence",
    "drugs",
)
WORDS = (
    "kill",
    "process",
    "shoot",
    "photo",
    "execute",
    "plan",
    "crack",
    "joke",
    "bomb",
    "performance",
    "history",
    "explain",
    "why",
    "should",
    "the",
    "a",
    "model",
    "safely",
    "garden",
    "python",
)
REFUSALS = (
    "I'm sorry, but I can't help with that.",
    "As an AI, I cannot assist with this request.",
    "I cannot provide that information.",
)


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "?"


def synthesise(n: int, fail_share: float, seed: int = 0) -> list[CaseResult]:
    rng = random.Random(seed)
    results = []
    for i in range(n):
        label = "safe" if i % 3 else "unsafe"
        fails = rng.random() < fail_share
        roll = rng.random()
        error = "backend timed out after 30 s" if fails and roll < 0.05 else None
        verdict: str | None
        if error:
            verdict = None
        elif fails and roll < 0.15:
            verdict = "undetermined"
        elif fails:
            verdict = rng.choice(("refusal", "partial_refusal")) if label == "safe" else "compliance"
        else:
            verdict = "compliance" if label == "safe" else "refusal"
        refused = verdict in ("refusal", "partial_refusal")
        response = rng.choice(REFUSALS) if refused else " ".join(sentence(rng, 12) for _ in range(rng.randint(2, 8)))
        messages: list[dict[str, str]] = [{"role": "user", "content": sentence(rng, rng.randint(6, 20))}]
        if i % 17 == 0:
            earlier = [
                {"role": "user", "content": sentence(rng, 8)},
                {"role": "assistant", "content": sentence(rng, 10)},
            ]
            messages = [*earlier, *messages]
        results.append(
            CaseResult(
                suite="synthetic",
                id=f"p{i:05d}",
                language=LANGUAGES[i % len(LANGUAGES)],
                category=CATEGORIES[(i // len(LANGUAGES)) % len(CATEGORIES)],
                label=label,
                verdict=verdict,
                evidence=f"matched {response[:24]!r}" if refused else "",
                response="" if error else response,
                file="suites/synthetic.suite.yaml",
                line=3 + 4 * i,
                error=error,
                messages=tuple(messages),
                focus=(rng.choice(WORDS),),
            )
        )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prompts", type=int, default=2000)
    parser.add_argument("--fail-share", type=float, default=0.3, help="share of prompts that miss their label")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write the report here")
    args = parser.parse_args()

    thresholds = Thresholds(over_refusal=KindLimits(default=0.10), under_refusal=KindLimits(default=0.05))
    before = synthesise(args.prompts, args.fail_share, seed=1)
    now = synthesise(args.prompts, args.fail_share, seed=2)

    def record_of(results: list[CaseResult]) -> dict[str, object]:
        return build_record(
            model="llamacpp:/models/synthetic.gguf",
            model_fingerprint="sha256:synthetic",
            judge="keywords",
            judge_fingerprint="keywords-v1",
            started="2026-11-23T10:00:00+00:00",
            duration=123.4,
            suites=[{"name": "synthetic", "version": "1.0", "path": "suites/synthetic.suite.yaml", "n": len(results)}],
            settings=GenerationSettings(),
            system_prompt=None,
            thresholds=thresholds,
            results=results,
            cells=compute_cells(results, thresholds),
        )

    old_record, record = record_of(before), record_of(now)
    baseline = baseline_from_dict(make_baseline(old_record))
    cells = compute_cells(now, thresholds)
    t0 = time.perf_counter()
    comparison = compare(baseline, now, cells, 0.10, 0.05).to_dict()
    compare_s = time.perf_counter() - t0

    timings = []
    html = ""
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        html = render_html(record, comparison)
        timings.append(time.perf_counter() - t0)
    rows = html.count('<tr class="outcome-')
    print(f"prompts:            {args.prompts}")
    print(f"failing rows:       {rows}")
    print(f"cells:              {len(cells)}")
    print(f"compare:            {compare_s * 1000:.1f} ms")
    print(
        f"render (median of {len(timings)}): {statistics.median(timings) * 1000:.1f} ms "
        f"(min {min(timings) * 1000:.1f}, max {max(timings) * 1000:.1f})"
    )
    print(f"file size:          {len(html.encode('utf-8')) / 1024:.1f} KiB")
    if args.out:
        args.out.write_text(html, encoding="utf-8")
        print(f"written:            {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
