"""Any CSV or JSON Lines file, with a mapping from suite fields to its columns.

Each suite field is read from the column of the same name unless ``--map FIELD=COLUMN`` says otherwise;
labels are translated by ``--label-map VALUE=safe|unsafe`` (``safe``/``unsafe``, ``benign``/``harmful``
and similar words are understood without one); a missing label, language or category falls back to
``--default-label``, ``--default-language`` and ``--default-category``. JSON Lines columns may name
nested keys with dots (``meta.lang``). The XSB importer reuses this with its own column names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, SourceError
from .base import Draft, DraftSuite, FormatSpec, ImportOptions, Turn
from .rows import (
    Record,
    Table,
    category_name,
    check_id,
    check_language,
    focus_words,
    label_value,
    read_csv,
    read_json_records,
    scalar_text,
)

__all__ = ["CSV_FORMAT", "FIELDS", "JSONL_FORMAT", "Layout", "convert_tables", "turns_of"]

FIELDS = (
    "id",
    "prompt",
    "messages",
    "label",
    "language",
    "category",
    "focus",
    "note",
    "contrast",
    "system_prompt",
    "tags",
)

_ROLES = {
    "user": "user",
    "human": "user",
    "usr": "user",
    "assistant": "assistant",
    "gpt": "assistant",
    "bot": "assistant",
    "model": "assistant",
    "ai": "assistant",
    "chatbot": "assistant",
    "system": "system",
}
_ROLE_KEYS = ("role", "from", "speaker", "author")
_CONTENT_KEYS = ("content", "text", "value", "message")


@dataclass(frozen=True)
class Layout:
    """Where each field lives in a source: candidate column names, first present wins."""

    columns: Mapping[str, tuple[str, ...]]
    explicit: frozenset[str] = frozenset()  # fields the user mapped: their column must exist
    case_insensitive: bool = False
    id_prefix: str = ""
    default_language: str | None = None
    category_of: Callable[[str, Record, str], str] = category_name


def _lookup(values: Mapping[str, Any], column: str, case_insensitive: bool) -> tuple[bool, Any]:
    if column in values:
        return True, values[column]
    if case_insensitive:
        folded = column.casefold()
        for key, value in values.items():
            if key.casefold() == folded:
                return True, value
    node: Any = values
    for part in column.split("."):
        if not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


def _get(record: Record, layout: Layout, name: str) -> tuple[str | None, Any]:
    """The column used for ``name`` in this record, and its value (``(None, None)`` when absent)."""
    for column in layout.columns.get(name, ()):
        found, value = _lookup(record.values, column, layout.case_insensitive)
        if found:
            return column, value
    return None, None


def _text(record: Record, column: str, value: Any) -> str | None:
    try:
        return scalar_text(value)
    except TypeError as exc:
        raise record.fail(f"column {column!r} must hold a single value, got a {exc}") from None


def turns_of(raw: Any, record: Record, column: str) -> tuple[Turn, ...]:
    """A conversation from role/content objects, or from plain strings alternating user and assistant."""
    if isinstance(raw, str) and raw.lstrip().startswith("["):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise record.fail(f"column {column!r} holds invalid JSON: {exc.msg}") from None
    if not isinstance(raw, list) or not raw:
        raise record.fail(f"column {column!r} must be a non-empty list of turns")
    turns: list[Turn] = []
    for index, item in enumerate(raw, start=1):
        if isinstance(item, str):
            turns.append(("user" if index % 2 else "assistant", item))
            continue
        if not isinstance(item, dict):
            raise record.fail(f"turn {index} of {column!r} must be a text or a {{role, content}} object")
        role_key = next((k for k in _ROLE_KEYS if k in item), None)
        content_key = next((k for k in _CONTENT_KEYS if k in item), None)
        if role_key is None or content_key is None:
            keys = ", ".join(sorted(item))
            raise record.fail(f"turn {index} of {column!r} needs a role and a content (keys: {keys})")
        role = _ROLES.get(str(item[role_key]).strip().casefold())
        if role is None:
            known = "user, assistant or system"
            raise record.fail(f"turn {index} of {column!r} has unknown role {item[role_key]!r} ({known})")
        if not isinstance(item[content_key], str):
            raise record.fail(f"turn {index} of {column!r}: content must be text")
        turns.append((role, item[content_key]))
    return tuple(turns)


def _tags(record: Record, column: str, raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, list):
        if not all(isinstance(t, str) for t in raw):
            raise record.fail(f"column {column!r} must be a list of texts")
        return tuple(t.strip() for t in raw if t.strip())
    text = _text(record, column, raw)
    return () if text is None else tuple(t.strip() for t in text.split(",") if t.strip())


def _missing(name: str, layout: Layout, option: str) -> str:
    columns = " or ".join(repr(c) for c in layout.columns.get(name, ())) or "(none)"
    return f"no {name}: column {columns} is missing or empty; set {option} or --map {name}=COLUMN"


def _draft(record: Record, layout: Layout, options: ImportOptions, fallback_id: str) -> Draft:
    column, raw = _get(record, layout, "id")
    raw_id = None if column is None else _text(record, column, raw)
    pid = check_id(f"{layout.id_prefix}{raw_id}" if raw_id is not None else fallback_id, record)

    prompt: str | None = None
    messages: tuple[Turn, ...] | None = None
    m_column, m_raw = _get(record, layout, "messages")
    p_column, p_raw = _get(record, layout, "prompt")
    if m_column is not None and m_raw not in (None, "", []):
        if p_column is not None and _text(record, p_column, p_raw) is not None:
            raise record.fail(f"record has both a prompt ({p_column!r}) and a conversation ({m_column!r}); give one")
        messages = turns_of(m_raw, record, m_column)
        if len(messages) == 1 and messages[0][0] == "user":
            prompt, messages = messages[0][1].strip(), None
    elif p_column is not None:
        if not isinstance(p_raw, (str, type(None))):
            raise record.fail(f"column {p_column!r} must hold text")
        prompt = (p_raw or "").strip()
        if not prompt:
            raise record.fail(f"empty prompt in column {p_column!r}")
    else:
        raise record.fail(_missing("prompt", layout, "a conversation column"))

    column, raw = _get(record, layout, "label")
    label = None if column is None else label_value(raw, options.label_map, record, column)
    label = label or options.default_label
    if label is None:
        raise record.fail(_missing("label", layout, "--default-label"))

    if options.language is not None:
        language = options.language
    else:
        column, raw = _get(record, layout, "language")
        text = None if column is None else _text(record, column, raw)
        if text is not None:
            language = check_language(text, record, f"column {column!r}")
        elif options.default_language is not None:
            language = options.default_language
        elif layout.default_language is not None:
            language = layout.default_language
        else:
            raise record.fail(_missing("language", layout, "--default-language or --language"))

    column, raw = _get(record, layout, "category")
    text = None if column is None else _text(record, column, raw)
    if text is not None:
        category = layout.category_of(text, record, str(column))
    elif options.default_category is not None:
        category = category_name(options.default_category, record, "--default-category")  # checked up front
    else:
        raise record.fail(_missing("category", layout, "--default-category"))

    column, raw = _get(record, layout, "focus")
    focus = () if column is None else focus_words(raw, record, column)
    column, raw = _get(record, layout, "note")
    note = None if column is None else _text(record, column, raw)
    column, raw = _get(record, layout, "contrast")
    contrast = None if column is None else _text(record, column, raw)
    column, raw = _get(record, layout, "system_prompt")
    system_prompt = None if column is None else _text(record, column, raw)
    column, raw = _get(record, layout, "tags")
    tags = () if column is None else _tags(record, column, raw)
    return Draft(
        id=pid,
        label=label,
        language=language,
        category=category,
        source=record.path,
        line=record.line,
        prompt=prompt,
        messages=messages,
        focus=focus,
        contrast=None if contrast is None else f"{layout.id_prefix}{contrast}",
        note=note,
        tags=tags,
        system_prompt=system_prompt,
    )


def _check_columns(table: Table, layout: Layout) -> list[str]:
    """Fail on explicitly mapped columns the file lacks; name the columns no field uses."""
    wanted = {c for cols in layout.columns.values() for c in cols}
    if table.header is not None:
        present = {h.casefold() if layout.case_insensitive else h for h in table.header}
        for name in sorted(layout.explicit):
            for column in layout.columns[name]:
                if (column.casefold() if layout.case_insensitive else column) not in present:
                    raise SourceError(
                        table.path,
                        table.header_line,
                        f"column {column!r} (mapped to {name}) is not in the header: {', '.join(table.header)}",
                    )
        folded = {c.casefold() for c in wanted} if layout.case_insensitive else wanted
        return [h for h in table.header if (h.casefold() if layout.case_insensitive else h) not in folded]
    for name in sorted(layout.explicit):
        for column in layout.columns[name]:
            if table.records and not any(_lookup(r.values, column, layout.case_insensitive)[0] for r in table.records):
                raise SourceError(table.path, 1, f"key {column!r} (mapped to {name}) is in no record of this file")
    return []


def _slug(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-.") or "prompt"


def convert_tables(
    tables: Sequence[Table], layout: Layout, options: ImportOptions, fallback_prefix: Callable[[Path], str]
) -> tuple[list[Draft], list[str]]:
    """Drafts from every record of every table; notes name columns that were not used."""
    drafts: list[Draft] = []
    notes: list[str] = []
    for table in tables:
        unused = _check_columns(table, layout)
        if unused:
            notes.append(f"{table.path.name}: ignored column(s) {', '.join(unused)} (map them with --map FIELD=COLUMN)")
        prefix = fallback_prefix(table.path)
        for n, record in enumerate(table.records, start=1):
            drafts.append(_draft(record, layout, options, f"{prefix}-{n}"))
    return drafts, notes


def layout_for(options: ImportOptions) -> Layout:
    for name in options.column_map:
        if name not in FIELDS:
            raise ConfigError(f"--map: unknown field {name!r} (fields: {', '.join(FIELDS)})")
    columns = {name: (options.column_map.get(name, name),) for name in FIELDS}
    return Layout(columns=columns, explicit=frozenset(options.column_map), id_prefix=options.id_prefix or "")


def _convert(fmt: str, read: Callable[[Path], Table]) -> Callable[[Sequence[Path], ImportOptions], DraftSuite]:
    def convert(sources: Sequence[Path], options: ImportOptions) -> DraftSuite:
        layout = layout_for(options)
        tables = [read(p) for p in sources]
        drafts, notes = convert_tables(tables, layout, options, lambda p: f"{layout.id_prefix}{_slug(p)}")
        return DraftSuite(
            name=options.suite or _slug(sources[0]),
            format=fmt,
            sources=tuple(sources),
            drafts=drafts,
            licence=options.licence,
            description=options.description,
            notes=notes,
        )

    return convert


_GENERIC_OPTIONS = frozenset(
    {
        "suite",
        "language",
        "column_map",
        "label_map",
        "default_label",
        "default_language",
        "default_category",
        "id_prefix",
        "licence",
        "description",
    }
)

CSV_FORMAT = FormatSpec(
    name="csv",
    summary="any CSV/TSV file; --map FIELD=COLUMN for columns not named like suite fields",
    options=_GENERIC_OPTIONS,
    convert=_convert("csv", read_csv),
)

JSONL_FORMAT = FormatSpec(
    name="jsonl",
    summary="any JSON Lines file (or a .json array of objects); --map FIELD=KEY, dotted keys for nested values",
    options=_GENERIC_OPTIONS,
    convert=_convert("jsonl", lambda p: Table(p, read_json_records(p))),
)
