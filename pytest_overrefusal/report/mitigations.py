"""The mitigation-diagnostics section of the report: the run record's ``mitigations`` entry.

``steering.mitigation`` writes the entry (``--overrefusal-mitigations``); this provider reads it
through ``SectionReader`` (a malformed entry is one ``ReportDataError`` naming its path) and renders
``templates/mitigations.html.j2``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..results import CaseResult
from .format import EXCERPT_CHARS, excerpt, highlight, render_template
from .reader import SectionReader
from .sections import Section, hookimpl

if TYPE_CHECKING:
    from ..record import RunRecord

__all__ = ["MITIGATION_TITLES", "mitigations_context", "pytest_overrefusal_report_sections"]


MITIGATION_TITLES = {
    "harmless_sense": ("Harmless sense", "a note that the focus words are meant in their ordinary sense"),
    "rephrased": ("Rephrased", "focus words replaced by a synonym, or a placeholder when there is none"),
    "attention_steering": (
        "Attention steering",
        "less attention to the focus words; the unsafe twin must stay refused",
    ),
}
RESTORE_TEXT = {True: "restored compliance", False: "still refused", None: "not counted"}


def _share(n: int, total: int) -> float | None:
    return n / total if total else None


def _trial(read: SectionReader, raw: Any, where: str, focus: Sequence[str]) -> dict[str, Any]:
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
        "response": excerpt(response),
        "response_chars": len(response),
        "truncated": len(response) > EXCERPT_CHARS,
        "error": error,
        "verdict": verdict,
        "evidence": read.text(t.get("evidence"), f"{where}.evidence"),
        "restores": restores,
        "restore_class": {True: "restored", False: "refused", None: "none"}[restores],
        "restore_text": RESTORE_TEXT[restores] + (f" ({why})" if why else ""),
    }


def mitigations_context(
    data: Any, lookup: Mapping[tuple[str, str], CaseResult], read: SectionReader
) -> dict[str, Any] | None:
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
                "response": "" if original is None else excerpt(original.response),
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


@hookimpl
def pytest_overrefusal_report_sections(record: RunRecord, source: str) -> list[Section] | None:
    context = mitigations_context(record.extra("mitigations"), record.by_key, SectionReader(source))
    if not context:
        return None
    nav = Markup('Mitigations <span class="count">{}/{}</span>').format(context["either"], context["candidates"])
    return [Section("mitigations", nav, render_template("mitigations.html.j2", {"mt": context}), order=100)]
