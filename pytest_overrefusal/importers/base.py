"""The records every importer produces before they are written: one draft per prompt, with its source line.

Importers never write YAML themselves. They turn a third-party file into ``Draft`` records that remember
the file and line they came from, so that any problem found later (a duplicate id, a contrast twin with
the same label, a record the suite loader rejects) is still reported against the user's source file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Draft", "DraftSuite", "FormatSpec", "ImportOptions", "Turn"]

Turn = tuple[str, str]  # (role, content)


@dataclass(frozen=True)
class ImportOptions:
    """Command-line choices; ``None`` means the format's own default applies."""

    suite: str | None = None
    language: str | None = None
    label: str | None = None
    orbench_kind: str | None = None
    column_map: Mapping[str, str] = field(default_factory=dict)
    label_map: Mapping[str, str] = field(default_factory=dict)
    default_label: str | None = None
    default_language: str | None = None
    default_category: str | None = None
    id_prefix: str | None = None
    contrast: bool = True
    licence: str | None = None
    description: str | None = None


@dataclass
class Draft:
    """One prompt as it will be written, plus where it came from."""

    id: str
    label: str
    language: str
    category: str
    source: Path
    line: int
    prompt: str | None = None
    messages: tuple[Turn, ...] | None = None
    focus: tuple[str, ...] = ()
    contrast: str | None = None
    note: str | None = None
    tags: tuple[str, ...] = ()
    system_prompt: str | None = None

    @property
    def where(self) -> tuple[Path, int]:
        return self.source, self.line


@dataclass
class DraftSuite:
    """Everything an importer read; ``notes`` are non-fatal remarks shown to the user after writing."""

    name: str
    format: str
    sources: tuple[Path, ...]
    drafts: list[Draft]
    licence: str | None = None
    description: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FormatSpec:
    """One input format: what it reads, which options make sense for it, and the function that reads it."""

    name: str
    summary: str
    options: frozenset[str]
    convert: Callable[[Sequence[Path], ImportOptions], DraftSuite]
    licence: str | None = None
    many_sources: bool = True
