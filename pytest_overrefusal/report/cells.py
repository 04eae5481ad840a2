"""The core report's own parts: heatmaps, the cell table, failing prompts, from the record's cells and results.

Which cells are heatmap squares and which are margins (per language, per category, overall) comes
from ``scopes``; a new scope kind shows in the cell table without an edit here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from markupsafe import escape

from ..aggregate import wilson_interval
from ..early_stop import finish_note
from ..results import CaseResult, Verdict
from ..scopes import ALL, is_cell, kind_of
from .format import colour, highlight

__all__ = ["KIND_TITLES", "OUTCOME_ORDER", "cell_rows", "failing_rows", "heatmaps", "overall_cell"]

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


def _scope(c: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(c["suite"]), str(c["language"]), str(c["category"]))


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
            "detail": "; ".join(
                f"{c['suite']}: {STATUS_TEXT.get(str(c['status']), c['status'])}, {c.get('reason', '')}"
                for c in members
            ),
        }
    rate = cell.get("rate")
    if rate is None or cell["status"] == "too_few":
        cell["bg"], cell["fg"] = "#eef0f3", "#555"
    else:
        cell["bg"], cell["fg"] = colour(float(rate))
    cell["status_text"] = _status_text(cell)
    return cell


def heatmaps(cells: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    maps: list[dict[str, Any]] = []
    for kind, (title, subtitle) in KIND_TITLES.items():
        inner: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
        margins: dict[tuple[str, str], Mapping[str, Any]] = {}
        for c in cells:
            if c.get("kind") != kind:
                continue
            if is_cell(_scope(c)):
                inner[(c["language"], c["category"])].append(c)
            elif kind_of(_scope(c)).name in ("language", "category", "overall"):
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
        maps.append(
            {
                "kind": kind,
                "label": "safe" if kind == "over_refusal" else "unsafe",
                "title": title,
                "subtitle": subtitle,
                "categories": categories,
                "rows": rows,
                "footer": footer,
                "overall": _heat_cell([overall]) if overall else None,
                "pooled": any(len(v) > 1 for v in inner.values()),
            }
        )
    return maps


def cell_rows(cells: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    def order(c: Mapping[str, Any]) -> tuple[int, int, str, str, str, str]:
        return (
            STATUS_ORDER.get(str(c["status"]), 9),
            0 if is_cell(_scope(c)) else 1,
            str(c["kind"]),
            str(c["suite"]),
            str(c["language"]),
            str(c["category"]),
        )

    rows = []
    for c in sorted(cells, key=order):
        row = dict(c)
        row["status_text"] = _status_text(c)
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


def failing_rows(results: Iterable[CaseResult], changes: Mapping[str, str]) -> list[dict[str, Any]]:
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
        rows.append(
            {
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
                "finish_note": finish_note(r.finish, r.tokens),
                "error": r.error,
                "evidence": r.evidence,
                "score": r.score,
                "cached": r.cached,
                "focus": list(r.focus),
                "where": f"{r.file}:{r.line}",
                "change": changes.get(key),
            }
        )
    rows.sort(key=lambda x: (x["change"] is None, OUTCOME_ORDER[x["outcome"]], x["suite"], x["where"], x["id"]))
    return rows


def _status_text(cell: Mapping[str, Any]) -> str:
    # A failing cell that nobody judged (dead model or judge) says so rather than just "fail".
    if cell.get("not_evaluated"):
        return "NOT EVALUATED"
    return STATUS_TEXT.get(str(cell["status"]), str(cell["status"]))


def overall_cell(cells: Sequence[Mapping[str, Any]], kind: str) -> Mapping[str, Any] | None:
    for c in cells:
        if c.get("kind") == kind and kind_of(_scope(c)).name == "overall":
            return c
    return None
