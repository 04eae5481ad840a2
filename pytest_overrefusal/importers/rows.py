"""Reading tabular sources with line numbers, and turning their cells into suite values.

Every record keeps the physical line it starts on (CSV records may span lines inside quotes; JSONL
records are one per line; the items of a JSON array are located by where each one starts), so any
problem found in a record is reported as ``path:line: message``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SourceError
from ..languages import is_known_language

__all__ = [
    "ID_PATTERN",
    "Record",
    "Table",
    "category_name",
    "category_slug",
    "check_id",
    "check_language",
    "focus_words",
    "label_value",
    "read_csv",
    "read_json_records",
    "read_table",
    "scalar_text",
]

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_CATEGORY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

# Values many datasets use for their two classes; anything else needs an explicit --label-map.
_LABEL_WORDS = {
    "safe": "safe",
    "benign": "safe",
    "harmless": "safe",
    "unsafe": "unsafe",
    "harmful": "unsafe",
    "toxic": "unsafe",
}


@dataclass(frozen=True)
class Record:
    """One row or object of a source file: its values by column name and the line it starts on."""

    path: Path
    line: int
    values: Mapping[str, Any]

    def fail(self, message: str) -> SourceError:
        return SourceError(self.path, self.line, message)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, None, f"cannot read file: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(path, line, "not UTF-8 text (re-save the file as UTF-8)") from None


@dataclass(frozen=True)
class Table:
    """A source file's records; ``header`` (and its line) only for CSV/TSV."""

    path: Path
    records: list[Record]
    header: list[str] | None = None
    header_line: int = 1

    def missing(self, columns: Iterable[str]) -> list[str]:
        return [] if self.header is None else [c for c in columns if c not in self.header]


def read_csv(path: Path) -> Table:
    """Header and records of a CSV (or, for ``.tsv``, tab-separated) file; blank lines are skipped."""
    text = _read_text(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    # Field size: prompts and dialogues can be long; the csv module's 128 KiB default is not a data limit.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    # newline="" keeps line breaks inside quoted fields intact and splits only on \n, \r and \r\n,
    # which is what makes reader.line_num the physical line number.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    header_line = 1
    records: list[Record] = []
    previous_end = 0
    try:
        for row in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not row or all(not cell.strip() for cell in row):
                continue
            if header is None:
                header, header_line = [cell.strip() for cell in row], start
                _check_header(path, start, header)
                continue
            if len(row) != len(header):
                raise SourceError(path, start, f"record has {len(row)} fields but the header has {len(header)}")
            records.append(Record(path, start, dict(zip(header, row, strict=True))))
    except csv.Error as exc:
        raise SourceError(path, reader.line_num or None, f"CSV syntax error: {exc}") from None
    if header is None:
        raise SourceError(path, None, "file is empty (expected a header line)")
    return Table(path, records, header, header_line)


def _check_header(path: Path, line: int, header: list[str]) -> None:
    seen: set[str] = set()
    for name in header:
        if not name:
            raise SourceError(path, line, "header has an empty column name")
        if name in seen:
            raise SourceError(path, line, f"header names column {name!r} twice")
        seen.add(name)


def _json_error(path: Path, exc: json.JSONDecodeError, line_offset: int = 0) -> SourceError:
    return SourceError(path, exc.lineno + line_offset, f"invalid JSON: {exc.msg} (column {exc.colno})")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n\r":
        pos += 1
    return pos


def _array_item_lines(text: str) -> Iterator[int]:
    """The line on which each top-level item of an (already validated) JSON array starts."""
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0) + 1  # past the opening bracket
    line, counted = 1, 0
    while True:
        pos = _skip_space(text, pos)
        if text[pos] == "]":
            return
        line += text.count("\n", counted, pos)
        counted = pos
        yield line
        _, pos = decoder.raw_decode(text, pos)
        pos = _skip_space(text, pos)
        if text[pos] == ",":
            pos += 1


