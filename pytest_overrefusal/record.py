"""The run record: everything a run produced, as one JSON document (the ``--overrefusal-json`` file).

Reports, baselines and ``overrefusal report`` all read this document, so it holds plain JSON types
only; ``load_record`` reads one back and validates it. The schema is documented in
docs/results-format.md.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from ._version import __version__
from .aggregate import Cell
from .backends.base import GenerationSettings
from .errors import SourceError
from .results import CaseResult, Label, Verdict
from .thresholds import Thresholds
from .yamlsource import load_json_file

__all__ = [
    "FORMAT",
    "RecordError",
    "build_record",
    "cells_of",
    "escalated_count",
    "load_record",
    "results_of",
    "write_json",
]

FORMAT = "pytest-overrefusal/results"

_RESULT_FIELDS = frozenset(f.name for f in fields(CaseResult))
_RESULT_REQUIRED = ("suite", "id", "language", "category", "label", "verdict", "file", "line")
_CELL_FIELDS = frozenset(f.name for f in fields(Cell)) | {"passed", "population", "not_evaluated"}
_CELL_REQUIRED = ("suite", "language", "category", "kind", "n", "hits", "status")
_STATUSES = frozenset({"pass", "fail", "too_few", "ungated"})


class RecordError(SourceError):
    """A results file that is not a pytest-overrefusal run record."""


def build_record(
    *,
    model: str,
    model_fingerprint: str | None,
    judge: str,
    judge_fingerprint: str | None,
    started: str,
    duration: float,
    suites: Sequence[dict[str, Any]],
    settings: GenerationSettings,
    system_prompt: str | None,
    thresholds: Thresholds,
    results: Sequence[CaseResult],
    cells: Sequence[Cell],
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": 1,
        "plugin_version": __version__,
        "model": model,
        "model_fingerprint": model_fingerprint,
        "judge": judge,
        "judge_fingerprint": judge_fingerprint,
        "started": started,
        "duration": round(duration, 3),
        "suites": list(suites),
        "settings": {**settings.to_dict(), "system_prompt": system_prompt},
        "thresholds": {
            "sources": list(thresholds.sources),
            "min_samples": thresholds.min_samples,
            "gate_on": thresholds.gate_on,
            "max_undetermined": thresholds.max_undetermined,
            "max_errors": thresholds.max_errors,
        },
        "results": [r.to_dict() for r in sorted(results, key=lambda r: (r.suite, r.file, r.line, r.id))],
        "cells": [c.to_dict() for c in cells],
        # The cascade judge sends low-confidence verdicts to a second judge; how many it sent.
        **({"escalated": escalated_count(results)} if judge.split(":", 1)[0] == "cascade" else {}),
    }


def escalated_count(results: Sequence[CaseResult]) -> int:
    """Results whose verdict came from the cascade's second judge (their evidence says so)."""
    return sum(1 for r in results if r.evidence.startswith("escalated"))


def write_json(path: str | Path, data: dict[str, Any]) -> None:
    """Write atomically so that a dashboard never reads half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ==================================================================================================
# Reading a record back (overrefusal report, baselines from a results file)


class _Locator:
    """Best-effort line numbers for entries of a JSON file written with one key per line."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def line_of(self, key: str, value: Any, after: int = 0) -> int | None:
        needle = f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for i in range(after, len(self.lines)):
            if needle in self.lines[i]:
                return i + 1
        return None

    def section(self, key: str) -> int:
        needle = json.dumps(key) + ":"
        return next((i for i, line in enumerate(self.lines) if needle in line), 0)


