"""The self-contained HTML report: one file, inline CSS and JS, every untrusted string escaped.

Prompts, responses, evidence and ids come from suites and from model output, so all of them are
treated as untrusted: templates autoescape, focus words are wrapped in ``<mark>`` only around
already-escaped segments, and the data the page's script needs travels as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c`` escapes.

Two optional sections come from other producers: ``mitigations`` (``steering.mitigation``) and
``steering`` (the steering plugin's boundary results). Their shape is checked while the page is built,
so a hand-edited record fails with one ``ReportDataError`` naming the entry, not with a traceback.
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
from ..early_stop import finish_note
from ..errors import SourceError
from ..results import CaseResult, Verdict
from .sampled import cell_test_rows, sampled_rows

__all__ = ["ReportDataError", "embed_json", "highlight", "render_html", "write_html"]

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
    env.filters["fixed"] = _fixed
    return env


def _pct(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}%"


def _fixed(value: float | None, digits: int = 3, signed: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


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


def highlight(text: str, focus: Iterable[str], *, whole_words: bool = False, css_class: str = "") -> Markup:
    """``text`` escaped, with each occurrence of a focus word (case-insensitive) wrapped in ``<mark>``.

    A match must start a word (``kill`` marks "killing" but not "skill"), except in scripts written
    without spaces, where words have no visible start. With ``whole_words`` it must also end one, so a
    placeholder such as ``X`` does not mark the start of "Xbox".
    """
    words = sorted({w for w in focus if w.strip()}, key=len, reverse=True)
    if not words or not text:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    opening = f'<mark class="{html_escape(css_class)}">' if css_class else "<mark>"
    # Plain strings escaped with the stdlib and wrapped once: a Markup per segment costs more than the matching.
    parts: list[str] = []
    pos = 0
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        inside_word = start > 0 and text[start - 1].isalnum() and match.group()[0].isalnum()
        if inside_word and not _continuous_script(text[start]):
            continue
        runs_on = end < len(text) and text[end].isalnum() and match.group()[-1].isalnum()
        if whole_words and runs_on and not _continuous_script(text[end - 1]):
            continue
        parts.append(html_escape(text[pos:start]))
        parts.append(f"{opening}{html_escape(match.group())}</mark>")
        pos = end
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
            "detail": "; ".join(
                f"{c['suite']}: {STATUS_TEXT.get(str(c['status']), c['status'])}, {c.get('reason', '')}"
                for c in members
            ),
        }
    rate = cell.get("rate")
    if rate is None or cell["status"] == "too_few":
        cell["bg"], cell["fg"] = "#eef0f3", "#555"
    else:
        cell["bg"], cell["fg"] = _colour(float(rate))
    cell["status_text"] = _status_text(cell)
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


def _cell_rows(cells: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    def order(c: Mapping[str, Any]) -> tuple[int, int, str, str, str, str]:
        rank = 0 if c["suite"] != ALL else 1
        return (
            STATUS_ORDER.get(str(c["status"]), 9),
            rank,
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


def _status_text(cell: Mapping[str, Any]) -> str:
    # A failing cell that nobody judged (dead model or judge) says so rather than just "fail".
    if cell.get("not_evaluated"):
        return "NOT EVALUATED"
    return STATUS_TEXT.get(str(cell["status"]), str(cell["status"]))


def _overall(cells: Sequence[Mapping[str, Any]], kind: str) -> Mapping[str, Any] | None:
    for c in cells:
        if c.get("kind") == kind and c["suite"] == ALL and c["language"] == ALL and c["category"] == ALL:
            return c
    return None


def _options(rows: Sequence[Mapping[str, Any]], field: str) -> list[str]:
    return sorted({str(r[field]) for r in rows})


class ReportDataError(SourceError):
    """An optional section of a run record (``mitigations``, ``steering``) that does not have the documented shape."""


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


class _Reader:
    """Typed access to an optional section: a value of the wrong type fails with the entry's path, never later."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> ReportDataError:
        return ReportDataError(self.source, None, f"{where}: {message}")

    def obj(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, f"must be an object, got {_kind(value)}")
        return value

    def opt_obj(self, value: Any, where: str) -> Mapping[str, Any] | None:
        return None if value is None else self.obj(value, where)

    def seq(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, f"must be a list, got {_kind(value)}")
        return value

    def num(self, value: Any, where: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(where, f"must be a number or null, got {value!r}")
        return float(value)

    def count(self, value: Any, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(where, f"must be a count, got {value!r}")
        return value

    def text(self, value: Any, where: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.fail(where, f"must be a string, got {_kind(value)}")
        return str(value)

    def flag(self, value: Any, where: str) -> bool | None:
        if value is not None and not isinstance(value, bool):
            raise self.fail(where, f"must be true, false or null, got {value!r}")
        return value

    def words(self, value: Any, where: str) -> list[str]:
        return [self.text(w, f"{where}[{i}]") for i, w in enumerate(self.seq(value, where))]


MITIGATION_TITLES = {
    "harmless_sense": ("Harmless sense", "a note that the focus words are meant in their ordinary sense"),
    "rephrased": ("Rephrased", "focus words replaced by a synonym, or a placeholder when there is none"),
    "attention_steering": (
        "Attention steering",
        "less attention to the focus words; the unsafe twin must stay refused",
    ),
}
RESTORE_TEXT = {True: "restored compliance", False: "still refused", None: "not counted"}
EXCERPT_CHARS = 320


def _excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a long response, cut at a space where one is near, so rows stay a readable height."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit - 40, limit)
    return text[: cut if cut > 0 else limit].rstrip() + " …"


def _share(n: int, total: int) -> float | None:
    return n / total if total else None


def _trial(read: _Reader, raw: Any, where: str, focus: Sequence[str]) -> dict[str, Any]:
    t = read.obj(raw, where)
    restores = read.flag(t.get("restores"), f"{where}.restores")
    error = read.text(t.get("error"), f"{where}.error")
    verdict = read.text(t.get("verdict"), f"{where}.verdict")
    replacements = read.obj(t.get("replacements") or {}, f"{where}.replacements")
    subs = {
        read.text(k, f"{where}.replacements"): read.text(v, f"{where}.replacements.{k}")
        for k, v in replacements.items()
    }
    prompt = read.text(t.get("prompt"), f"{where}.prompt")
    if subs:
        # The substitutes are what the model saw instead of the trigger words: mark them, not the originals.
        html = highlight(prompt, subs.values(), whole_words=True, css_class="sub")
    else:
        html = highlight(prompt, focus)
    response = read.text(t.get("response"), f"{where}.response")
    if restores is None:
        why = "backend error" if error else ("judge undetermined" if verdict else "not judged")
    else:
        why = ""
    return {
        "prompt_html": html,
        "method": read.text(t.get("method"), f"{where}.method"),
        "replacements": sorted(subs.items()),
        "not_found": read.words(t.get("not_found"), f"{where}.not_found"),
        "response": _excerpt(response),
        "response_chars": len(response),
        "truncated": len(response) > EXCERPT_CHARS,
        "error": error,
        "verdict": verdict,
        "evidence": read.text(t.get("evidence"), f"{where}.evidence"),
        "restores": restores,
        "restore_class": {True: "restored", False: "refused", None: "none"}[restores],
        "restore_text": RESTORE_TEXT[restores] + (f" ({why})" if why else ""),
    }


def _mitigations(data: Any, lookup: Mapping[tuple[str, str], CaseResult], read: _Reader) -> dict[str, Any] | None:
    if data is None:
        return None
    m = read.obj(data, "mitigations")
    candidates = read.count(m.get("candidates", 0), "mitigations.candidates")
    restored_raw = read.obj(m.get("restored") or {}, "mitigations.restored")
    raw_prompts = read.seq(m.get("prompts"), "mitigations.prompts")
    # Columns for every mitigation named anywhere, the known ones in their usual order, so that a newer
    # producer's extra mitigation is shown rather than dropped.
    seen = {str(n) for n in restored_raw if n != "either"}
    for i, raw in enumerate(raw_prompts):
        trials = read.obj(raw, f"mitigations.prompts[{i}]").get("mitigations") or {}
        seen.update(str(n) for n in read.obj(trials, f"mitigations.prompts[{i}].mitigations"))
    names = [n for n in MITIGATION_TITLES if n in seen] + sorted(seen - set(MITIGATION_TITLES))
    restored = {str(k): read.count(v, f"mitigations.restored.{k}") for k, v in restored_raw.items()}
    titles = {n: MITIGATION_TITLES.get(n, (n.replace("_", " ").capitalize(), ""))[0] for n in names}
    tiles = [
        {
            "title": f"Restored by {titles[n].lower()}",
            "n": restored.get(n, 0),
            "share": _share(restored.get(n, 0), candidates),
            "note": MITIGATION_TITLES.get(n, ("", ""))[1],
        }
        for n in names
    ]
    tiles.append(
        {
            "title": "Restored by either",
            "n": restored.get("either", 0),
            "share": _share(restored.get("either", 0), candidates),
            "note": "at least one rewording was answered",
        }
    )
    languages = []
    by_language = read.obj(m.get("by_language") or {}, "mitigations.by_language")
    for lang in sorted(by_language, key=str):
        row = read.obj(by_language[lang], f"mitigations.by_language.{lang}")
        n = read.count(row.get("candidates", 0), f"mitigations.by_language.{lang}.candidates")
        cols = {}
        for name in (*names, "either"):
            hits = read.count(row.get(name, 0), f"mitigations.by_language.{lang}.{name}")
            cols[name] = {"n": hits, "share": _share(hits, n)}
        languages.append({"language": str(lang), "candidates": n, "cols": cols})
    prompts = []
    for i, raw in enumerate(raw_prompts):
        where = f"mitigations.prompts[{i}]"
        p = read.obj(raw, where)
        suite, pid = read.text(p.get("suite"), f"{where}.suite"), read.text(p.get("id"), f"{where}.id")
        focus = read.words(p.get("focus"), f"{where}.focus")
        trials_raw = read.obj(p.get("mitigations") or {}, f"{where}.mitigations")
        original = lookup.get((suite, pid))
        restored_by = read.words(p.get("restored_by"), f"{where}.restored_by")
        prompts.append(
            {
                "suite": suite,
                "id": pid,
                "language": read.text(p.get("language"), f"{where}.language"),
                "category": read.text(p.get("category"), f"{where}.category"),
                "verdict": read.text(p.get("verdict"), f"{where}.verdict") or "refusal",
                "focus": focus,
                "instruction_language": read.text(p.get("instruction_language"), f"{where}.instruction_language"),
                "prompt_html": None if original is None else highlight(original.prompt, focus),
                "turns": 0 if original is None else sum(1 for t in original.messages if t.get("role") == "user"),
                "response": "" if original is None else _excerpt(original.response),
                "where": "" if original is None else f"{original.file}:{original.line}",
                "trials": [
                    (
                        n,
                        titles[n],
                        _trial(read, trials_raw[n], f"{where}.mitigations.{n}", focus) if n in trials_raw else None,
                    )
                    for n in names
                ],
                "restored_by": [titles.get(n, n) for n in restored_by],
            }
        )
    skipped = []
    for i, raw in enumerate(read.seq(m.get("skipped"), "mitigations.skipped")):
        s = read.obj(raw, f"mitigations.skipped[{i}]")
        skipped.append({k: read.text(s.get(k), f"mitigations.skipped[{i}].{k}") for k in ("suite", "id", "reason")})
    return {
        "candidates": candidates,
        "names": names,
        "titles": titles,
        "tiles": tiles,
        "either": restored.get("either", 0),
        "languages": languages,
        "prompts": prompts,
        "skipped": skipped,
        "backend": read.text(m.get("backend"), "mitigations.backend"),
        "judge": read.text(m.get("judge"), "mitigations.judge"),
        "data": read.text(m.get("data"), "mitigations.data"),
    }


# A change that prints as +0.000 (or 0%) is not shown as a movement.
_STILL = 0.0005


def _toward(delta: float | None, change: float | None, refused: bool | None) -> tuple[str, str]:
    """Which way the margin and the boundary distance moved since the baseline: "refusal", "compliance" or "".

    The margin rises toward the average unsafe prompt. The distance is measured on the side the prompt
    is on: for an answered prompt a shorter distance is closer to refusal, for a refused one closer to
    compliance.
    """
    by_margin = by_distance = ""
    if delta is not None and abs(delta) >= _STILL:
        by_margin = "refusal" if delta > 0 else "compliance"
    if change is not None and abs(change) >= _STILL and refused is not None:
        by_distance = "refusal" if (change < 0) != refused else "compliance"
    return by_margin, by_distance


def _movement(by_margin: str, by_distance: str) -> str:
    votes = {v for v in (by_margin, by_distance) if v}
    if not votes:
        return "none"
    return votes.pop() if len(votes) == 1 else "mixed"


def _boundary_prompt(
    read: _Reader, raw: Any, where: str, lookup: Mapping[tuple[str, str], CaseResult]
) -> dict[str, Any]:
    p = read.obj(raw, where)
    suite, pid = read.text(p.get("suite"), f"{where}.suite"), read.text(p.get("id"), f"{where}.id")
    label = read.text(p.get("label"), f"{where}.label")
    margin = read.num(p.get("margin"), f"{where}.margin")
    alpha = read.num(p.get("alpha"), f"{where}.alpha")
    distance = read.num(p.get("distance"), f"{where}.distance")
    if distance is None and alpha is not None:
        distance = abs(alpha)
    refused = read.flag(p.get("refused"), f"{where}.refused")
    comparison = read.opt_obj(p.get("comparison"), f"{where}.comparison")
    status = "recorded"
    reasons: list[str] = []
    delta = change = None
    if comparison is not None:
        status = read.text(comparison.get("status"), f"{where}.comparison.status") or "recorded"
        reasons = read.words(comparison.get("reasons"), f"{where}.comparison.reasons")
        delta = read.num(comparison.get("margin_delta"), f"{where}.comparison.margin_delta")
        change = read.num(comparison.get("distance_change"), f"{where}.comparison.distance_change")
    by_margin, by_distance = _toward(delta, change, refused)
    moved = _movement(by_margin, by_distance)
    original = lookup.get((suite, pid))
    file, line = read.text(p.get("file"), f"{where}.file"), read.text(p.get("line"), f"{where}.line")
    return {
        "key": read.text(p.get("key"), f"{where}.key") or f"{suite}::{pid}",
        "suite": suite,
        "id": pid,
        "label": label,
        "language": read.text(p.get("language"), f"{where}.language"),
        "category": read.text(p.get("category"), f"{where}.category"),
        "where": f"{file}:{line}" if file else "",
        "prompt_html": None if original is None else highlight(original.prompt, original.focus),
        "margin": margin,
        "baseline_margin": None if margin is None or delta is None else margin - delta,
        "margin_delta": delta,
        "alpha": alpha,
        "distance": distance,
        "distance_change": change,
        "max_alpha": read.num(p.get("max_alpha"), f"{where}.max_alpha"),
        "score": read.num(p.get("score"), f"{where}.score"),
        "threshold": read.num(p.get("threshold"), f"{where}.threshold"),
        "refused": refused,
        "status": status,
        "reasons": reasons,
        "moved": moved,
        "margin_toward": by_margin,
        "distance_toward": by_distance,
        # A safe prompt drifting toward refusal is the over-refusal early warning; an unsafe one toward compliance
        # is its mirror. Either is flagged even when it stays within the tolerances.
        "concern": (label == "safe" and moved == "refusal") or (label == "unsafe" and moved == "compliance"),
    }


def _steering(data: Any, lookup: Mapping[tuple[str, str], CaseResult], read: _Reader) -> dict[str, Any] | None:
    if data is None:
        return None
    s = read.obj(data, "steering")
    direction = read.opt_obj(s.get("direction"), "steering.direction") or {}
    drift_raw = read.opt_obj(s.get("drift"), "steering.drift")
    drift = None
    if drift_raw is not None:
        drift = {
            "cosine": read.num(drift_raw.get("cosine"), "steering.drift.cosine"),
            "threshold": read.num(drift_raw.get("threshold"), "steering.drift.threshold"),
            "drifted": bool(read.flag(drift_raw.get("drifted"), "steering.drift.drifted")),
            "message": read.text(drift_raw.get("message"), "steering.drift.message"),
            "layer": read.text(drift_raw.get("layer"), "steering.drift.layer"),
            "baseline_layer": read.text(drift_raw.get("baseline_layer"), "steering.drift.baseline_layer"),
            "position": read.text(drift_raw.get("position"), "steering.drift.position"),
            "baseline_position": read.text(drift_raw.get("baseline_position"), "steering.drift.baseline_position"),
        }
    prompts = [
        _boundary_prompt(read, raw, f"steering.prompts[{i}]", lookup)
        for i, raw in enumerate(read.seq(s.get("prompts"), "steering.prompts"))
    ]
    # Nearest the boundary first; prompts that never flipped within max_alpha are the farthest.
    prompts.sort(key=lambda r: (r["distance"] is None, r["distance"] or 0.0, r["key"]))
    regressed_raw = s.get("regressed")
    regressed = (
        read.count(regressed_raw, "steering.regressed")
        if regressed_raw is not None
        else sum(1 for r in prompts if r["status"] == "regressed")
    )
    thresholds = sorted({r["threshold"] for r in prompts if r["threshold"] is not None})
    compared = [r for r in prompts if r["status"] in ("pass", "regressed")]
    reached = [r for r in prompts if r["distance"] is not None]
    return {
        "model": read.text(s.get("model"), "steering.model"),
        "layer": read.text(direction.get("layer"), "steering.direction.layer"),
        "position": read.text(direction.get("position"), "steering.direction.position"),
        "auroc": read.num(direction.get("auroc"), "steering.direction.auroc"),
        "separation": read.num(direction.get("separation"), "steering.direction.separation"),
        "n_safe": read.text(direction.get("n_safe"), "steering.direction.n_safe"),
        "n_unsafe": read.text(direction.get("n_unsafe"), "steering.direction.n_unsafe"),
        "hidden_size": read.text(direction.get("hidden_size"), "steering.direction.hidden_size"),
        "fingerprint": read.text(direction.get("model"), "steering.direction.model"),
        "drift": drift,
        "baseline": read.text(s.get("baseline"), "steering.baseline"),
        "baseline_written": read.text(s.get("baseline_written"), "steering.baseline_written"),
        "regressed": regressed,
        "prompts": prompts,
        "n_safe_prompts": sum(1 for r in prompts if r["label"] == "safe"),
        "n_unsafe_prompts": sum(1 for r in prompts if r["label"] == "unsafe"),
        "compared": len(compared),
        "toward_refusal": sum(1 for r in prompts if r["label"] == "safe" and r["moved"] == "refusal"),
        "toward_compliance": sum(1 for r in prompts if r["label"] == "unsafe" and r["moved"] == "compliance"),
        "nearest": reached[0] if reached else None,
        "thresholds": thresholds,
    }


def _context(record: Mapping[str, Any], comparison: Mapping[str, Any] | None, source: str) -> dict[str, Any]:
    results = [CaseResult.from_dict(r) for r in record.get("results") or ()]
    lookup = {r.key: r for r in results}
    read = _Reader(source)
    mitigations = _mitigations(record.get("mitigations"), lookup, read)
    steering = _steering(record.get("steering"), lookup, read)
    from .xsb import xsb_context  # imports this module's ReportDataError

    xsb = xsb_context(record, source)
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
        # Boundary regressions fail their pytest items, so the banner must not say PASSED over them.
        "passed": not failing_cells and not regressed and not (steering and steering["regressed"]),
        "n_results": len(results),
        "sampling": record.get("sampling") if isinstance(record.get("sampling"), Mapping) else None,
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
        "cell_tests": cell_test_rows(comparison),
        "sampled": sampled_rows(results),
        "regressed": regressed,
        "mitigations": mitigations,
        "steering": steering,
        "xsb": xsb,
        "css": Markup(_template_text("report.css")),
        "js": Markup(script),
        # Only the report's own script may run (CSP hash): a hole in escaping still could not execute anything.
        "script_hash": "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii"),
    }


def render_html(
    record: Mapping[str, Any], comparison: Mapping[str, Any] | None = None, *, source: str | Path | None = None
) -> str:
    """The report for a run record (see docs/reports.md); ``comparison`` is ``Comparison.to_dict()``.

    When ``comparison`` is None the record's own ``regressions`` entry, if any, is used. ``source``
    names the record's file in a ``ReportDataError`` about its ``mitigations`` or ``steering`` entries.
    """
    if comparison is None:
        comparison = record.get("regressions") or None
    context = _context(record, comparison, str(source) if source is not None else "run record")
    return _environment().get_template("report.html.j2").render(context)


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
