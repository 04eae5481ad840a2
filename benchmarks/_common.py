"""Shared pieces of the two-sided benchmarks: prompt selection, timing tallies and interleaved rounds.

Every two-sided benchmark runs its sides in alternating rounds on the same prompts (which side goes
first alternates too), so that both see the same machine load even when other jobs come and go, and
prints both sides and their ratio from one run.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pytest_overrefusal.suite import Case, load_suite

REPO = Path(__file__).resolve().parents[1]

# A side takes a chunk of items and returns (text, generated tokens) per item.
Side = Callable[[Sequence[Any]], list[tuple[str, int]]]


def mixed_cases(n: int, suites: Path = REPO / "suites") -> list[Case]:
    """N starter prompts, round-robin over the suite files so that every language is in a small N."""
    per_suite = [list(load_suite(p)) for p in sorted(suites.glob("*.suite.yaml"))]
    if not per_suite:
        raise SystemExit(f"no prompts: {suites} has no *.suite.yaml files")
    mixed = [c for group in itertools.zip_longest(*per_suite) for c in group if c is not None]
    return list(itertools.islice(itertools.cycle(mixed), n))


def machine_line() -> str:
    return f"cpus={os.cpu_count()}, affinity={len(os.sched_getaffinity(0))}, load={os.getloadavg()[0]:.1f}"


@dataclass
class Tally:
    wall: float = 0.0
    cpu: float = 0.0
    tokens: int = 0
    texts: list[str] = field(default_factory=list)

    def rate(self) -> float:
        return self.tokens / self.wall if self.wall else 0.0


def report(label: str, tallies: dict[str, Tally], names: tuple[str, str]) -> float | None:
    """Print every side, then side 0 over side 1 (tokens/s and wall time); returns the tokens/s ratio."""
    for side, t in tallies.items():
        if t.wall:
            print(
                f"{label} {side:10s} wall {t.wall:8.1f} s  cpu {t.cpu:8.1f} s  {t.tokens:6d} tokens  "
                f"{t.rate():7.1f} tok/s",
                flush=True,
            )
    a, b = tallies[names[0]], tallies[names[1]]
    if not (a.wall and b.wall and a.tokens and b.tokens):
        return None
    same = sum(x == y for x, y in zip(a.texts, b.texts, strict=False))
    ratio = a.rate() / b.rate()
    print(
        f"{label} ratio {names[0]}/{names[1]}: {ratio:.2f}x tokens/s, {b.wall / a.wall:.2f}x wall time; "
        f"identical texts {same}/{min(len(a.texts), len(b.texts))}; load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    return ratio


def interleave(
    sides: dict[str, Side], items: Sequence[Any], round_size: int, names: tuple[str, str]
) -> tuple[float | None, dict[str, Tally]]:
    """Run both sides over ``items`` in alternating rounds; print running and final figures."""
    tallies = {side: Tally() for side in sides}
    for number, start in enumerate(range(0, len(items), round_size)):
        chunk = items[start : start + round_size]
        order = list(sides) if number % 2 == 0 else list(reversed(sides))
        for side in order:
            wall0, cpu0 = time.perf_counter(), time.process_time()
            out = sides[side](chunk)
            tally = tallies[side]
            tally.wall += time.perf_counter() - wall0
            tally.cpu += time.process_time() - cpu0
            for text, tokens in out:
                tally.texts.append(text)
                tally.tokens += tokens
        report(f"[{start + len(chunk):4d}/{len(items)}]", tallies, names)
    return report("total", tallies, names), tallies
