"""Baseline files: made from a run record, written atomically, read back through one validator.

Every problem in a baseline file is one ``BaselineError`` naming the file and, where it can be found,
the line (pretty JSON puts every key on its own line).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..record import RunRecord
from ..yamlsource import load_json_file
from .model import (
    _KINDS,
    _LABELS,
    _STRINGS,
    _TOP_KEYS,
    _VERDICTS,
    FORMAT,
    FORMAT_VERSION,
    Baseline,
    BaselineError,
    CellEntry,
    PromptEntry,
    cell_key,
)

__all__ = ["baseline_from_dict", "load_baseline", "make_baseline", "save_baseline"]


def make_baseline(record: Mapping[str, Any] | RunRecord) -> dict[str, Any]:
    """A baseline document (JSON types only) from a run record (typed, or the document the plugin writes)."""
    typed = record if isinstance(record, RunRecord) else RunRecord.from_dict(record)
    prompts: dict[str, dict[str, Any]] = {}
    for r in typed.results:
        verdict = None if r.error is not None else r.verdict
        prompts[f"{r.suite}::{r.id}"] = {
            "label": r.label,
            "verdict": verdict,
            "language": r.language,
            "category": r.category,
        }
        samples = (r.extra or {}).get("samples")
        if verdict is not None and isinstance(samples, dict) and samples.get("refusal_fraction") is not None:
            prompts[f"{r.suite}::{r.id}"]["refusal_fraction"] = samples["refusal_fraction"]
    cells: dict[str, dict[str, Any]] = {}
    for c in typed.cells:
        cells[cell_key(c.suite, c.language, c.category, c.kind)] = {"rate": c.rate, "n": int(c.n), "hits": int(c.hits)}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "model": typed.info.model,
        "model_fingerprint": typed.info.model_fingerprint,
        "judge": typed.info.judge,
        "judge_fingerprint": typed.info.judge_fingerprint,
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
