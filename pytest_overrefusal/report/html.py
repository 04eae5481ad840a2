"""The self-contained HTML report: one file, inline CSS and JS, every untrusted string escaped.

This module assembles the page from a run record: the parts every run has come from ``cells``
(heatmaps, cell table, failing prompts) and ``sampled``; every other entry of the record is shown by
a section provider (``sections``: mitigations, XSB triggers, the steering plugin's boundary, third
parties), so the page itself knows no producer's entry. Escaping and the template environment live
in ``format``; see that module for how untrusted text is handled.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..record import RunRecord
from .cells import KIND_TITLES, OUTCOME_ORDER, cell_rows, failing_rows, heatmaps, overall_cell
from .format import embed_json, gradient, highlight, render_template, template_text
from .reader import ReportDataError
from .sampled import cell_test_rows, sampled_rows
from .sections import Section, collect_sections

__all__ = ["ReportDataError", "embed_json", "highlight", "render_html", "write_html"]


def _duration(seconds: Any) -> str:
    if not isinstance(seconds, (int, float)):
        return "–"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s"


def _started(value: Any) -> str:
    return "–" if not value else str(value).replace("T", " ")


def _options(rows: Sequence[Mapping[str, Any]], field: str) -> list[str]:
    return sorted({str(r[field]) for r in rows})


def _context(record: RunRecord, comparison: Mapping[str, Any] | None, sections: Sequence[Section]) -> dict[str, Any]:
    info, results = record.info, list(record.results)
    cells: list[Mapping[str, Any]] = list(record.cell_rows())
    changes: dict[str, str] = {}
    if comparison:
        for change in comparison.get("prompt_regressions") or ():
            changes[str(change["key"])] = str(change["message"]).split(":", 1)[0]
    failing = failing_rows(results, changes)
    failing_cells = [c for c in cells if c.get("status") == "fail"]
    counts = {outcome: sum(1 for r in failing if r["outcome"] == outcome) for outcome in OUTCOME_ORDER}
    regressed = bool(comparison and (comparison.get("prompt_regressions") or comparison.get("cell_regressions")))
    script = template_text("report.js")
    return {
        "record": record.document,
        "title": f"Over-refusal report: {info.model or 'unknown model'}",
        "model": info.model or "unknown",
        "judge": info.judge or "unknown",
        "started": _started(info.started),
        "duration": _duration(record.document.get("duration")),
        "suites": list(info.suites),
        "settings": info.settings,
        "thresholds": info.thresholds,
        "sources": list(info.thresholds.get("sources") or ()),
        "passed": not failing_cells and not regressed and not any(s.failed for s in sections),
        "n_results": len(results),
        "sampling": record.sampling,
        "n_safe": sum(1 for r in results if r.label == "safe"),
        "n_unsafe": sum(1 for r in results if r.label == "unsafe"),
        "counts": counts,
        "overall": {kind: overall_cell(cells, kind) for kind in KIND_TITLES},
        "failing_cells": failing_cells,
        "heatmaps": heatmaps(cells),
        "gradient": gradient(),
        "cell_rows": cell_rows(cells),
        "failing": failing,
        "filters": {
            "language": _options(failing, "language"),
            "category": _options(failing, "category"),
            "label": _options(failing, "label"),
            "verdict": _options(failing, "verdict"),
        },
        "rows_json": embed_json([[r["language"], r["category"], r["label"], r["verdict"]] for r in failing]),
        "comparison": comparison,
        "cell_tests": cell_test_rows(comparison),
        "sampled": sampled_rows(results),
        "regressed": regressed,
        "sections": list(sections),
        "css": Markup(template_text("report.css")),
        "js": Markup(script),
        # Only the report's own script may run (CSP hash): a hole in escaping still could not execute anything.
        "script_hash": "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii"),
    }


def render_html(
    record: Mapping[str, Any] | RunRecord,
    comparison: Mapping[str, Any] | None = None,
    *,
    source: str | Path | None = None,
    hook: Any = None,
) -> str:
    """The report for a run record (see docs/reports.md); ``comparison`` is ``Comparison.to_dict()``.

    When ``comparison`` is None the record's own ``regressions`` entry, if any, is used. ``source``
    names the record's file in a ``ReportDataError`` about an entry a section reads. ``hook`` is
    ``config.hook`` in a pytest run (every plugin's sections); without it the package's own section
    providers and the ``pytest_overrefusal.report_sections`` entry points are asked (``sections``).
    """
    typed = record if isinstance(record, RunRecord) else RunRecord.from_dict(record)
    if comparison is None:
        comparison = typed.regressions or None
    sections = collect_sections(typed, str(source) if source is not None else "run record", hook)
    return str(render_template("report.html.j2", _context(typed, comparison, sections)))


def write_html(path: str | Path, html: str) -> None:
    """Write the report atomically, so that a CI artifact upload never picks up half a file."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(html)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
