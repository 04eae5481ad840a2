"""Importers: third-party prompt sets (XSTest, OR-Bench, PolyRefuse, XSB, any CSV or JSONL) -> suite files.

Each format module reads its files into drafts that remember their source lines; ``writer`` checks them
against the suite rules, writes the YAML and loads it back with ``load_suite`` before it is kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..languages import is_known_language
from ..suite import Suite
from . import generic, orbench, polyrefuse, xsb, xstest
from .base import Draft, DraftSuite, FormatSpec, ImportOptions
from .rows import category_slug
from .writer import write_suite

__all__ = [
    "FORMATS",
    "Draft",
    "DraftSuite",
    "FormatSpec",
    "ImportOptions",
    "ImportResult",
    "import_suite",
    "unsupported_options",
]

FORMATS: dict[str, FormatSpec] = {
    spec.name: spec
    for spec in (
        xstest.FORMAT,
        orbench.FORMAT,
        polyrefuse.FORMAT,
        xsb.FORMAT,
        generic.JSONL_FORMAT,
        generic.CSV_FORMAT,
    )
}


@dataclass(frozen=True)
class ImportResult:
    suite: Suite
    text: str
    notes: tuple[str, ...]


def unsupported_options(spec: FormatSpec, options: ImportOptions) -> list[str]:
    """Names of options that were set but mean nothing for ``spec`` (set = differs from the default)."""
    default = ImportOptions()
    return [
        f.name
        for f in dataclasses.fields(ImportOptions)
        if getattr(options, f.name) != getattr(default, f.name) and f.name not in spec.options
    ]


def import_suite(fmt: str, sources: Sequence[Path], out: Path | None, options: ImportOptions) -> ImportResult:
    """Read ``sources`` in format ``fmt`` and write a validated suite to ``out`` (``None``: only return the text)."""
    spec = FORMATS.get(fmt)
    if spec is None:
        raise ConfigError(f"unknown import format {fmt!r} (formats: {', '.join(FORMATS)})")
    if not sources:
        raise ConfigError(f"{fmt}: no input files given")
    if not spec.many_sources and len(sources) > 1:
        raise ConfigError(f"{fmt}: give exactly one input file")
    for flag, code in (("--language", options.language), ("--default-language", options.default_language)):
        if code is not None and not is_known_language(code):
            raise ConfigError(f"{flag}: unknown language code {code!r} (use ISO 639-1, e.g. 'en', 'zh', 'pt-BR')")
    if options.default_category is not None and category_slug(options.default_category) is None:
        raise ConfigError(f"--default-category {options.default_category!r} has no ASCII letters or digits")
    for src in sources:
        if not src.exists():
            raise ConfigError(f"{src}: no such file or directory")
        if src.is_dir() and spec.name != "polyrefuse":
            raise ConfigError(f"{src}: is a directory ({fmt} reads files; only polyrefuse takes a directory)")
    draft = spec.convert(sources, options)
    suite, text = write_suite(draft, out)
    return ImportResult(suite=suite, text=text, notes=tuple(draft.notes))
