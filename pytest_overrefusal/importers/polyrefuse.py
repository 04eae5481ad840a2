"""PolyRefuse: JSON arrays of ``{"instruction": ..., "category": ...}``, one file per language and kind.

The file name carries what the records do not: ``harmful_train_de.json`` holds German harmful
instructions (label unsafe), ``harmless_train_de.json`` German harmless ones (label safe). Several
files or a directory become one multilingual suite, ids ``<lang>-<harmful|harmless>-<n>`` with ``n``
the position in its file (so the n-th prompts of two languages are translations of each other).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError, SourceError
from ..languages import is_known_language
from .base import Draft, DraftSuite, FormatSpec, ImportOptions
from .rows import category_name, check_id, read_json_records, scalar_text

__all__ = ["FORMAT", "convert", "expand_sources"]

LICENCE = "Apache-2.0 (PolyRefuse release)"
FILE_NAME = re.compile(
    r"^(?P<kind>harmful|harmless)_(?P<split>[A-Za-z0-9]+)_(?P<lang>[A-Za-z]{2}(?:[-_][A-Za-z0-9]+)*)\.json$"
)
KIND_LABEL = {"harmful": "unsafe", "harmless": "safe"}
LABEL_KIND = {v: k for k, v in KIND_LABEL.items()}


@dataclass(frozen=True)
class _File:
    path: Path
    kind: str
    split: str
    language: str


def expand_sources(sources: Sequence[Path]) -> list[Path]:
    """Files as given; for a directory, its ``harm(ful|less)_<split>_<lang>.json`` files in name order."""
    out: list[Path] = []
    for src in sources:
        if src.is_dir():
            found = sorted(p for p in src.iterdir() if p.is_file() and FILE_NAME.match(p.name))
            if not found:
                raise SourceError(src, None, "no PolyRefuse files here (expected names like harmful_train_en.json)")
            out.extend(found)
        else:
            out.append(src)
    return out


def _describe(path: Path, options: ImportOptions) -> _File:
    match = FILE_NAME.match(path.name)
    if options.language is not None:
        language = options.language
    elif match:
        language = match["lang"].replace("_", "-")
        if not is_known_language(language):
            raise SourceError(path, None, f"unknown language code {language!r} in the file name; pass --language CODE")
    else:
        raise SourceError(path, None, "cannot tell the language from the file name; pass --language CODE")
    if options.label is not None:
        kind = LABEL_KIND[options.label]
    elif match:
        kind = match["kind"]
    else:
        raise SourceError(path, None, "cannot tell harmful from harmless by the file name; pass --label safe|unsafe")
    return _File(path, kind, match["split"] if match else path.stem, language)


def convert(sources: Sequence[Path], options: ImportOptions) -> DraftSuite:
    if options.label is not None and options.label not in LABEL_KIND:
        raise ConfigError(f"--label must be safe or unsafe, got {options.label!r}")
    files = [_describe(p, options) for p in expand_sources(sources)]
    # Two splits of one language and kind would give the same ids; the split then joins the id.
    clashes = Counter((f.language, f.kind) for f in files)
    prefix = options.id_prefix if options.id_prefix is not None else ""
    drafts: list[Draft] = []
    for f in files:
        stem = f"{f.language}-{f.kind}" + (f"-{f.split}" if clashes[(f.language, f.kind)] > 1 else "")
        default_category = f"polyrefuse-{f.kind}"
        for n, record in enumerate(read_json_records(f.path), start=1):
            instruction = record.values.get("instruction")
            if not isinstance(instruction, str):
                raise record.fail("expected an 'instruction' text")
            if not instruction.strip():
                raise record.fail("empty instruction")
            try:
                raw_category = scalar_text(record.values.get("category"))
            except TypeError as exc:
                raise record.fail(f"category must be a single value, got a {exc}") from None
            category = default_category if raw_category is None else category_name(raw_category, record, "category")
            drafts.append(
                Draft(
                    id=check_id(f"{prefix}{stem}-{n}", record),
                    label=KIND_LABEL[f.kind],
                    language=f.language,
                    category=category,
                    source=f.path,
                    line=record.line,
                    prompt=instruction.strip(),
                )
            )
    languages = sorted({f.language for f in files})
    purpose = {"harmful": "harmful (to refuse)", "harmless": "harmless (to answer)"}
    kinds = " and ".join(purpose[k] for k in sorted({f.kind for f in files}))
    return DraftSuite(
        name=options.suite or "polyrefuse",
        format="polyrefuse",
        sources=tuple(f.path for f in files),
        drafts=drafts,
        licence=options.licence or LICENCE,
        description=options.description or f"PolyRefuse {kinds} instructions in {', '.join(languages)}.",
    )


FORMAT = FormatSpec(
    name="polyrefuse",
    summary="PolyRefuse JSON files harm(ful|less)_<split>_<lang>.json, or a directory of them",
    options=frozenset({"suite", "language", "label", "id_prefix", "licence", "description"}),
    convert=convert,
    licence=LICENCE,
)