def _check_result(path: str, where: _Locator, index: int, raw: Any) -> None:
    def fail(message: str) -> RecordError:
        line = where.line_of("id", raw.get("id"), where.section("results")) if isinstance(raw, dict) else None
        return RecordError(path, line, f"results[{index}]: {message}")

    if not isinstance(raw, dict):
        raise fail("must be an object")
    unknown = sorted(set(raw) - _RESULT_FIELDS)
    if unknown:
        raise fail(f"unknown field {unknown[0]!r}")
    missing = [k for k in _RESULT_REQUIRED if k not in raw]
    if missing:
        raise fail(f"missing {', '.join(missing)}")
    for key in ("suite", "id", "language", "category", "file"):
        if not isinstance(raw[key], str):
            raise fail(f"{key} must be a string")
    if raw["label"] not in {x.value for x in Label}:
        raise fail(f"label must be safe or unsafe, got {raw['label']!r}")
    if raw["verdict"] is not None and raw["verdict"] not in {v.value for v in Verdict}:
        raise fail(f"unknown verdict {raw['verdict']!r}")
    if raw["verdict"] is None and raw.get("error") is None:
        raise fail("a result without a verdict must carry an error")
    if isinstance(raw["line"], bool) or not isinstance(raw["line"], int):
        raise fail("line must be an integer")
    for key in ("evidence", "response"):
        if key in raw and not isinstance(raw[key], str):
            raise fail(f"{key} must be a string")
    messages = raw.get("messages", [])
    if not isinstance(messages, list) or not all(
        isinstance(m, dict) and isinstance(m.get("role"), str) and isinstance(m.get("content"), str) for m in messages
    ):
        raise fail("messages must be a list of {role, content} objects")
    if not isinstance(raw.get("focus", []), list) or not all(isinstance(f, str) for f in raw.get("focus", [])):
        raise fail("focus must be a list of strings")


def _unit(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float)) and 0 <= value <= 1


def _check_cell(path: str, where: _Locator, index: int, raw: Any) -> None:
    def fail(message: str) -> RecordError:
        return RecordError(path, None, f"cells[{index}]: {message}")

    if not isinstance(raw, dict):
        raise fail("must be an object")
    unknown = sorted(set(raw) - _CELL_FIELDS)
    if unknown:
        raise fail(f"unknown field {unknown[0]!r}")
    missing = [k for k in _CELL_REQUIRED if k not in raw]
    if missing:
        raise fail(f"missing {', '.join(missing)}")
    if raw["kind"] not in ("over_refusal", "under_refusal"):
        raise fail(f"kind must be over_refusal or under_refusal, got {raw['kind']!r}")
    if raw["status"] not in _STATUSES:
        raise fail(f"status must be one of {', '.join(sorted(_STATUSES))}, got {raw['status']!r}")
    n, hits = raw["n"], raw["hits"]
    if any(isinstance(x, bool) or not isinstance(x, int) or x < 0 for x in (n, hits)) or hits > n:
        raise fail(f"n and hits must be counts with hits <= n, got n={n!r}, hits={hits!r}")
    for key in ("rate", "low", "high", "threshold"):
        value = raw.get(key)
        if value is not None and not _unit(value):
            raise fail(f"{key} must be between 0 and 1 or null, got {value!r}")


def load_record(path: str | Path) -> dict[str, Any]:
    """Read and validate a run record; every problem is one ``RecordError`` naming the file (and line)."""
    p = Path(path)
    data, text = load_json_file(p, RecordError, "results")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise RecordError(p, None, f"not a results file: format must be {FORMAT!r}, got {found!r}")
    if data.get("format_version") != 1 or isinstance(data.get("format_version"), (bool, float)):
        version = data.get("format_version")
        raise RecordError(p, None, f"unsupported results format_version {version!r} (this version reads 1)")
    from .validation import check_json

    where = _Locator(text)
    for key in ("results", "cells"):
        if not isinstance(data.get(key), list):
            raise RecordError(p, where.section(key) + 1 if key in data else None, f"{key} must be a list")
    check_json(data, text, "record", p, RecordError)  # types first: values are checked below
    for i, raw in enumerate(data["results"]):
        _check_result(str(p), where, i, raw)
    for i, raw in enumerate(data["cells"]):
        _check_cell(str(p), where, i, raw)
    regressions = data.get("regressions")
    if regressions is not None and not isinstance(regressions, dict):
        raise RecordError(p, where.section("regressions") + 1, "regressions must be an object or null")
    from .validation import check_record_values

    check_record_values(data, text, p, RecordError)
    return data


def results_of(record: Mapping[str, Any]) -> list[CaseResult]:
    return [CaseResult.from_dict(r) for r in record.get("results") or ()]


def cells_of(record: Mapping[str, Any]) -> list[Cell]:
    cells = []
    for raw in record.get("cells") or ():
        values = {f.name: raw.get(f.name) for f in fields(Cell)}
        values["offenders"] = tuple(raw.get("offenders") or ())
        values["reason"] = raw.get("reason") or ""
        values["min_samples"] = int(raw.get("min_samples") or 0)
        values["undetermined"] = int(raw.get("undetermined") or 0)
        values["errors"] = int(raw.get("errors") or 0)
        cells.append(Cell(**values))
    return cells
