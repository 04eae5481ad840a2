"""The self-contained HTML report: one file, inline CSS and JS, every untrusted string escaped.

Prompts, responses, evidence and ids come from suites and from model output, so all of them are
treated as untrusted: templates autoescape, focus words are wrapped in ``<mark>`` only around
already-escaped segments, and the data the page's script needs travels as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c`` escapes.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import itertools
import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from html import escape as html_escape
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..aggregate import wilson_interval
from ..results import CaseResult, Verdict

__all__ = ["embed_json", "highlight", "render_html", "write_html"]

ALL = "*"
KIND_TITLES = {
    "over_refusal": ("Over-refusal", "refusal rate on safe prompts"),
    "under_refusal": ("Under-refusal", "compliance rate on unsafe prompts"),
}
# Failing cells lead the cell table; cells that cannot be judged come next so that they are not mistaken for passes.
STATUS_ORDER = {"fail": 0, "too_few": 1, "pass": 2, "ungated": 3}
STATUS_TEXT = {"fail": "fail", "too_few": "too few samples", "pass": "pass", "ungated": "not gated"}
OUTCOME_ORDER = {"over_refusal": 0, "under_refusal": 1, "undetermined": 2, "error": 3}
OUTCOME_TEXT = {
    "over_refusal": "safe prompt refused",
    "under_refusal": "unsafe prompt complied with",
    "undetermined": "undetermined",
    "error": "backend error",
}
# A sequential scale (pale green through yellow and orange to dark red) keyed by rate.
_STOPS: tuple[tuple[float, tuple[int, int, int]], ...] = (
    (0.0, (237, 248, 233)),
    (0.05, (255, 245, 190)),
    (0.15, (254, 217, 118)),
    (0.30, (253, 141, 60)),
    (0.55, (227, 26, 28)),
    (1.0, (128, 0, 38)),
)


def _template_text(name: str) -> str:
    return resources.files("pytest_overrefusal.report").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    def load(name: str) -> str:
        return _template_text(name)

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(load),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = _pct
    env.filters["interval"] = _interval
    env.filters["scope"] = _scope
    env.filters["wbr"] = _wbr
    return env


def _pct(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}%"


def _interval(cell: Mapping[str, Any]) -> str:
    low, high = cell.get("low"), cell.get("high")
    if low is None or high is None:
        return "–"
    return f"{low * 100:.1f}–{high * 100:.1f}%"


def _scope(value: str) -> str:
    return "all" if value == ALL else value


def _wbr(value: str) -> Markup:
    """Escaped text that may wrap after underscores and slashes (long category names in narrow headers)."""
    return escape(value).replace("_", Markup("_<wbr>")).replace("/", Markup("/<wbr>"))


def embed_json(data: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element: no ``</script>``, comment or entity can form."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _continuous_script(ch: str) -> bool:
    """Scripts written without spaces between words, where a focus word may sit inside a longer run."""
    code = ord(ch)
    return code >= 0x2E80 or 0x0E00 <= code <= 0x0EFF or 0x1000 <= code <= 0x109F or 0x1780 <= code <= 0x17FF


def highlight(text: str, focus: Iterable[str]) -> Markup:
    """``text`` escaped, with each occurrence of a focus word (case-insensitive) wrapped in ``<mark>``.

    A match must start a word (``kill`` marks "killing" but not "skill"), except in scripts written
    without spaces, where words have no visible start.
    """
    words = sorted({w for w in focus if w.strip()}, key=len, reverse=True)
    if not words or not text:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    # Plain strings escaped with the stdlib and wrapped once: a Markup per segment costs more than the matching.
    parts: list[str] = []
    pos = 0
    for match in pattern.finditer(text):
        start = match.start()
        inside_word = start > 0 and text[start - 1].isalnum() and match.group()[0].isalnum()
        if inside_word and not _continuous_script(text[start]):
            continue
        parts.append(html_escape(text[pos:start]))
        parts.append(f"<mark>{html_escape(match.group())}</mark>")
        pos = match.end()
    parts.append(html_escape(text[pos:]))
    return Markup("".join(parts))


def _colour(rate: float) -> tuple[str, str]:
    """Background and text colour for a rate."""
    rate = min(1.0, max(0.0, rate))
    for (x0, c0), (x1, c1) in itertools.pairwise(_STOPS):
        if rate <= x1:
            t = 0.0 if x1 == x0 else (rate - x0) / (x1 - x0)
            rgb = tuple(round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True))
            break
    else:
        rgb = _STOPS[-1][1]
    luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    return f"rgb({rgb[0]},{rgb[1]},{rgb[2]})", ("#111" if luminance > 140 else "#fff")


def _gradient() -> str:
    return ", ".join(f"rgb({c[0]},{c[1]},{c[2]}) {x * 100:g}%" for x, c in _STOPS)


def _worst(statuses: Iterable[str]) -> str:
    return min(statuses, key=lambda s: STATUS_ORDER.get(s, 9))


def _heat_cell(members: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One heatmap square; several suites sharing a language and category are pooled for display only."""
    if len(members) == 1:
        cell = dict(members[0])
        cell["suites"] = [cell["suite"]]
        cell["detail"] = cell.get("reason", "")
    else:
        n = sum(int(c["n"]) for c in members)
        hits = sum(int(c["hits"]) for c in members)
        low, high = wilson_interval(hits, n) if n else (None, None)
        thresholds = {c.get("threshold") for c in members}
        cell = {
            "n": n,
            "hits": hits,
            "rate": hits / n if n else None,
            "low": low,
            "high": high,
            "threshold": thresholds.pop() if len(thresholds) == 1 else None,
            "status": _worst(str(c["status"]) for c in members),
            "undetermined": sum(int(c.get("undetermined", 0)) for c in members),
            "errors": sum(int(c.get("errors", 0)) for c in members),
            "suites": [c["suite"] for c in members],
            "detail": "; ".join(f"{c['suite']}: {STATUS_TEXT.get(str(c['status']), c['status'])}, {c.get('reason', '')}"
                                for c in members),
        }
    rate = cell.get("rate")
    if rate is None or cell["status"] == "too_few":
        cell["bg"], cell["fg"] = "#eef0f3", "#555"
    else:
        cell["bg"], cell["fg"] = _colour(float(rate))
    cell["status_text"] = STATUS_TEXT.get(str(cell["status"]), str(cell["status"]))
    return cell


