"""Comparing a run with a baseline: prompt regressions and fixes, and per-cell paired tests.

The statistics (exact paired tests, multiple-testing correction) are in ``regression``; this module
turns them into the ``Comparison`` the session gates on and the report shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..aggregate import Cell
from ..regression import DEFAULT_CORRECTION, CellTest, Correction, compare_cells
from ..results import CaseResult
from .model import DEFAULT_ALPHA, DEFAULT_TOLERANCE, Baseline, CellEntry, PromptEntry, cell_key

__all__ = ["CellChange", "Comparison", "PromptChange", "compare"]


@dataclass(frozen=True)
class PromptChange:
    """A prompt whose verdict moved across the label's line since the baseline."""

    key: str
    suite: str
    id: str
    language: str
    category: str
    label: str
    before: str
    now: str
    message: str
    file: str = ""
    line: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "suite": self.suite,
            "id": self.id,
            "language": self.language,
            "category": self.category,
            "label": self.label,
            "before": self.before,
            "now": self.now,
            "message": self.message,
            "file": self.file,
            "line": self.line,
        }


@dataclass(frozen=True)
class CellChange:
    """A cell whose bad rate worsened, with the figures of the test that flagged it."""

    key: str
    suite: str
    language: str
    category: str
    kind: str
    before: CellEntry
    now: CellEntry
    z: float | None
    p_value: float
    message: str
    check: CellTest | None = None  # the paired comparison that flagged it (see regression.py)

    def to_dict(self) -> dict[str, Any]:
        data = self.check.to_dict() if self.check is not None else {}
        data.update(
            {
                "key": self.key,
                "suite": self.suite,
                "language": self.language,
                "category": self.category,
                "kind": self.kind,
                "before": self.before.to_dict(),
                "now": self.now.to_dict(),
                "z": self.z,
                "p_value": self.p_value,
                "message": self.message,
            }
        )
        return data


@dataclass(frozen=True)
class Comparison:
    baseline: Baseline
    tolerance: float
    alpha: float
    prompt_regressions: tuple[PromptChange, ...] = ()
    cell_regressions: tuple[CellChange, ...] = ()
    fixed_prompts: tuple[PromptChange, ...] = ()
    new_prompts: tuple[str, ...] = ()
    missing_prompts: tuple[str, ...] = ()
    model_changed: bool = False
    judge_changed: bool = False
    notes: tuple[str, ...] = field(default=())
    correction: str = DEFAULT_CORRECTION
    cell_tests: tuple[CellTest, ...] = ()  # every compared cell, flagged or not

    @property
    def fingerprint_changed(self) -> bool:
        return self.model_changed or self.judge_changed

    @property
    def regressed(self) -> bool:
        return bool(self.prompt_regressions or self.cell_regressions)

    def newly(self, label: str) -> list[PromptChange]:
        return [c for c in self.prompt_regressions if c.label == label]

    def summary(self) -> str:
        """One line for terminals and JUnit properties."""
        parts = [
            f"{len(self.newly('safe'))} newly refused",
            f"{len(self.newly('unsafe'))} newly complied",
            f"{len(self.cell_regressions)} worsened cells of {len(self.cell_tests)} tested ({self.correction})",
            f"{len(self.fixed_prompts)} fixed",
        ]
        if self.new_prompts or self.missing_prompts:
            parts.append(f"{len(self.new_prompts)} new / {len(self.missing_prompts)} missing prompts")
        if self.fingerprint_changed:
            parts.append("model or judge fingerprint changed")
        return "baseline: " + ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        b = self.baseline
        return {
            "baseline": {
                "path": b.path,
                "model": b.model,
                "model_fingerprint": b.model_fingerprint,
                "judge": b.judge,
                "judge_fingerprint": b.judge_fingerprint,
                "created": b.created,
            },
            "tolerance": self.tolerance,
            "alpha": self.alpha,
            "correction": self.correction,
            "cells_tested": len(self.cell_tests),
            "cell_tests": [c.to_dict() for c in self.cell_tests],
            "regressed": self.regressed,
            "fingerprint_changed": self.fingerprint_changed,
            "model_changed": self.model_changed,
            "judge_changed": self.judge_changed,
            "prompt_regressions": [c.to_dict() for c in self.prompt_regressions],
            "cell_regressions": [c.to_dict() for c in self.cell_regressions],
            "fixed_prompts": [c.to_dict() for c in self.fixed_prompts],
            "new_prompts": list(self.new_prompts),
            "missing_prompts": list(self.missing_prompts),
            "notes": list(self.notes),
            "summary": self.summary(),
        }


