"""HTML context for the XSB sections of a run record: ``triggers`` and the attention-steering mitigation.

A section provider (``report.sections``): it reads only its own two entries and renders
``triggers.html.j2`` and ``attention.html.j2``. A malformed entry is reported as a ``ReportDataError``
naming the record and the entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .format import render_template
from .reader import ReportDataError
from .sections import Section, hookimpl

if TYPE_CHECKING:
    from ..record import RunRecord

__all__ = ["pytest_overrefusal_report_sections", "xsb_context"]


def _obj(value: Any, where: str, source: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ReportDataError(source, None, f"{where} must be an object")
    return value


def _list(value: Any, where: str, source: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ReportDataError(source, None, f"{where} must be a list")
    return value


def _triggers(data: Any, source: str) -> dict[str, Any] | None:
    if data is None:
        return None
    t = _obj(data, "triggers", source)
    prompts = []
    for i, raw in enumerate(_list(t.get("prompts"), "triggers.prompts", source)):
        p = _obj(raw, f"triggers.prompts[{i}]", source)
        ranked = [
            _obj(x, f"triggers.prompts[{i}].triggers[{j}]", source)
            for j, x in enumerate(_list(p.get("triggers"), f"triggers.prompts[{i}].triggers", source))
        ]
        prompts.append(
            {
                "suite": str(p.get("suite", "")),
                "id": str(p.get("id", "")),
                "language": str(p.get("language", "")),
                "prompt": str(p.get("prompt", "")),
                "focus": [str(f) for f in _list(p.get("focus"), f"triggers.prompts[{i}].focus", source)],
                "method": str(p.get("method", "")),
                "agrees": p.get("agrees"),
                "triggers": [
                    {"word": str(x.get("word", "")), "score": x.get("score"), "untested": bool(x.get("untested"))}
                    for x in ranked
                ],
            }
        )
    languages = []
    for lang, raw in sorted(_obj(t.get("by_language") or {}, "triggers.by_language", source).items()):
        row = _obj(raw, f"triggers.by_language.{lang}", source)
        words = [_obj(w, f"triggers.by_language.{lang}.words", source) for w in _list(row.get("words"), lang, source)]
        languages.append({"language": str(lang), "prompts": row.get("prompts", 0), "annotated": row.get("annotated", 0),
                          "agree": row.get("agree", 0), "agreement": row.get("agreement"), "words": words})  # fmt: skip
    agreement = _obj(t.get("agreement") or {}, "triggers.agreement", source)
    return {
        "methods": [str(m) for m in _list(t.get("methods"), "triggers.methods", source)],
        "note": str(t.get("note") or ""),
        "candidates": t.get("candidates", len(prompts)),
        "prompts": prompts,
        "errors": _list(t.get("errors"), "triggers.errors", source),
        "languages": languages,
        "agreement": agreement,
    }


def _side(t: Any, where: str, source: str) -> dict[str, Any] | None:
    if t is None:
        return None
    s = _obj(t, where, source)
    return {
        "prompt": str(s.get("prompt", "")),
        "words": [str(w) for w in _list(s.get("steered_words"), f"{where}.steered_words", source)],
        "response": str(s.get("response") or "")[:320],
        "verdict": s.get("verdict"),
        "error": s.get("error"),
        "refused": s.get("refused"),
        "id": s.get("id"),
        "refused_before": s.get("refused_before"),
    }


def _attention(data: Any, source: str) -> dict[str, Any] | None:
    if data is None:
        return None
    m = _obj(data, "mitigations", source)
    info = m.get("attention_steering")
    if info is None:
        return None
    info = _obj(info, "mitigations.attention_steering", source)
    rows = []
    for i, raw in enumerate(_list(m.get("prompts"), "mitigations.prompts", source)):
        p = _obj(raw, f"mitigations.prompts[{i}]", source)
        trial = _obj(p.get("mitigations") or {}, f"mitigations.prompts[{i}].mitigations", source).get(
            "attention_steering"
        )
        if trial is None:
            continue
        where = f"mitigations.prompts[{i}].mitigations.attention_steering"
        t = _obj(trial, where, source)
        rows.append(
            {
                "suite": str(p.get("suite", "")),
                "id": str(p.get("id", "")),
                "language": str(p.get("language", "")),
                "safe": _side(t, where, source),
                "twin": _side(t.get("twin"), f"{where}.twin", source),
                "restores": t.get("restores"),
                "unlocks_twin": t.get("unlocks_twin"),
            }
        )
    return {"info": dict(info), "rows": rows}


def xsb_context(record: Mapping[str, Any], source: str) -> dict[str, Any]:
    """``{"triggers": ..., "attention": ...}``, each None when the record has no such entry."""
    return {
        "triggers": _triggers(record.get("triggers"), source),
        "attention": _attention(record.get("mitigations"), source),
    }


@hookimpl
def pytest_overrefusal_report_sections(record: RunRecord, source: str) -> list[Section] | None:
    xsb = xsb_context(record.extras, source)
    sections = []
    if xsb["triggers"] is not None:
        nav = Markup('Triggers <span class="count">{}</span>').format(len(xsb["triggers"]["prompts"]))
        sections.append(Section("triggers", nav, render_template("triggers.html.j2", {"tr": xsb["triggers"]}), 200))
    if xsb["attention"]:
        html = render_template("attention.html.j2", {"at": xsb["attention"]})
        sections.append(Section("attention-steering", Markup(""), html, 210))
    return sections
