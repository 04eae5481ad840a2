"""Reading a run record back: the one validator, every problem one ``RecordError`` naming file:line.

Three layers, in order: the document's format and version; the types, from the JSON schema
``schema/record.schema.json``; then what a schema cannot say (known fields, label and verdict values,
counts, rates that match their counts, no prompt twice). ``record.read_record`` turns the validated
document into a typed ``RunRecord``; entries other producers add (``mitigations``, ``steering``, ...)
are checked by the report section that shows them (``report.reader``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from .aggregate import Cell
from .errors import SourceError
from .results import CaseResult, Label, Verdict
from .validation import check_json, json_line
from .yamlsource import load_json_file

__all__ = ["FORMAT", "RecordError", "load_record"]

FORMAT = "pytest-overrefusal/results"

_RESULT_FIELDS = frozenset(f.name for f in fields(CaseResult))
_RESULT_REQUIRED = ("suite", "id", "language", "category", "label", "verdict", "file", "line")
_CELL_FIELDS = frozenset(f.name for f in fields(Cell)) | {"passed", "population", "not_evaluated"}
_CELL_REQUIRED = ("suite", "language", "category", "kind", "n", "hits", "status")
_STATUSES = frozenset({"pass", "fail", "too_few", "ungated"})


class RecordError(SourceError):
    """A results file that is not a pytest-overrefusal run record."""


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
    _check_values(data, text, p)
    return data


def _check_values(data: Mapping[str, Any], text: str, path: Path) -> None:
    """What a types-only schema cannot say about a run record: no prompt twice, rates that match their
    counts, positive line numbers. A hand-edited record that breaks these would report wrong figures."""
    seen: dict[tuple[str, str], int] = {}
    for i, raw in enumerate(data.get("results") or ()):
        key = (raw["suite"], raw["id"])
        if key in seen:
            raise RecordError(
                path, json_line(text, ("results", i)), f"results[{i}]: {key[0]}::{key[1]} repeats results[{seen[key]}]"
            )
        seen[key] = i
        if raw["line"] < 1:
            raise RecordError(path, json_line(text, ("results", i, "line")), f"results[{i}].line: must be at least 1")
    for i, cell in enumerate(data.get("cells") or ()):
        n, hits, rate = cell["n"], cell["hits"], cell.get("rate")
        expected = hits / n if n else None
        if (rate is None) != (expected is None) or (
            rate is not None and expected is not None and abs(rate - expected) > 1e-6
        ):
            raise RecordError(
                path,
                json_line(text, ("cells", i, "rate")),
                f"cells[{i}].rate: {rate!r} does not match hits/n = {hits}/{n}",
            )
