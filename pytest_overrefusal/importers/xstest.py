"""XSTest (Röttger et al., NAACL 2024): ``id,prompt,type,label,focus,note`` rows -> a suite with contrast twins.

XSTest is laid out in blocks of one type each (25 prompts in the published file). Each unsafe
``contrast_<type>`` block mirrors a safe block prompt by prompt: safe prompt N of ``homonyms`` ("kill a
Python process") is the twin of unsafe prompt N of ``contrast_homonyms`` ("kill a person"), and the
pair shares its focus word. Two contrast blocks are named for a family rather than a type
(``contrast_discr``, ``contrast_privacy``); each mirrors one of that family's safe blocks, the one whose
focus words line up (``real_group_nons_discr``, ``privacy_fictional``). The unsafe twin takes its safe
twin's category, so every category holds both sides of its contrast.

Pairing by position is only right if the file keeps the published order, so it is checked: where
both twins carry focus words, most pairs must share one, or the import stops and says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import ConfigError, SourceError
from .base import Draft, DraftSuite, FormatSpec, ImportOptions
from .rows import Record, category_name, check_id, focus_words, label_value, read_csv

__all__ = ["FORMAT", "convert"]

LICENCE = "CC-BY-4.0 (XSTest, Röttger et al., NAACL 2024; cite the paper when you share these prompts)"
REQUIRED = ("id", "prompt", "type", "label")
CONTRAST_PREFIX = "contrast_"

# The published file's two family-named contrast blocks; other pairings follow from the type names.
KNOWN_TWINS = {"contrast_discr": "real_group_nons_discr", "contrast_privacy": "privacy_fictional"}

# A contrast block is accepted as mirroring its safe block when at least this share of the pairs that
# both have focus words share a word (the published file: 199 of 200; one pair says "bank account
# fraud" against "bank fraud", which still shares words).
MIN_FOCUS_AGREEMENT = 0.5


def _words(focus: tuple[str, ...]) -> set[str]:
    return {w for phrase in focus for w in re.findall(r"\w+", phrase.casefold())}


def _agreement(unsafe: list[Draft], safe: list[Draft]) -> tuple[int, int]:
    """(pairs sharing a focus word, pairs where both sides have focus words) when paired by position."""
    both = [(u, s) for u, s in zip(unsafe, safe, strict=False) if u.focus and s.focus]
    return sum(1 for u, s in both if _words(u.focus) & _words(s.focus)), len(both)


def _candidates(contrast_type: str, safe_types: list[str]) -> list[str]:
    base = contrast_type[len(CONTRAST_PREFIX) :]
    if base in safe_types:
        return [base]
    known = KNOWN_TWINS.get(contrast_type)
    if known is not None and known in safe_types:
        return [known]
    tokens = set(base.split("_"))
    return [t for t in safe_types if tokens <= set(t.split("_"))]


def _pair_blocks(blocks: dict[str, list[Draft]], path: Path) -> tuple[dict[str, str], list[str]]:
    """Map each contrast type to the safe type it mirrors; notes for contrast blocks left unpaired."""
    safe_types = [t for t in blocks if not t.startswith(CONTRAST_PREFIX)]
    pairs: dict[str, str] = {}
    notes: list[str] = []
    for ctype, unsafe in blocks.items():
        if not ctype.startswith(CONTRAST_PREFIX):
            continue
        candidates = [t for t in _candidates(ctype, safe_types) if t not in pairs.values()]
        if not candidates:
            notes.append(f"{ctype}: no safe type to pair it with; its prompts have no contrast twin")
            continue
        scored = sorted(candidates, key=lambda t: _agreement(unsafe, blocks[t])[0], reverse=True)
        twin = scored[0]
        if len(scored) > 1 and _agreement(unsafe, blocks[twin])[0] == _agreement(unsafe, blocks[scored[1]])[0]:
            notes.append(f"{ctype}: cannot tell which of {', '.join(candidates)} it mirrors; no contrast twins")
            continue
        safe = blocks[twin]
        first = unsafe[0]
        if len(safe) != len(unsafe):
            raise SourceError(
                path,
                first.line,
                f"{ctype} has {len(unsafe)} prompts but {twin} has {len(safe)}: cannot pair them by position "
                "(use --no-contrast to import without contrast twins)",
            )
        agree, both = _agreement(unsafe, safe)
        if both and agree < MIN_FOCUS_AGREEMENT * both:
            raise SourceError(
                path,
                first.line,
                f"{ctype} does not line up with {twin} by position (only {agree} of {both} pairs share a focus "
                "word): rows seem reordered; restore the published order or use --no-contrast",
            )
        pairs[ctype] = twin
    return pairs, notes


def _draft(record: Record, options: ImportOptions, language: str) -> tuple[str, tuple[int, int | str], Draft]:
    v = record.values
    raw_id = (v["id"] or "").strip()
    if not raw_id:
        raise record.fail("empty id")
    prefix = "xstest-" if options.id_prefix is None else options.id_prefix
    pid = check_id(f"{prefix}{raw_id}", record)
    text = (v["prompt"] or "").strip()
    if not text:
        raise record.fail(f"empty prompt in row {raw_id!r}")
    raw_type = (v["type"] or "").strip()
    if not raw_type:
        raise record.fail(f"empty type in row {raw_id!r}")
    ptype = category_name(raw_type, record, "type")
    label = label_value(v["label"], options.label_map, record, "label")
    if label is None:
        raise record.fail(f"empty label in row {raw_id!r}")
    focus = focus_words(v.get("focus"), record, "focus")
    note = (v.get("note") or "").strip() or None
    category = ptype.removeprefix(CONTRAST_PREFIX)
    draft = Draft(
        id=pid,
        label=label,
        language=language,
        category=category,
        source=record.path,
        line=record.line,
        prompt=text,
        focus=focus,
        note=note,
    )
    # Numeric ids give the published order even if rows were shuffled; other ids keep file order.
    order: tuple[int, int | str] = (0, int(raw_id)) if raw_id.isdigit() else (1, record.line)
    return ptype, order, draft


def convert(sources: Sequence[Path], options: ImportOptions) -> DraftSuite:
    if len(sources) != 1:
        raise ConfigError("xstest: give exactly one CSV file (xstest_prompts.csv)")
    path = sources[0]
    table = read_csv(path)
    missing = table.missing(REQUIRED)
    if missing:
        expected = "XSTest columns: id,prompt,type,label,focus,note"
        raise SourceError(path, table.header_line, f"missing column(s) {', '.join(missing)} ({expected})")
    language = options.language or "en"
    keyed: dict[str, list[tuple[tuple[int, int | str], Draft]]] = {}
    drafts: list[Draft] = []
    for record in table.records:
        ptype, order, draft = _draft(record, options, language)
        if ptype.startswith(CONTRAST_PREFIX) and draft.label != "unsafe":
            raise record.fail(f"{ptype} prompt {draft.id!r} is labelled {draft.label}; contrast prompts are unsafe")
        keyed.setdefault(ptype, []).append((order, draft))
        drafts.append(draft)
    blocks = {ptype: [d for _, d in sorted(items, key=lambda item: item[0])] for ptype, items in keyed.items()}
    notes: list[str] = []
    if options.contrast:
        pairs, notes = _pair_blocks(blocks, path)
        for ctype, twin_type in pairs.items():
            for unsafe, safe in zip(blocks[ctype], blocks[twin_type], strict=True):
                if safe.label != "safe":
                    raise SourceError(
                        path,
                        safe.line,
                        f"{twin_type} prompt {safe.id!r} is labelled {safe.label}, so it cannot be "
                        f"the safe twin of {unsafe.id!r}",
                    )
                unsafe.contrast, safe.contrast = safe.id, unsafe.id
                # The unsafe twin joins its safe twin's category so each category holds both sides.
                unsafe.category = safe.category
    return DraftSuite(
        name=options.suite or "xstest",
        format="xstest",
        sources=(path,),
        drafts=drafts,
        licence=options.licence or LICENCE,
        description=options.description
        or "XSTest: safe prompts that resemble unsafe ones (to answer) and unsafe contrast prompts (to refuse).",
        notes=notes,
    )


FORMAT = FormatSpec(
    name="xstest",
    summary="XSTest CSV (id,prompt,type,label,focus,note); links safe prompts to their unsafe contrast twins",
    options=frozenset({"suite", "language", "label_map", "id_prefix", "contrast", "licence", "description"}),
    convert=convert,
    licence=LICENCE,
    many_sources=False,
)
