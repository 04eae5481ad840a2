"""Stratified sampling of suite prompts, for pull-request CI on a fraction of the suites.

``--overrefusal-sample=N`` keeps at most N of the selected prompts, in proportion across
suite x language x category x label, so that every language and category keeps its share. Two rules
hold whatever N is:

* contrast twins stay together (a safe prompt and its unsafe twin measure one boundary: sampling one
  without the other would measure over-refusal without under-refusal on that pair), and a multi-turn
  conversation is one case, so it is always whole;
* the choice is a pure function of the selected prompts' keys and the seed: every pytest process
  (the controller and each xdist worker) computes the same sample, and runs are repeatable. Within a
  stratum, units are ranked by a hash of (seed, suite, id) rather than by a shuffle of the whole list,
  so adding a prompt to a suite changes another stratum's choice by at most the one unit its quota
  gains or loses through rounding.

Allocation is proportional with largest remainders (Hamilton's method), level by level: first over
suite x language, then over categories within each, then over the label groups, so every language
gets its share; quotas are in prompts, taken in whole units, and a unit that would overshoot N is
skipped, so the sample never exceeds N.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .scopes import scopes_of
from .suite import Case

__all__ = ["Sample", "population_by_scope", "stratified_sample"]

Key = tuple[str, str]


@dataclass(frozen=True)
class Sample:
    """Which prompts a sampled run keeps, and what it was drawn from."""

    requested: int
    seed: int
    population: int
    selected: frozenset[Key]
    strata: int
    # (suite, language, category, label) -> prompts before sampling, for "k of n" in reports.
    population_cells: dict[tuple[str, str, str, str], int] = field(default_factory=dict)

    @property
    def sampled(self) -> bool:
        return len(self.selected) < self.population

    def to_dict(self) -> dict[str, Any]:
        """The ``sampling`` block of the run record (docs/results-format.md)."""
        return {
            "requested": self.requested,
            "seed": self.seed,
            "population": self.population,
            "selected": len(self.selected),
            "strata": self.strata,
            "method": "stratified by suite x language x category x label; contrast twins kept together",
            "population_cells": [
                {"suite": s, "language": lang, "category": cat, "label": label, "n": n}
                for (s, lang, cat, label), n in sorted(self.population_cells.items())
            ],
        }


def _units(cases: Sequence[Case]) -> list[list[Case]]:
    """Group cases into sampling units: connected components of the contrast relation within a suite."""
    by_key = {c.key: c for c in cases}
    parent: dict[Key, Key] = {k: k for k in by_key}

    def find(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for case in cases:
        if case.contrast is None:
            continue
        other = (case.suite, case.contrast)
        if other in by_key:  # a twin deselected by -k/-m is not pulled back in
            a, b = find(case.key), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[Key, list[Case]] = defaultdict(list)
    for case in cases:
        groups[find(case.key)].append(case)
    return [sorted(g, key=lambda c: c.key) for g in groups.values()]


def _stratum(unit: Sequence[Case]) -> tuple[str, ...]:
    first = unit[0]
    labels = "+".join(sorted({c.label for c in unit}))
    return (first.suite, first.language, first.category, labels)


def _rank(seed: int, unit: Sequence[Case]) -> str:
    suite, case_id = unit[0].key
    return hashlib.sha256(f"{seed}\0{suite}\0{case_id}".encode()).hexdigest()


def _tie(seed: int, key: tuple[str, ...]) -> str:
    return hashlib.sha256(f"{seed}\0{key}".encode()).hexdigest()


# Key prefixes shared out in turn: suite x language, then category, then the labels of a twin group.
_LEVELS = (2, 3, 4)


def _share(
    sizes: dict[tuple[str, ...], int], n: int, seed: int, quotas: dict[tuple[str, ...], int], level: int = 0
) -> None:
    """Split ``n`` prompts over strata in proportion to ``sizes``, one key level at a time (Hamilton's method).

    ``quotas`` receives the quota of every group at every level, keyed by its key prefix.
    """
    width = _LEVELS[level]
    groups: dict[tuple[str, ...], dict[tuple[str, ...], int]] = defaultdict(dict)
    for key, size in sizes.items():
        groups[key[:width]][key] = size
    total = sum(sizes.values())
    exact = {g: n * sum(members.values()) / total for g, members in groups.items()}
    counts = {g: int(q) for g, q in exact.items()}
    spare = n - sum(counts.values())
    for g in sorted(groups, key=lambda g: (-(exact[g] - counts[g]), _tie(seed, g)))[:spare]:
        counts[g] += 1
    quotas.update(counts)
    if level + 1 < len(_LEVELS):
        for g, members in groups.items():
            _share(members, counts[g], seed, quotas, level + 1)


def stratified_sample(cases: Sequence[Case], n: int, seed: int = 0) -> Sample:
    """At most ``n`` of ``cases``, proportional across strata, twins kept together (see module doc)."""
    if n < 1:
        raise ValueError("sample size must be at least 1")
    population_cells: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for case in cases:
        population_cells[(case.suite, case.language, case.category, case.label)] += 1
    units = _units(cases)
    strata: dict[tuple[str, ...], list[list[Case]]] = defaultdict(list)
    for unit in units:
        strata[_stratum(unit)].append(unit)
    for members in strata.values():
        members.sort(key=lambda u: _rank(seed, u))
    total = len(cases)
    if n >= total:
        chosen: set[Key] = {c.key for c in cases}
        return Sample(n, seed, total, frozenset(chosen), len(strata), dict(population_cells))

    # Quotas are shared out level by level (suite x language, then category, then the labels of a twin
    # group), each level by largest remainders, so that every language gets its share before any of its
    # categories does: a flat allocation over ~170 strata would leave small languages to chance.
    sizes = {key: sum(len(u) for u in members) for key, members in strata.items()}
    quotas: dict[tuple[str, ...], int] = {}
    _share(sizes, n, seed, quotas)
    taken: dict[tuple[str, ...], int] = {}
    filled: dict[tuple[str, ...], int] = defaultdict(int)  # prompts taken per key prefix, every level
    used = 0

    def take(key: tuple[str, ...]) -> None:
        nonlocal used
        size = len(strata[key][taken[key]])
        taken[key] += 1
        used += size
        for width in _LEVELS:
            filled[key[:width]] += size

    for key, members in strata.items():
        taken[key] = 0
        while taken[key] < len(members) and filled[key] + len(members[taken[key]]) <= quotas[key]:
            take(key)
    # Whole units rarely fill a quota exactly (a quota of one prompt cannot hold a twin pair): what is
    # left goes, one unit at a time, to the language furthest below its quota, then its category
    # furthest below, then the stratum; so a language's share survives the rounding of its cells.
    while True:
        open_ = [k for k in strata if taken[k] < len(strata[k]) and used + len(strata[k][taken[k]]) <= n]
        if not open_:
            break
        best = min(
            open_,
            key=lambda k: (
                *(filled[k[:w]] - quotas[k[:w]] for w in _LEVELS),
                _tie(seed, k),
            ),
        )
        take(best)
    chosen = {c.key for key, members in strata.items() for unit in members[: taken[key]] for c in unit}
    return Sample(n, seed, total, frozenset(chosen), len(strata), dict(population_cells))


def population_by_scope(sample_cells: Iterable[dict[str, Any]]) -> dict[tuple[str, str, str, str], int]:
    """Prompts before sampling per (suite, language, category, label) at every rate scope (``*`` = all)."""
    out: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for cell in sample_cells:
        suite, lang, cat, label, n = cell["suite"], cell["language"], cell["category"], cell["label"], int(cell["n"])
        for scope in scopes_of(suite, lang, cat):
            out[(scope[0], scope[1], scope[2], label)] += n
    return dict(out)
