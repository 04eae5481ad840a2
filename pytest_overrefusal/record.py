"""The run record: everything a run produced, as one JSON document (the ``--overrefusal-json`` file).

Reports, baselines and ``overrefusal report`` all read this document, so it holds plain JSON types
only. The schema is documented in docs/results-format.md.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._version import __version__
from .aggregate import Cell
from .backends.base import GenerationSettings
from .results import CaseResult
from .thresholds import Thresholds

__all__ = ["FORMAT", "build_record", "write_json"]

FORMAT = "pytest-overrefusal/results"


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
        },
        "results": [r.to_dict() for r in sorted(results, key=lambda r: (r.suite, r.file, r.line, r.id))],
        "cells": [c.to_dict() for c in cells],
    }


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
