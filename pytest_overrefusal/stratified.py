"""Stratified sampling of suite prompts, for pull-request CI on a fraction of the suites.

``--overrefusal-sample=N`` keeps at most N of the selected prompts, in proportion across
suite x language x category x label, so that every language and category keeps its share. Two rules
hold whatever N is:

* contrast twins stay together (a safe prompt and its unsafe twin measure one boundary: sampling one
  without the other would measure over-refusal without under-refusal on that pair), and a multi-turn
  conversation is one case, so it is always whole;
* the choice is a pure function of the selected prompts' keys and the seed: every pytest process
  (the controller and each xdist worker) computes the same sample, runs are repeatable, and adding
  one prompt to a suite moves at most the units of its own stratum, because units are ranked by a hash
  of (seed, suite, id) rather than by a shuffle of the whole list.

Allocation is proportional with largest remainders (Hamilton's method) over prompts, taken in whole
units; a unit that would overshoot N is skipped, so the sample never exceeds N.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .aggregate import ALL
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

    # Proportional quota per stratum, in prompts; whole units are taken up to the floor of the quota,
    # then the leftover budget goes to the largest remainders (ties broken by the stratum's hash).
    taken: dict[tuple[str, ...], int] = {}
    used = 0
    remainders: list[tuple[float, str, tuple[str, ...]]] = []
    for key, members in strata.items():
        size = sum(len(u) for u in members)
        quota = n * size / total
        count = 0
        filled = 0
        for unit in members:
            if filled + len(unit) > quota:
                break
            filled += len(unit)
            count += 1
        taken[key] = count
        used += filled
        tie = hashlib.sha256(f"{seed}\0{key}".encode()).hexdigest()
        remainders.append((quota - filled, tie, key))
    remainders.sort(key=lambda r: (-r[0], r[1]))
    for _, _, key in remainders:
        members = strata[key]
        index = taken[key]
        if index < len(members) and used + len(members[index]) <= n:
            taken[key] += 1
            used += len(members[index])
    chosen = {c.key for key, members in strata.items() for unit in members[: taken[key]] for c in unit}
    return Sample(n, seed, total, frozenset(chosen), len(strata), dict(population_cells))


def population_by_scope(sample_cells: Iterable[dict[str, Any]]) -> dict[tuple[str, str, str, str], int]:
    """Prompts before sampling per (suite, language, category, label) at every rate scope (``*`` = all)."""
    out: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for cell in sample_cells:
        suite, lang, cat, label, n = cell["suite"], cell["language"], cell["category"], cell["label"], int(cell["n"])
        for scope in ((suite, lang, cat), (ALL, lang, ALL), (ALL, ALL, cat), (ALL, ALL, ALL)):
            out[(scope[0], scope[1], scope[2], label)] += n
    return dict(out)
