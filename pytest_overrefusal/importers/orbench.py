"""OR-Bench (Cui et al., 2024): ``prompt,category`` CSV files.

A file holds one kind of prompt: ``or-bench-hard-1k.csv`` and ``or-bench-80k.csv`` are benign prompts
that look toxic (label safe: refusing them is over-refusal), ``or-bench-toxic.csv`` holds toxic ones
(label unsafe). The file does not say which, so ``--orbench-kind`` does, or else the file name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import ConfigError, SourceError
from .base import Draft, DraftSuite, FormatSpec, ImportOptions
from .rows import category_name, check_id, read_csv

__all__ = ["FORMAT", "convert", "kind_of"]

LICENCE = "CC-BY-4.0 (OR-Bench, Cui et al., 2024)"
LABELS = {"hard": "safe", "toxic": "unsafe"}


def kind_of(path: Path, option: str | None) -> str:
    """``hard`` or ``toxic``: the option when given, else guessed from the published file names."""
    if option is not None:
        if option not in LABELS:
            raise ConfigError(f"--orbench-kind must be hard or toxic, got {option!r}")
        return option
    name = path.name.casefold()
    if "toxic" in name:
        return "toxic"
    if "hard" in name or "80k" in name:
        return "hard"
    raise ConfigError(
        f"orbench: cannot tell from the name {path.name!r} whether it holds seemingly-toxic (hard) or toxic "
        "prompts; pass --orbench-kind hard or --orbench-kind toxic"
    )


def _slug(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-.") or "orbench"


def convert(sources: Sequence[Path], options: ImportOptions) -> DraftSuite:
    kinds = [kind_of(p, options.orbench_kind) for p in sources]
    language = options.language or "en"
    # One file per kind keeps the short ids orbench-hard-N; several files of a kind are told apart by name.
    shared_kind = len(set(kinds)) != len(kinds)
    drafts: list[Draft] = []
    for path, kind in zip(sources, kinds, strict=True):
        table = read_csv(path)
        missing = table.missing(("prompt", "category"))
        if missing:
            raise SourceError(
                path, table.header_line, f"missing column(s) {', '.join(missing)} (OR-Bench columns: prompt,category)"
            )
        stem = _slug(path) if shared_kind else f"orbench-{kind}"
        prefix = options.id_prefix if options.id_prefix is not None else ""
        for n, record in enumerate(table.records, start=1):
            text = (record.values["prompt"] or "").strip()
            if not text:
                raise record.fail("empty prompt")
            raw_category = (record.values["category"] or "").strip()
            if not raw_category:
                raise record.fail("empty category")
            drafts.append(
                Draft(
                    id=check_id(f"{prefix}{stem}-{n}", record),
                    label=LABELS[kind],
                    language=language,
                    category=category_name(raw_category, record, "category"),
                    source=path,
                    line=record.line,
                    prompt=text,
                )
            )
    only = set(kinds)
    name = options.suite or (f"orbench-{kinds[0]}" if len(only) == 1 else "orbench")
    kinds_text = " and ".join(
        {"hard": "seemingly toxic prompts (to answer)", "toxic": "toxic prompts (to refuse)"}[k] for k in sorted(only)
    )
    return DraftSuite(
        name=name,
        format="orbench",
        sources=tuple(sources),
        drafts=drafts,
        licence=options.licence or LICENCE,
        description=options.description or f"OR-Bench: {kinds_text}.",
    )


FORMAT = FormatSpec(
    name="orbench",
    summary="OR-Bench CSV (prompt,category); --orbench-kind hard (benign, label safe) or toxic (label unsafe)",
    options=frozenset({"suite", "language", "orbench_kind", "id_prefix", "licence", "description"}),
    convert=convert,
    licence=LICENCE,
)