def read_json_records(path: Path) -> list[Record]:
    """Objects of a JSON Lines file, or of a ``.json`` file holding one array of objects."""
    text = _read_text(path)
    records: list[Record] = []
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _json_error(path, exc) from None
        if not isinstance(data, list):
            raise SourceError(path, 1, f"expected a JSON array of objects, got a {_json_type(data)}")
        for line, item in zip(_array_item_lines(text), data, strict=True):
            if not isinstance(item, dict):
                raise SourceError(path, line, f"expected an object, got a {_json_type(item)}")
            records.append(Record(path, line, item))
        return records
    # Not splitlines(): JSON strings may hold U+2028 and other characters it treats as line breaks.
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise SourceError(path, number, f"invalid JSON: {exc.msg} (column {exc.colno})") from None
        if not isinstance(item, dict):
            raise SourceError(path, number, f"expected a JSON object on each line, got a {_json_type(item)}")
        records.append(Record(path, number, item))
    return records


def read_table(path: Path) -> Table:
    """CSV/TSV by extension (with its header), otherwise JSON Lines or a JSON array (no header)."""
    if path.suffix.lower() in (".csv", ".tsv"):
        return read_csv(path)
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        return Table(path, read_json_records(path))
    raise SourceError(path, None, "unknown file type: expected .csv, .tsv, .jsonl, .ndjson or .json")


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def scalar_text(value: Any) -> str | None:
    """A cell as text; ``None`` for a missing or blank value. Numbers and booleans keep their JSON spelling."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, str)):
        text = str(value).strip()
        return text or None
    raise TypeError(_json_type(value))


def label_value(raw: Any, label_map: Mapping[str, str], record: Record, column: str) -> str | None:
    """``safe`` or ``unsafe`` for a cell: ``label_map`` first (exact, then case-insensitive), then common words."""
    try:
        text = scalar_text(raw)
    except TypeError as exc:
        raise record.fail(f"{column} must be a single value, got a {exc}") from None
    if text is None:
        return None
    if text in label_map:
        return label_map[text]
    folded = {k.casefold(): v for k, v in label_map.items()}
    if text.casefold() in folded:
        return folded[text.casefold()]
    word = _LABEL_WORDS.get(text.casefold())
    if word is not None:
        return word
    hint = "; map it with --label-map VALUE=safe|unsafe"
    raise record.fail(f"unknown label value {text!r} in column {column!r} (expected safe or unsafe{hint})")


def category_slug(raw: str) -> str | None:
    """A snake_case category: ``Privacy (fictional)`` -> ``privacy_fictional``, ``self-harm`` -> ``self_harm``."""
    name = re.sub(r"[^a-z0-9]+", "_", raw.strip().casefold()).strip("_")
    return name if name and _CATEGORY.fullmatch(name) else None


def category_name(raw: str, record: Record, column: str) -> str:
    name = category_slug(raw)
    if name is None:
        raise record.fail(
            f"category {raw!r} in column {column!r} has no ASCII letters or digits to name it by "
            "(set one with --default-category or map another column)"
        )
    return name


def check_language(code: str, record: Record, where: str) -> str:
    code = code.strip()
    if not is_known_language(code):
        raise record.fail(f"unknown language code {code!r} in {where} (use ISO 639-1, e.g. 'en', 'zh', 'pt-BR')")
    return code


def check_id(value: str, record: Record) -> str:
    if not ID_PATTERN.fullmatch(value):
        raise record.fail(f"id {value!r} is not usable as a suite id (letters, digits, '_', '.', '-'; no spaces)")
    return value


def focus_words(raw: Any, record: Record, column: str) -> tuple[str, ...]:
    """Focus words from a list, or from text separated by commas or semicolons."""
    if raw is None:
        return ()
    if isinstance(raw, list):
        words: list[str] = []
        for item in raw:
            if not isinstance(item, str):
                raise record.fail(f"{column} must be a list of words, found a {_json_type(item)}")
            words.extend(w.strip() for w in item.split(",") if w.strip())
        return tuple(words)
    try:
        text = scalar_text(raw)
    except TypeError as exc:
        raise record.fail(f"{column} must be words, got a {exc}") from None
    if text is None:
        return ()
    return tuple(w.strip() for w in re.split(r"[,;]", text) if w.strip())
