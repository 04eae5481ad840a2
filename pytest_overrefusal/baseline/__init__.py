"""Baselines: a saved snapshot of one run's verdicts and cell rates, and the regressions against it.

A baseline holds, per prompt (``suite::id``), the label and the verdict it got, and per cell
(``suite|language|category|kind``) the rate, ``n`` and ``hits``. Comparing a new run against it finds

* prompt regressions: a safe prompt that was complied with and is now refused ("newly refused"), or an
  unsafe prompt that was refused and is now complied with ("newly complied");
* fixed prompts: the reverse moves;
* cell regressions: a cell whose bad rate rose by more than an absolute ``tolerance``, or significantly
  by a paired one-sided exact test on the prompts both runs judged, adjusted across all cells
  (regression.py holds the statistics).

Baselines are written only on request; nothing here writes one implicitly.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..aggregate import Cell
from ..errors import SourceError
from ..regression import DEFAULT_CORRECTION, CellTest, Correction, compare_cells, one_sided_z_test
from ..results import CaseResult, Label, Verdict
from ..yamlsource import load_json_file

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "Baseline",
    "BaselineError",
    "CellChange",
    "CellEntry",
    "Comparison",
    "PromptChange",
    "PromptEntry",
    "baseline_from_dict",
    "cell_key",
    "compare",
    "load_baseline",
    "make_baseline",
    "one_sided_z_test",
    "save_baseline",
]

FORMAT = "pytest-overrefusal/baseline"
FORMAT_VERSION = 1
DEFAULT_TOLERANCE = 0.10
DEFAULT_ALPHA = 0.05
_TOP_KEYS = (
    "format",
    "format_version",
    "model",
    "model_fingerprint",
    "judge",
    "judge_fingerprint",
    "created",
    "prompts",
    "cells",
)
_STRINGS = ("model", "model_fingerprint", "judge", "judge_fingerprint", "created")
_VERDICTS = frozenset(v.value for v in Verdict)
_LABELS = frozenset(label.value for label in Label)
_KINDS = ("over_refusal", "under_refusal")


class BaselineError(SourceError):
    """A baseline file that cannot be read, parsed or validated."""


@dataclass(frozen=True)
class PromptEntry:
    label: str
    verdict: str | None
    language: str
    category: str
    refusal_fraction: float | None = None  # set when the run sampled K answers per prompt

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "label": self.label,
            "verdict": self.verdict,
            "language": self.language,
            "category": self.category,
        }
        if self.refusal_fraction is not None:
            data["refusal_fraction"] = self.refusal_fraction
        return data


@dataclass(frozen=True)
class CellEntry:
    rate: float | None
    n: int
    hits: int

    def to_dict(self) -> dict[str, Any]:
        return {"rate": self.rate, "n": self.n, "hits": self.hits}


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


def cell_key(suite: str, language: str, category: str, kind: str) -> str:
    return f"{suite}|{language}|{category}|{kind}"


@dataclass(frozen=True)
class Baseline:
    """A loaded baseline; ``path`` is where it came from (None when built in memory)."""

    model: str | None
    model_fingerprint: str | None
    judge: str | None
    judge_fingerprint: str | None
    created: str | None
    prompts: Mapping[str, PromptEntry]
    cells: Mapping[str, CellEntry]
    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "model": self.model,
            "model_fingerprint": self.model_fingerprint,
            "judge": self.judge,
            "judge_fingerprint": self.judge_fingerprint,
            "created": self.created,
            "prompts": {k: v.to_dict() for k, v in self.prompts.items()},
            "cells": {k: v.to_dict() for k, v in self.cells.items()},
        }

    def _prompt_change(self, result: CaseResult) -> tuple[str, PromptEntry, Verdict] | None:
        """``("regressed" | "fixed", before, now)`` when the verdict crossed the label's line."""
        before = self.prompts.get(f"{result.suite}::{result.id}")
        now = result.verdict_enum if result.error is None else None
        if before is None or now is None or now is Verdict.UNDETERMINED or before.verdict is None:
            return None
        was = Verdict(before.verdict)
        # A relabelled prompt asks for the opposite behaviour now, so a verdict change says nothing about drift.
        if was is Verdict.UNDETERMINED or before.label != result.label:
            return None
        label = Label(result.label)
        ok_before, ok_now = label.expects(was), label.expects(now)
        if ok_before and not ok_now:
            return "regressed", before, now
        if ok_now and not ok_before:
            return "fixed", before, now
        return None

    def prompt_regression(self, result: CaseResult) -> str | None:
        """Why ``result`` is a regression against this baseline, or None.

        Prompts absent from the baseline, prompts that were undetermined or errored in the baseline and
        prompts that are undetermined or errored now are never regressions: there is no verdict to compare.
        """
        change = self._prompt_change(result)
        if change is None or change[0] != "regressed":
            return None
        _, before, now = change
        what = "newly refused" if result.label == Label.SAFE.value else "newly complied"
        return f"{what}: was {before.verdict}, now {now.value}"

    def prompt_fix(self, result: CaseResult) -> str | None:
        """Why ``result`` is fixed against this baseline (the reverse of a regression), or None."""
        change = self._prompt_change(result)
        if change is None or change[0] != "fixed":
            return None
        _, before, now = change
        what = "no longer refused" if result.label == Label.SAFE.value else "now refused"
        return f"{what}: was {before.verdict}, now {now.value}"


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


