"""XSB and MS-XSB (Yuan et al., 2025): single-turn prompts with focus words, and multi-turn scenarios.

XSB rows follow XSTest's layout: a prompt, the focus word(s) that trigger false refusals, a type and a
safe/unsafe label, in CSV/TSV or JSON Lines; column names are matched without regard to case
(``Prompt``, ``Focus``, ``Type``, ``Label``). MS-XSB dialogues are JSON Lines records whose
``messages`` (or ``turns``, ``conversation``, ``dialogue``) list holds ``{role, content}`` objects or
plain strings alternating user and assistant; the last turn is the user's, which the model answers.
Types become categories the way XSTest's do (``contrast_`` dropped, snake_case).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import ConfigError, SourceError
from .base import DraftSuite, FormatSpec, ImportOptions
from .generic import FIELDS, Layout, convert_tables
from .rows import Record, Table, category_name, read_csv, read_json_records

__all__ = ["COLUMNS", "FORMAT", "convert"]

LICENCE = "MIT (XSB and MS-XSB, Yuan et al., 2025)"

# Published and commonly seen spellings, first match wins; --map FIELD=COLUMN replaces a field's list.
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "idx", "index"),
    "prompt": ("prompt", "question", "query"),
    "messages": ("messages", "turns", "conversation", "dialogue", "dialog"),
    "label": ("label", "safety", "gold_label"),
    "language": ("language", "lang"),
    "category": ("type", "category", "scenario"),
    "focus": ("focus", "focus_words", "trigger"),
    "note": ("note", "notes"),
    "contrast": ("contrast",),
    "system_prompt": ("system_prompt", "system"),
    "tags": ("tags",),
}


def _category(raw: str, record: Record, column: str) -> str:
    return category_name(raw, record, column).removeprefix("contrast_")


def _read(path: Path) -> Table:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return read_csv(path)
    if suffix in (".jsonl", ".json", ".ndjson"):
        return Table(path, read_json_records(path))
    raise SourceError(path, None, "xsb: expected a .csv, .tsv, .jsonl or .json file")


def _slug(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-.") or "xsb"


def convert(sources: Sequence[Path], options: ImportOptions) -> DraftSuite:
    columns = dict(COLUMNS)
    for name, column in options.column_map.items():
        if name not in FIELDS:
            raise ConfigError(f"--map: unknown field {name!r} (fields: {', '.join(FIELDS)})")
        columns[name] = (column,)
    prefix = "xsb-" if options.id_prefix is None else options.id_prefix
    layout = Layout(
        columns=columns,
        explicit=frozenset(options.column_map),
        case_insensitive=True,
        id_prefix=prefix,
        default_language="en",
        category_of=_category,
    )
    tables = [_read(p) for p in sources]
    # Record numbers restart in every file; with several files the file name keeps the ids apart.
    several = len(sources) > 1
    drafts, notes = convert_tables(
        tables, layout, options, lambda p: f"{prefix}{_slug(p)}" if several else prefix.rstrip("-_.") or "xsb"
    )
    multi = sum(1 for d in drafts if d.messages is not None)
    kind = "multi-turn scenarios (MS-XSB)" if multi == len(drafts) else "prompts"
    return DraftSuite(
        name=options.suite or "xsb",
        format="xsb",
        sources=tuple(sources),
        drafts=drafts,
        licence=options.licence or LICENCE,
        description=options.description or f"XSB exaggerated-safety {kind}.",
        notes=notes,
    )


FORMAT = FormatSpec(
    name="xsb",
    summary="XSB rows (prompt,focus,type,label; CSV or JSONL) and MS-XSB dialogues (JSONL messages lists)",
    options=frozenset(
        {
            "suite",
            "language",
            "column_map",
            "label_map",
            "default_label",
            "default_category",
            "id_prefix",
            "licence",
            "description",
        }
    ),
    convert=convert,
    licence=LICENCE,
)
