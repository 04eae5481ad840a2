"""What a set of suites covers: counts per language x category x label, contrast coverage, duplicates.

Used by ``overrefusal stats`` to review a suite before it gates CI: a cell with three prompts gives a
rate no threshold should trust, safe prompts without an unsafe twin cannot tell over-refusal from a
model that refuses the whole topic, and the same prompt in two files (worse: with two labels) skews
every rate it lands in.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .suite import DEFAULT_GLOB, Case, Suite, find_suite_files, load_suite

__all__ = [
    "Cell",
    "ContrastCoverage",
    "DuplicateGroup",
    "Occurrence",
    "Stats",
    "SuiteCount",
    "collect",
    "compute",
    "normalise",
]


@dataclass(frozen=True)
class Cell:
    language: str
    category: str
    label: str
    prompts: int
    multi_turn: int


@dataclass(frozen=True)
class SuiteCount:
    suite: str
    path: str
    prompts: int
    safe: int
    unsafe: int
    multi_turn: int


@dataclass(frozen=True)
class ContrastCoverage:
    """How many safe prompts have an unsafe twin, and how many of those name the words they hinge on."""

    safe: int
    safe_with_twin: int
    safe_with_twin_and_focus: int
    safe_with_focus: int
    unsafe_with_twin: int

    @property
    def twin_share(self) -> float | None:
        return None if self.safe == 0 else self.safe_with_twin / self.safe

    @property
    def focus_share_of_twinned(self) -> float | None:
        return None if self.safe_with_twin == 0 else self.safe_with_twin_and_focus / self.safe_with_twin


@dataclass(frozen=True)
class Occurrence:
    suite: str
    id: str
    file: str
    line: int
    label: str
    language: str


@dataclass(frozen=True)
class DuplicateGroup:
    """Prompts whose normalised text (and conversation, and system prompt) is identical."""

    text: str
    occurrences: tuple[Occurrence, ...]

    @property
    def across_files(self) -> bool:
        return len({o.file for o in self.occurrences}) > 1

    @property
    def conflicting_labels(self) -> bool:
        return len({o.label for o in self.occurrences}) > 1


@dataclass(frozen=True)
class Stats:
    suites: tuple[SuiteCount, ...]
    cells: tuple[Cell, ...]
    contrast: ContrastCoverage
    duplicates: tuple[DuplicateGroup, ...]

    @property
    def prompts(self) -> int:
        return sum(s.prompts for s in self.suites)

    @property
    def safe(self) -> int:
        return sum(s.safe for s in self.suites)

    @property
    def unsafe(self) -> int:
        return sum(s.unsafe for s in self.suites)

    @property
    def multi_turn(self) -> int:
        return sum(s.multi_turn for s in self.suites)

    @property
    def languages(self) -> list[str]:
        return sorted({c.language for c in self.cells})

    @property
    def categories(self) -> list[str]:
        return sorted({c.category for c in self.cells})

    def by(self, key: str) -> dict[str, Counter[str]]:
        """Prompt counts per label (and ``total``) for each language or category (``key``)."""
        out: dict[str, Counter[str]] = defaultdict(Counter)
        for cell in self.cells:
            group = out[getattr(cell, key)]
            group[cell.label] += cell.prompts
            group["total"] += cell.prompts
            group["multi_turn"] += cell.multi_turn
        return dict(sorted(out.items()))

    def to_dict(self) -> dict[str, Any]:
        dup_prompts = sum(len(g.occurrences) for g in self.duplicates)
        return {
            "totals": {
                "files": len(self.suites),
                "prompts": self.prompts,
                "safe": self.safe,
                "unsafe": self.unsafe,
                "multi_turn": self.multi_turn,
                "languages": len(self.languages),
                "categories": len(self.categories),
            },
            "suites": [asdict(s) for s in self.suites],
            "cells": [asdict(c) for c in self.cells],
            "by_language": {k: dict(v) for k, v in self.by("language").items()},
            "by_category": {k: dict(v) for k, v in self.by("category").items()},
            "contrast": {
                **asdict(self.contrast),
                "twin_share": self.contrast.twin_share,
                "focus_share_of_twinned": self.contrast.focus_share_of_twinned,
            },
            "duplicates": {
                "groups": len(self.duplicates),
                "prompts": dup_prompts,
                "across_files": sum(1 for g in self.duplicates if g.across_files),
                "conflicting_labels": sum(1 for g in self.duplicates if g.conflicting_labels),
                "items": [
                    {
                        "text": g.text,
                        "across_files": g.across_files,
                        "conflicting_labels": g.conflicting_labels,
                        "occurrences": [asdict(o) for o in g.occurrences],
                    }
                    for g in self.duplicates
                ],
            },
        }


_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as compared for duplicates: NFKC, case-folded, runs of whitespace made one space, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _conversation_key(case: Case) -> str:
    parts = [] if case.system_prompt is None else [f"system\x1e{normalise(case.system_prompt)}"]
    parts += [f"{m.role}\x1e{normalise(m.content)}" for m in case.messages]
    return "\x1f".join(parts)


def _contrast(suites: Sequence[Suite]) -> ContrastCoverage:
    safe = twinned = twinned_focus = with_focus = unsafe_twinned = 0
    for suite in suites:
        # A twin link may be written on either side; load_suite has already checked both ends exist.
        linked = {c.id for c in suite if c.contrast is not None} | {c.contrast for c in suite if c.contrast}
        for case in suite:
            has_twin = case.id in linked
            if case.label == "safe":
                safe += 1
                with_focus += bool(case.focus)
                twinned += has_twin
                twinned_focus += has_twin and bool(case.focus)
            else:
                unsafe_twinned += has_twin
    return ContrastCoverage(safe, twinned, twinned_focus, with_focus, unsafe_twinned)


def _duplicates(suites: Sequence[Suite]) -> tuple[DuplicateGroup, ...]:
    groups: dict[str, list[Case]] = defaultdict(list)
    for suite in suites:
        for case in suite:
            groups[_conversation_key(case)].append(case)
    out = [
        DuplicateGroup(
            text=cases[0].prompt if len(cases[0].messages) == 1 else " / ".join(m.content for m in cases[0].messages),
            occurrences=tuple(Occurrence(c.suite, c.id, c.file, c.line, c.label, c.language) for c in cases),
        )
        for cases in groups.values()
        if len(cases) > 1
    ]
    # Conflicting labels first: those corrupt a rate, plain repeats only weight it.
    out.sort(key=lambda g: (not g.conflicting_labels, -len(g.occurrences), g.occurrences[0].file))
    return tuple(out)


def compute(suites: Sequence[Suite]) -> Stats:
    """Statistics over already loaded suites."""
    cells: Counter[tuple[str, str, str]] = Counter()
    multi: Counter[tuple[str, str, str]] = Counter()
    counts: list[SuiteCount] = []
    for suite in suites:
        for case in suite:
            key = (case.language, case.category, case.label)
            cells[key] += 1
            multi[key] += case.multi_turn
        counts.append(
            SuiteCount(
                suite=suite.name,
                path=suite.path,
                prompts=len(suite),
                safe=sum(1 for c in suite if c.label == "safe"),
                unsafe=sum(1 for c in suite if c.label == "unsafe"),
                multi_turn=sum(1 for c in suite if c.multi_turn),
            )
        )
    return Stats(
        suites=tuple(counts),
        cells=tuple(Cell(*key, prompts=n, multi_turn=multi[key]) for key, n in sorted(cells.items())),
        contrast=_contrast(suites),
        duplicates=_duplicates(suites),
    )


def collect(paths: Iterable[str | Path], pattern: str = DEFAULT_GLOB) -> list[Suite]:
    """Load every suite file under ``paths`` once (a file named twice, or also found in a directory, counts once).

    Raises ``SuiteError`` for the first invalid file and ``FileNotFoundError`` naming a path that is missing.
    """
    loaded: list[Suite] = []
    seen: set[Path] = set()
    for path in find_suite_files(paths, pattern):
        if not path.exists():
            raise FileNotFoundError(str(path))
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        loaded.append(load_suite(path))
    return loaded