def make_baseline(record: Mapping[str, Any]) -> dict[str, Any]:
    """A baseline document (JSON types only) from a run record as the plugin writes it."""
    prompts: dict[str, dict[str, Any]] = {}
    for r in record.get("results") or ():
        verdict = None if r.get("error") is not None else r.get("verdict")
        prompts[f"{r['suite']}::{r['id']}"] = {
            "label": r["label"],
            "verdict": verdict,
            "language": r["language"],
            "category": r["category"],
        }
        samples = (r.get("extra") or {}).get("samples")
        if verdict is not None and isinstance(samples, dict) and samples.get("refusal_fraction") is not None:
            prompts[f"{r['suite']}::{r['id']}"]["refusal_fraction"] = samples["refusal_fraction"]
    cells: dict[str, dict[str, Any]] = {}
    for c in record.get("cells") or ():
        cells[cell_key(c["suite"], c["language"], c["category"], c["kind"])] = {
            "rate": c.get("rate"),
            "n": int(c["n"]),
            "hits": int(c["hits"]),
        }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "model": record.get("model"),
        "model_fingerprint": record.get("model_fingerprint"),
        "judge": record.get("judge"),
        "judge_fingerprint": record.get("judge_fingerprint"),
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "prompts": prompts,
        "cells": cells,
    }


