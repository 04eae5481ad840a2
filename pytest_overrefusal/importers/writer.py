"""Writing drafts as a suite file (format v1) that is proven to load before it replaces the output.

The file is written next to its destination, loaded back with ``load_suite`` and only then moved into
place, so an import never leaves a half-written or invalid suite behind. Problems are reported against
the source record a prompt came from, not against the generated YAML the user never wrote.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .._version import __version__
from ..errors import SourceError, SuiteError
from ..languages import is_known_language
from ..suite import Suite, load_suite
from ..yamlsource import load_yaml
from .base import Draft, DraftSuite, Turn
from .rows import ID_PATTERN

__all__ = ["check_drafts", "render", "write_suite"]

_CATEGORY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")


def _at(draft: Draft) -> str:
    return f"{draft.source}:{draft.line}"


def _problem(d: Draft) -> str | None:
    if not ID_PATTERN.fullmatch(d.id):
        return f"id {d.id!r} is not usable as a suite id (letters, digits, '_', '.', '-'; no spaces)"
    if d.label not in ("safe", "unsafe"):
        return f"label must be safe or unsafe, got {d.label!r}"
    if not is_known_language(d.language):
        return f"unknown language code {d.language!r} (use ISO 639-1, e.g. 'en', 'zh', 'pt-BR')"
    if not d.category or not set(d.category) <= _CATEGORY_CHARS or d.category[0] in "_-":
        return f"category {d.category!r} must be snake_case ASCII (a-z, 0-9, '_', '-')"
    if (d.prompt is None) == (d.messages is None):
        return "a prompt needs either a text or a conversation"
    if d.prompt is not None and not d.prompt.strip():
        return "empty prompt"
    if d.messages is not None:
        return _turns_problem(d.messages)
    return None


def check_drafts(drafts: Sequence[Draft]) -> None:
    """The suite rules, checked on drafts so a failure names the source record rather than the output."""
    if not drafts:
        raise SourceError("<input>", None, "no prompts found in the input")
    by_id: dict[str, Draft] = {}
    for d in drafts:
        problem = _problem(d)
        if problem is None and d.id in by_id:
            problem = f"duplicate id {d.id!r} (first used at {_at(by_id[d.id])})"
        if problem is not None:
            raise SourceError(d.source, d.line, problem)
        by_id[d.id] = d
    for d in drafts:
        if d.contrast is None:
            continue
        twin = by_id.get(d.contrast)
        if twin is None:
            problem = f"contrast {d.contrast!r} of {d.id!r} is not an id in this import"
        elif twin is d:
            problem = f"prompt {d.id!r} names itself as its contrast"
        elif twin.label == d.label:
            problem = (
                f"contrast {twin.id!r} ({_at(twin)}) has the same label as {d.id!r} ({d.label}); "
                "a contrast twin must have the opposite label"
            )
        else:
            continue
        raise SourceError(d.source, d.line, problem)


def _turns_problem(messages: Sequence[Turn]) -> str | None:
    turns = [t for t in messages if t[0] != "system"]
    for index, (role, content) in enumerate(messages, start=1):
        if role not in ("system", "user", "assistant"):
            return f"turn {index} has unknown role {role!r} (expected user, assistant or system)"
        if role == "system" and index != 1:
            return f"turn {index}: a system message may only come first"
        if not content.strip():
            return f"turn {index} of the conversation is empty"
    if not turns:
        return "conversation has no user turn"
    for index, (a, b) in enumerate(itertools.pairwise(turns), start=2):
        if a[0] == b[0]:
            return f"two {b[0]} turns in a row (turn {index}); user and assistant turns must alternate"
    if turns[-1][0] != "user":
        return "conversation ends on an assistant turn; the last turn must be the user's (the model answers it)"
    return None


def _entry(d: Draft, default_language: str | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": d.id}
    if d.messages is not None:
        entry["messages"] = [{"role": role, "content": content} for role, content in d.messages]
    else:
        entry["prompt"] = d.prompt
    entry["label"] = d.label
    if d.language != default_language:
        entry["language"] = d.language
    entry["category"] = d.category
    if d.focus:
        entry["focus"] = d.focus[0] if len(d.focus) == 1 else list(d.focus)
    if d.contrast is not None:
        entry["contrast"] = d.contrast
    if d.note:
        entry["note"] = d.note
    if d.tags:
        entry["tags"] = list(d.tags)
    if d.system_prompt is not None:
        entry["system_prompt"] = d.system_prompt
    return entry


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render(ds: DraftSuite) -> str:
    """The suite file's text: a provenance header, then the YAML document."""
    languages = {d.language for d in ds.drafts}
    default_language = next(iter(languages)) if len(languages) == 1 else None
    doc: dict[str, Any] = {"suite": ds.name}
    if ds.description:
        doc["description"] = _one_line(ds.description)
    if default_language is not None:
        doc["defaults"] = {"language": default_language}
    doc["prompts"] = [_entry(d, default_language) for d in ds.drafts]
    names = ", ".join(p.name for p in ds.sources)
    header = [
        f"Generated by `overrefusal import {ds.format}` (pytest-overrefusal {__version__}) from {names}.",
        f"Source licence: {_one_line(ds.licence)}."
        if ds.licence
        else "Source licence: unknown; check the source's terms before sharing.",
    ]
    header += [f"sha256 {p.name}: {_sha256(p)}" for p in ds.sources]
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)
    return "".join(f"# {line}\n" for line in header) + body