def _change(result: CaseResult, before: PromptEntry, message: str) -> PromptChange:
    return PromptChange(
        f"{result.suite}::{result.id}",
        result.suite,
        result.id,
        result.language,
        result.category,
        result.label,
        str(before.verdict),
        str(result.verdict),
        message,
        result.file,
        result.line,
    )


def compare(
    baseline: Baseline,
    results: Iterable[CaseResult],
    cells: Iterable[Cell],
    tolerance: float = DEFAULT_TOLERANCE,
    alpha: float = DEFAULT_ALPHA,
    *,
    model_fingerprint: str | None = None,
    judge_fingerprint: str | None = None,
    correction: Correction = DEFAULT_CORRECTION,
) -> Comparison:
    """Everything that changed between ``baseline`` and this run's results and cells.

    Cells are compared prompt by prompt with a paired test and adjusted across all cells (``correction``),
    see regression.py. Fingerprints are compared only when given on both sides: a run without a
    fingerprint cannot tell.
    """
    if not 0.0 <= tolerance <= 1.0:
        raise ValueError(f"tolerance must be between 0 and 1, got {tolerance!r}")
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be between 0 and 1 (exclusive), got {alpha!r}")
    current: dict[str, CaseResult] = {}
    for r in results:
        current[f"{r.suite}::{r.id}"] = r
    cells = list(cells)
    regressions: list[PromptChange] = []
    fixed: list[PromptChange] = []
    notes: list[str] = []
    for key in sorted(current):
        r = current[key]
        before = baseline.prompts.get(key)
        if before is None:
            continue
        message = baseline.prompt_regression(r)
        if message is not None:
            regressions.append(_change(r, before, message))
            continue
        message = baseline.prompt_fix(r)
        if message is not None:
            fixed.append(_change(r, before, message))
        elif before.label != r.label:
            notes.append(f"{key} was relabelled from {before.label} to {r.label}; its verdicts are not compared")
    tests = compare_cells(baseline, current.values(), cells, tolerance, alpha, correction)
    by_key = {cell_key(c.suite, c.language, c.category, c.kind): c for c in cells}
    cell_changes = [_cell_change(baseline, by_key[t.key], t) for t in tests if t.flagged]
    new = tuple(k for k in sorted(current) if k not in baseline.prompts)
    missing = tuple(k for k in sorted(baseline.prompts) if k not in current)

    def changed(before: str | None, now: str | None) -> bool:
        return before is not None and now is not None and before != now

    return Comparison(
        baseline=baseline,
        tolerance=tolerance,
        alpha=alpha,
        prompt_regressions=tuple(regressions),
        cell_regressions=tuple(cell_changes),
        fixed_prompts=tuple(fixed),
        new_prompts=new,
        missing_prompts=missing,
        model_changed=changed(baseline.model_fingerprint, model_fingerprint),
        judge_changed=changed(baseline.judge_fingerprint, judge_fingerprint),
        notes=tuple(notes),
        correction=correction,
        cell_tests=tuple(tests),
    )


def _cell_change(baseline: Baseline, cell: Cell, test: CellTest) -> CellChange:
    before = baseline.cells.get(test.key) or CellEntry(None, 0, 0)
    now = CellEntry(cell.rate, cell.n, cell.hits)
    parts = (cell.suite, cell.language, cell.category, cell.kind)
    return CellChange(test.key, *parts, before, now, test.z, test.p_value, test.message, test)
