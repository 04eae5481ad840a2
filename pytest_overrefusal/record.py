"""The run record: everything a run produced, as one JSON document (the ``--overrefusal-json`` file).

Reports, baselines and ``overrefusal report`` all read this document, so it holds plain JSON types
only. ``RunRecord`` is its typed form, ``read_record`` reads one back through the one validator
(``record_check``). The schema is documented in docs/results-format.md.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ._version import __version__
from .aggregate import Cell
from .backends.base import GenerationSettings
from .record_check import FORMAT, RecordError, load_record
from .results import CaseResult
from .thresholds import Thresholds

__all__ = [
    "FORMAT",
    "RecordError",
    "RunInfo",
    "RunRecord",
    "build_record",
    "cells_of",
    "escalated_count",
    "load_record",
    "read_record",
    "results_of",
    "write_json",
]

# Top-level entries the record type knows; any other entry was added by another producer (the session's
# diagnostics, a plugin's ``pytest_overrefusal_record``) and travels in ``RunRecord.extras``.
_CORE_KEYS = frozenset(
    {"format", "format_version", "plugin_version", "model", "model_fingerprint", "judge", "judge_fingerprint",
     "started", "duration", "suites", "settings", "thresholds", "results", "cells", "regressions", "sampling"}
)  # fmt: skip


@dataclass(frozen=True)
class RunInfo:
    """What ran: model and judge with fingerprints, when, how long, on which suites and settings."""

    plugin_version: str
    model: str | None
    model_fingerprint: str | None
    judge: str | None
    judge_fingerprint: str | None
    started: str
    duration: float | None
    suites: tuple[Mapping[str, Any], ...]
    settings: Mapping[str, Any]
    thresholds: Mapping[str, Any]


@dataclass(frozen=True)
class RunRecord:
    """A run record as typed parts, read from (and written as) the JSON document.

    ``document`` is the JSON itself: ``to_dict`` returns it unchanged, so a record read and written
    again is byte for byte the file it came from (users' baselines and dashboards depend on that), and
    entries added by producers this type does not know survive. Readers (report, baselines,
    ``overrefusal report``) use the typed parts.
    """

    info: RunInfo
    results: tuple[CaseResult, ...]
    cells: tuple[Cell, ...]
    regressions: Mapping[str, Any] | None
    sampling: Mapping[str, Any] | None
    extras: Mapping[str, Any]
    document: Mapping[str, Any] = field(repr=False)
    # A sampled run's prompts before sampling, per cell (suite, language, category, kind).
    populations: Mapping[tuple[str, str, str, str], int] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RunRecord:
        """The typed record of a document that ``load_record`` (or ``build_record``) produced."""
        thresholds = data.get("thresholds")
        duration = data.get("duration")
        info = RunInfo(
            plugin_version=str(data.get("plugin_version") or ""),
            model=data.get("model"),
            model_fingerprint=data.get("model_fingerprint"),
            judge=data.get("judge"),
            judge_fingerprint=data.get("judge_fingerprint"),
            started=str(data.get("started") or ""),
            duration=float(duration) if isinstance(duration, (int, float)) else None,
            suites=tuple(data.get("suites") or ()),
            settings=dict(data.get("settings") or {}),
            thresholds=dict(thresholds) if isinstance(thresholds, Mapping) else {},
        )
        regressions, sampling = data.get("regressions"), data.get("sampling")
        return cls(
            info=info,
            results=tuple(results_of(data)),
            cells=tuple(cells_of(data)),
            regressions=regressions if isinstance(regressions, Mapping) else None,
            sampling=sampling if isinstance(sampling, Mapping) else None,
            extras={k: v for k, v in data.items() if k not in _CORE_KEYS},
            document=data,
            populations={
                (c["suite"], c["language"], c["category"], c["kind"]): int(c["population"])
                for c in data.get("cells") or ()
                if isinstance(c.get("population"), int)
            },
        )

    def to_dict(self) -> dict[str, Any]:
        return dict(self.document)

    def extra(self, name: str) -> Any:
        """An entry another producer added (``mitigations``, ``triggers``, ``steering``, ...), or None."""
        return self.extras.get(name)

    def cell_rows(self) -> list[dict[str, Any]]:
        """The cells as JSON-type rows (``Cell.to_dict``), with ``population`` where the run was sampled."""
        rows = []
        for c in self.cells:
            row = c.to_dict()
            population = self.populations.get((c.suite, c.language, c.category, c.kind))
            if population is not None:
                row["population"] = population
            rows.append(row)
        return rows

    @property
    def by_key(self) -> dict[tuple[str, str], CaseResult]:
        return {r.key: r for r in self.results}


def read_record(path: str | Path) -> RunRecord:
    """Read, validate (``record_check.load_record``: one error naming file:line) and type a run record."""
    return RunRecord.from_dict(load_record(path))


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