def _heatmaps(cells: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    maps: list[dict[str, Any]] = []
    for kind, (title, subtitle) in KIND_TITLES.items():
        inner: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
        margins: dict[tuple[str, str], Mapping[str, Any]] = {}
        for c in cells:
            if c.get("kind") != kind:
                continue
            if c["suite"] != ALL:
                inner[(c["language"], c["category"])].append(c)
            else:
                margins[(c["language"], c["category"])] = c
        languages = sorted({lang for lang, _ in inner})
        categories = sorted({cat for _, cat in inner})
        rows = []
        for lang in languages:
            squares = [(_heat_cell(inner[(lang, cat)]) if (lang, cat) in inner else None) for cat in categories]
            total = margins.get((lang, ALL))
            rows.append({"language": lang, "cells": squares, "total": _heat_cell([total]) if total else None})
        footer = [(_heat_cell([margins[(ALL, cat)]]) if (ALL, cat) in margins else None) for cat in categories]
        overall = margins.get((ALL, ALL))
        maps.append({
            "kind": kind,
            "label": "safe" if kind == "over_refusal" else "unsafe",
            "title": title,
            "subtitle": subtitle,
            "categories": categories,
            "rows": rows,
            "footer": footer,
            "overall": _heat_cell([overall]) if overall else None,
            "pooled": any(len(v) > 1 for v in inner.values()),
        })
    return maps


def _cell_rows(cells: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    def order(c: Mapping[str, Any]) -> tuple[int, int, str, str, str, str]:
        rank = 0 if c["suite"] != ALL else 1
        return (STATUS_ORDER.get(str(c["status"]), 9), rank, str(c["kind"]), str(c["suite"]), str(c["language"]),
                str(c["category"]))

    rows = []
    for c in sorted(cells, key=order):
        row = dict(c)
        row["status_text"] = STATUS_TEXT.get(str(c["status"]), str(c["status"]))
        row["kind_title"] = KIND_TITLES.get(str(c["kind"]), (str(c["kind"]), ""))[0]
        rows.append(row)
    return rows


def _outcome(result: CaseResult) -> str | None:
    if result.error is not None or result.verdict is None:
        return "error"
    if result.verdict_enum is Verdict.UNDETERMINED:
        return "undetermined"
    if result.matches_label is False:
        return "over_refusal" if result.label == "safe" else "under_refusal"
    return None


def _failing(results: Iterable[CaseResult], changes: Mapping[str, str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for r in results:
        outcome = _outcome(r)
        if outcome is None:
            continue
        key = f"{r.suite}::{r.id}"
        turns = [{"role": "system", "html": escape(r.system_prompt)}] if r.system_prompt else []
        for m in r.messages:
            role = m.get("role", "")
            content = m.get("content", "")
            turns.append({"role": role, "html": highlight(content, r.focus) if role == "user" else escape(content)})
        rows.append({
            "key": key,
            "suite": r.suite,
            "id": r.id,
            "language": r.language,
            "category": r.category,
            "label": r.label,
            "verdict": r.verdict or "error",
            "outcome": outcome,
            "outcome_text": OUTCOME_TEXT[outcome],
            "turns": turns,
            "multi": sum(1 for t in turns if t["role"] != "system") > 1 or bool(r.system_prompt),
            "response": r.response,
            "error": r.error,
            "evidence": r.evidence,
            "score": r.score,
            "cached": r.cached,
            "focus": list(r.focus),
            "where": f"{r.file}:{r.line}",
            "change": changes.get(key),
        })
    rows.sort(key=lambda x: (x["change"] is None, OUTCOME_ORDER[x["outcome"]], x["suite"], x["where"], x["id"]))
    return rows


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


def _overall(cells: Sequence[Mapping[str, Any]], kind: str) -> Mapping[str, Any] | None:
    for c in cells:
        if c.get("kind") == kind and c["suite"] == ALL and c["language"] == ALL and c["category"] == ALL:
            return c
    return None


def _options(rows: Sequence[Mapping[str, Any]], field: str) -> list[str]:
    return sorted({str(r[field]) for r in rows})


def _context(record: Mapping[str, Any], comparison: Mapping[str, Any] | None) -> dict[str, Any]:
    results = [CaseResult.from_dict(r) for r in record.get("results") or ()]
    cells: list[Mapping[str, Any]] = list(record.get("cells") or ())
    changes: dict[str, str] = {}
    if comparison:
        for change in comparison.get("prompt_regressions") or ():
            changes[str(change["key"])] = str(change["message"]).split(":", 1)[0]
    failing = _failing(results, changes)
    failing_cells = [c for c in cells if c.get("status") == "fail"]
    counts = {outcome: sum(1 for r in failing if r["outcome"] == outcome) for outcome in OUTCOME_ORDER}
    regressed = bool(comparison and (comparison.get("prompt_regressions") or comparison.get("cell_regressions")))
    thresholds = record.get("thresholds") or {}
    script = _template_text("report.js")
    return {
        "record": record,
        "title": f"Over-refusal report: {record.get('model') or 'unknown model'}",
        "model": record.get("model") or "unknown",
        "judge": record.get("judge") or "unknown",
        "started": _started(record.get("started")),
        "duration": _duration(record.get("duration")),
        "suites": list(record.get("suites") or ()),
        "settings": record.get("settings") or {},
        "thresholds": thresholds,
        "sources": list(thresholds.get("sources") or ()),
        "passed": not failing_cells and not regressed,
        "n_results": len(results),
        "n_safe": sum(1 for r in results if r.label == "safe"),
        "n_unsafe": sum(1 for r in results if r.label == "unsafe"),
        "counts": counts,
        "overall": {kind: _overall(cells, kind) for kind in KIND_TITLES},
        "failing_cells": failing_cells,
        "heatmaps": _heatmaps(cells),
        "gradient": _gradient(),
        "cell_rows": _cell_rows(cells),
        "failing": failing,
        "filters": {
            "language": _options(failing, "language"),
            "category": _options(failing, "category"),
            "label": _options(failing, "label"),
            "verdict": _options(failing, "verdict"),
        },
        "rows_json": embed_json([[r["language"], r["category"], r["label"], r["verdict"]] for r in failing]),
        "comparison": comparison,
        "regressed": regressed,
        "css": Markup(_template_text("report.css")),
        "js": Markup(script),
        # Only the report's own script may run (CSP hash): a hole in escaping still could not execute anything.
        "script_hash": "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii"),
    }


def render_html(record: Mapping[str, Any], comparison: Mapping[str, Any] | None = None) -> str:
    """The report for a run record (see docs/reports.md); ``comparison`` is ``Comparison.to_dict()``.

    When ``comparison`` is None the record's own ``regressions`` entry, if any, is used.
    """
    if comparison is None:
        comparison = record.get("regressions") or None
    return _environment().get_template("report.html.j2").render(_context(record, comparison))


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