def _source_of(error: SuiteError, written: Path, ds: DraftSuite) -> SourceError:
    """Re-point a load error in the generated file at the record its prompt came from."""
    message = f"generated suite is invalid: {error.message}"
    if error.line is None:
        return SourceError(ds.sources[0], None, message)
    try:
        located = load_yaml(written, SuiteError)
    except SuiteError:
        return SourceError(ds.sources[0], None, message)
    starts = [located.lines.get(("prompts", i), 0) for i in range(len(ds.drafts))]
    index = max((i for i, start in enumerate(starts) if 0 < start <= error.line), default=None)
    if index is None:
        return SourceError(ds.sources[0], None, message)
    d = ds.drafts[index]
    return SourceError(d.source, d.line, message)


def _relocated(suite: Suite, path: Path) -> Suite:
    cases = tuple(dataclasses.replace(c, file=str(path)) for c in suite.cases)
    return dataclasses.replace(suite, path=str(path), cases=cases)


def write_suite(ds: DraftSuite, out: Path | None) -> tuple[Suite, str]:
    """Check, render, load back and (when ``out`` is given) move into place; returns the loaded suite and text.

    With ``out=None`` nothing is kept on disk: the caller prints the text (``-o -``).
    """
    if not ds.drafts:
        raise SourceError(ds.sources[0], None, "no prompts found (no records after the header)")
    check_drafts(ds.drafts)
    text = render(ds)
    directory = out.parent if out is not None else Path(tempfile.gettempdir())
    target = out if out is not None else directory / "stdout.suite.yaml"
    # A sibling of the output (same filesystem, so the final rename is atomic), created with the normal
    # umask-derived mode rather than mkstemp's 0600 so the suite stays readable by CI users.
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as exc:
        raise SourceError(target, None, f"cannot write: {exc.strerror or exc}") from None
    try:
        try:
            suite = load_suite(tmp)
        except SuiteError as exc:
            raise _source_of(exc, tmp, ds) from None
        if out is None:
            return _relocated(suite, Path("<stdout>")), text
        try:
            os.replace(tmp, out)
        except OSError as exc:
            raise SourceError(out, None, f"cannot write: {exc.strerror or exc}") from None
        return _relocated(suite, out), text
    finally:
        tmp.unlink(missing_ok=True)