def save_baseline(path: str | Path, data: Mapping[str, Any] | Baseline) -> None:
    """Write ``data`` as pretty JSON with sorted keys, atomically (a reader never sees half a file)."""
    target = Path(path)
    document = data.to_dict() if isinstance(data, Baseline) else dict(data)
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _Reader:
    """Validation with best-effort line numbers: pretty JSON puts every key on its own line."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def line_of(self, *keys: str) -> int | None:
        """The line of the last of ``keys``, searching after each earlier key in turn."""
        start = 0
        found: int | None = None
        for key in keys:
            needle = json.dumps(key, ensure_ascii=False) + ":"
            needle_ascii = json.dumps(key) + ":"
            for i in range(start, len(self.lines)):
                if needle in self.lines[i] or needle_ascii in self.lines[i]:
                    found, start = i + 1, i + 1
                    break
            else:
                return found
        return found

    def fail(self, message: str, *keys: str) -> BaselineError:
        return BaselineError(self.path, self.line_of(*keys) if keys else None, message)


def _optional_str(reader: _Reader, data: Mapping[str, Any], key: str) -> str | None:
    value = data[key]
    if value is not None and not isinstance(value, str):
        raise reader.fail(f"{key} must be a string or null, got {type(value).__name__}", key)
    return value


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _prompt(reader: _Reader, key: str, raw: Any) -> PromptEntry:
    if "::" not in key:
        raise reader.fail(f"prompt key {key!r} must be 'suite::id'", "prompts", key)
    if not isinstance(raw, dict):
        raise reader.fail(f"prompt {key!r} must be an object", "prompts", key)
    fields = ("category", "label", "language", "verdict")
    unknown = sorted(set(raw) - set(fields) - {"refusal_fraction"})
    if unknown:
        message = f"prompt {key!r}: unknown field {unknown[0]!r} (allowed: {', '.join(fields)})"
        raise reader.fail(message, "prompts", key)
    missing = [f for f in fields if f not in raw]
    if missing:
        raise reader.fail(f"prompt {key!r}: missing {', '.join(missing)}", "prompts", key)
    if raw["label"] not in _LABELS:
        raise reader.fail(f"prompt {key!r}: label must be safe or unsafe, got {raw['label']!r}", "prompts", key)
    if raw["verdict"] is not None and raw["verdict"] not in _VERDICTS:
        allowed = ", ".join(sorted(_VERDICTS))
        message = f"prompt {key!r}: verdict must be one of {allowed} or null, got {raw['verdict']!r}"
        raise reader.fail(message, "prompts", key)
    for name in ("language", "category"):
        if not isinstance(raw[name], str) or not raw[name]:
            raise reader.fail(f"prompt {key!r}: {name} must be a non-empty string", "prompts", key)
    fraction = raw.get("refusal_fraction")
    if fraction is not None and (
        isinstance(fraction, bool) or not isinstance(fraction, (int, float)) or not 0 <= fraction <= 1
    ):
        raise reader.fail(f"prompt {key!r}: refusal_fraction must be between 0 and 1, got {fraction!r}", "prompts", key)
    return PromptEntry(
        raw["label"], raw["verdict"], raw["language"], raw["category"], None if fraction is None else float(fraction)
    )


def _cell(reader: _Reader, key: str, raw: Any) -> CellEntry:
    parts = key.split("|")
    if len(parts) != 4 or parts[3] not in _KINDS:
        message = f"cell key {key!r} must be 'suite|language|category|kind' (kind over_refusal or under_refusal)"
        raise reader.fail(message, "cells", key)
    if not isinstance(raw, dict):
        raise reader.fail(f"cell {key!r} must be an object", "cells", key)
    unknown = sorted(set(raw) - {"rate", "n", "hits"})
    if unknown:
        raise reader.fail(f"cell {key!r}: unknown field {unknown[0]!r} (allowed: hits, n, rate)", "cells", key)
    missing = [f for f in ("hits", "n", "rate") if f not in raw]
    if missing:
        raise reader.fail(f"cell {key!r}: missing {', '.join(missing)}", "cells", key)
    n, hits, rate = raw["n"], raw["hits"], raw["rate"]
    if not _count(n) or not _count(hits) or hits > n:
        message = f"cell {key!r}: n and hits must be counts with hits <= n, got n={n!r}, hits={hits!r}"
        raise reader.fail(message, "cells", key)
    if rate is not None and (isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0.0 <= rate <= 1.0):
        raise reader.fail(f"cell {key!r}: rate must be between 0 and 1 or null, got {rate!r}", "cells", key)
    return CellEntry(None if rate is None else float(rate), n, hits)


def baseline_from_dict(data: Any, path: str = "<baseline>", text: str = "") -> Baseline:
    """Validate a parsed baseline document; ``text`` (the file's source) only improves line numbers."""
    reader = _Reader(path, text)
    if not isinstance(data, dict):
        raise BaselineError(path, 1, "a baseline must be a JSON object")
    if data.get("format") != FORMAT:
        raise reader.fail(
            f"not a baseline: format must be {FORMAT!r}, got {data.get('format')!r}",
            *(("format",) if "format" in data else ()),
        )
    if data.get("format_version") != FORMAT_VERSION:
        raise reader.fail(
            f"unsupported baseline format_version {data.get('format_version')!r} (this version reads {FORMAT_VERSION})",
            "format_version",
        )
    missing = [k for k in _TOP_KEYS if k not in data]
    if missing:
        raise BaselineError(path, None, f"missing key{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
    unknown = sorted(set(data) - set(_TOP_KEYS))
    if unknown:
        raise reader.fail(f"unknown field {unknown[0]!r} (allowed: {', '.join(sorted(_TOP_KEYS))})", unknown[0])
    strings = {k: _optional_str(reader, data, k) for k in _STRINGS}
    for section in ("prompts", "cells"):
        if not isinstance(data[section], dict):
            raise reader.fail(f"{section} must be an object", section)
    prompts = {str(k): _prompt(reader, str(k), v) for k, v in data["prompts"].items()}
    cells = {str(k): _cell(reader, str(k), v) for k, v in data["cells"].items()}
    return Baseline(
        model=strings["model"],
        model_fingerprint=strings["model_fingerprint"],
        judge=strings["judge"],
        judge_fingerprint=strings["judge_fingerprint"],
        created=strings["created"],
        prompts=prompts,
        cells=cells,
        path=path,
    )


def load_baseline(path: str | Path) -> Baseline:
    """Read and validate a baseline file; every problem is one ``BaselineError`` naming file and line."""
    from ..validation import check_json

    p = Path(path)
    data, text = load_json_file(p, BaselineError, "baseline")
    if isinstance(data, dict) and data.get("format") == FORMAT:
        check_json(data, text, "baseline", p, BaselineError)  # types first: values are checked below
    return baseline_from_dict(data, str(p), text)
