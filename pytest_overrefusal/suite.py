"""Suite files (format v1): YAML with line numbers -> validated, frozen ``Suite`` and ``Case`` records.

Structure is checked against the JSON Schema shipped in ``schema/suite.schema.json``; the rules a
schema cannot express (unique ids, contrast twins with the opposite label, conversations ending on a
user turn, known language codes) are checked here. The first problem found, in file order, is raised
as ``SuiteError(path, line, message)``.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from .backends.base import GenerationRequest, GenerationSettings, Message
from .errors import SuiteError
from .fastschema import FastCheck
from .languages import is_known_language
from .yamlsource import Located, load_yaml

__all__ = ["Case", "Suite", "find_suite_files", "forget_loaded", "load_suite", "schema_error", "suite_schema"]

DEFAULT_GLOB = "*.suite.yaml"


@dataclass(frozen=True)
class Case:
    """One prompt (or conversation) of a suite, with every default already applied."""

    suite: str
    id: str
    messages: tuple[Message, ...]
    label: str
    language: str
    category: str
    file: str
    line: int
    focus: tuple[str, ...] = ()
    contrast: str | None = None
    note: str | None = None
    tags: tuple[str, ...] = ()
    system_prompt: str | None = None
    boundary: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.suite, self.id)

    @property
    def prompt(self) -> str:
        """The last user turn: what the model is answering."""
        return self.messages[-1].content

    @property
    def multi_turn(self) -> bool:
        return sum(1 for m in self.messages if m.role != "system") > 1

    @property
    def node_name(self) -> str:
        return f"{self.language}/{self.category}/{self.id}"

    def request(self, settings: GenerationSettings, system_prompt: str | None = None) -> GenerationRequest:
        """The generation request; the prompt's own system prompt wins over suite and run defaults."""
        return GenerationRequest(
            messages=self.messages,
            system_prompt=self.system_prompt if self.system_prompt is not None else system_prompt,
            settings=settings,
            case_key=self.key,
        )


@dataclass(frozen=True)
class Suite:
    name: str
    version: str | None
    path: str
    cases: tuple[Case, ...]
    description: str | None = None

    def __iter__(self) -> Iterator[Case]:
        return iter(self.cases)

    def __len__(self) -> int:
        return len(self.cases)

    def by_id(self) -> dict[str, Case]:
        return {c.id: c for c in self.cases}


@functools.lru_cache(maxsize=1)
def suite_schema() -> dict[str, Any]:
    text = resources.files("pytest_overrefusal").joinpath("schema/suite.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(suite_schema())


@functools.lru_cache(maxsize=1)
def _fast_check() -> FastCheck:
    return FastCheck(suite_schema())


def schema_error(doc: Located, *, fast: bool = True) -> tuple[int, str] | None:
    """The line and message of the first schema problem in ``doc`` (in file order), or None.

    With ``fast``, ``jsonschema-rs`` clears a valid document; only a document it does not clear is
    walked by ``jsonschema``, which alone decides and words the message.
    """
    if fast and _fast_check().valid(doc.data):
        return None
    errors = sorted(
        _validator().iter_errors(doc.data), key=lambda e: (doc.line_of(tuple(e.absolute_path)), -len(e.absolute_path))
    )
    return _describe(errors[0], doc) if errors else None


def _describe(error: jsonschema.ValidationError, doc: Located) -> tuple[int, str]:
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    expected: Any = error.validator_value
    where = tuple(error.absolute_path)
    line = doc.line_of(where)
    field_name = str(where[-1]) if where and isinstance(where[-1], str) else None
    context = _context(where, doc.data)
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extras = sorted(set(error.instance) - set(allowed), key=str) if isinstance(error.instance, dict) else []
        if extras:
            line = doc.line_of(where + (str(extras[0]),))
            return line, f"unknown field {extras[0]!r}{context} (allowed: {', '.join(allowed)})"
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return line, f"missing required field {missing!r}{context}"
    if error.validator == "enum":
        options = ", ".join(map(str, expected))
        return line, f"{field_name or 'value'} must be one of {options}, got {error.instance!r}{context}"
    if error.validator == "pattern":
        shown = str(expected).replace("(?!\\n)", "")  # the guard against a trailing newline, not for readers
        return line, f"{field_name or 'value'} {error.instance!r} does not match {shown}{context}"
    if error.validator == "type":
        kinds = expected if isinstance(expected, str) else " or ".join(expected)
        return line, f"{field_name or 'value'} must be of type {kinds}, got {type(error.instance).__name__}{context}"
    if error.validator == "minItems":
        return line, f"{field_name or 'list'} must not be empty{context}"
    if error.validator == "oneOf" and field_name == "focus":
        return line, f"focus must be a word or a list of words{context}"
    return line, f"{error.message}{context}"


def _context(where: tuple[Any, ...], data: Any) -> str:
    """' in prompt <id>' when the path is inside a prompt entry that has an id."""
    if len(where) >= 2 and where[0] == "prompts" and isinstance(where[1], int):
        prompts = data.get("prompts") if isinstance(data, dict) else None
        if isinstance(prompts, list) and where[1] < len(prompts) and isinstance(prompts[where[1]], dict):
            pid = prompts[where[1]].get("id")
            if isinstance(pid, str):
                return f" in prompt {pid!r}"
        return f" in prompt #{where[1] + 1}"
    return ""


def _focus(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(w.strip() for w in value.split(",") if w.strip())
    return tuple(value)


def _messages(entry: dict[str, Any], pid: str, doc: Located, index: int) -> tuple[Message, ...]:
    path = doc.path
    base = ("prompts", index)
    has_prompt, has_messages = "prompt" in entry, "messages" in entry
    if has_prompt == has_messages:
        what = "both 'prompt' and 'messages'" if has_prompt else "neither 'prompt' nor 'messages'"
        raise SuiteError(path, doc.line_of(base), f"prompt {pid!r} has {what}: give exactly one")
    if has_prompt:
        text = entry["prompt"]
        if not text.strip():
            raise SuiteError(path, doc.line_of(base + ("prompt",)), f"prompt {pid!r} is empty")
        return (Message("user", text),)
    out: list[Message] = []
    raw = entry["messages"]
    for i, m in enumerate(raw):
        mline = doc.line_of(base + ("messages", i))
        if not m["content"].strip():
            raise SuiteError(path, mline, f"message {i + 1} of prompt {pid!r} is empty")
        if m["role"] == "system" and i != 0:
            raise SuiteError(path, mline, f"prompt {pid!r}: a system message may only come first")
        if out and out[-1].role == m["role"] and m["role"] != "system":
            raise SuiteError(path, mline, f"prompt {pid!r}: two {m['role']} turns in a row (turns must alternate)")
        out.append(Message(m["role"], m["content"]))
    if out[-1].role != "user":
        raise SuiteError(
            path,
            doc.line_of(base + ("messages", len(raw) - 1)),
            f"prompt {pid!r}: a conversation must end with a user turn",
        )
    if out[0].role == "system" and "system_prompt" in entry:
        raise SuiteError(path, doc.line_of(base), f"prompt {pid!r} has both a system message and system_prompt")
    return tuple(out)


def _suite_name(data: dict[str, Any], path: Path) -> str:
    name = data.get("suite")
    if isinstance(name, str):
        return name
    stem = path.name
    for suffix in (".yaml", ".yml"):
        stem = stem.removesuffix(suffix)
    return stem.removesuffix(".suite")


# Suites already read in this process, by path and content: the run report reads every suite again
# at session end (under xdist the controller collected nothing), and the content key means an edited
# file is always read afresh. Suites are frozen, so sharing one is safe.
_LOADED: OrderedDict[tuple[str, bytes], Suite] = OrderedDict()
_LOADED_MAX = 32


def load_suite(path: str | Path, *, fast: bool = True) -> Suite:
    """Load and validate one suite file; raises ``SuiteError`` with the file and line of the first problem.

    ``fast=False`` reads the file the reference way (the composer and ``jsonschema`` only, nothing
    remembered): the same suite or the same error, slower; tests and benchmarks compare the two.
    """
    p = Path(path)
    if not fast:
        return _read_suite(p, None, fast=False)
    try:
        raw = p.read_bytes()
    except OSError:
        return _read_suite(p, None, fast=True)  # the reader words the error
    key = (str(p), hashlib.blake2b(raw, digest_size=16).digest())
    suite = _LOADED.get(key)
    if suite is None:
        suite = _read_suite(p, raw, fast=True)
        _LOADED[key] = suite
        if len(_LOADED) > _LOADED_MAX:
            _LOADED.popitem(last=False)
    else:
        _LOADED.move_to_end(key)
    return suite


def forget_loaded() -> None:
    """Drop the suites this process remembers (benchmarks time a first read; tests start clean)."""
    _LOADED.clear()


def _read_suite(path: Path, raw: bytes | None, *, fast: bool) -> Suite:
    doc = load_yaml(path, SuiteError, raw=raw, fast=fast)
    p = doc.path
    if not isinstance(doc.data, dict):
        raise SuiteError(p, doc.line_of(()), "a suite must be a mapping with a 'prompts' list")
    problem = schema_error(doc, fast=fast)
    if problem is not None:
        raise SuiteError(p, *problem)
    data: dict[str, Any] = doc.data
    name = _suite_name(data, p)
    defaults: dict[str, Any] = data.get("defaults", {})
    if "language" in defaults and not is_known_language(defaults["language"]):
        raise SuiteError(
            p,
            doc.line_of(("defaults", "language")),
            f"unknown language code {defaults['language']!r} (use ISO 639-1, e.g. 'en', 'zh', 'pt-BR')",
        )
    cases: list[Case] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(data["prompts"]):
        pid: str = entry["id"]
        line = doc.line_of(("prompts", index))
        if pid in seen:
            raise SuiteError(
                p, doc.line_of(("prompts", index, "id")), f"duplicate id {pid!r} (first defined on line {seen[pid]})"
            )
        seen[pid] = line
        messages = _messages(entry, pid, doc, index)
        resolved: dict[str, Any] = {}
        for key in ("label", "language", "category"):
            value = entry.get(key, defaults.get(key))
            if value is None:
                raise SuiteError(p, line, f"prompt {pid!r} has no {key} (set it on the prompt or in defaults)")
            resolved[key] = value
        if not is_known_language(resolved["language"]):
            where = ("prompts", index, "language") if "language" in entry else ("defaults", "language")
            raise SuiteError(
                p,
                doc.line_of(where),
                f"unknown language code {resolved['language']!r} in prompt {pid!r} "
                "(use ISO 639-1, e.g. 'en', 'zh', 'pt-BR')",
            )
        system_prompt = entry.get("system_prompt", defaults.get("system_prompt"))
        if messages[0].role == "system":
            system_prompt, messages = messages[0].content, messages[1:]
        cases.append(
            Case(
                suite=name,
                id=pid,
                messages=messages,
                label=resolved["label"],
                language=resolved["language"],
                category=resolved["category"],
                file=str(p),
                line=line,
                focus=_focus(entry.get("focus")),
                contrast=entry.get("contrast"),
                note=entry.get("note"),
                tags=tuple(defaults.get("tags", ())) + tuple(entry.get("tags", ())),
                system_prompt=system_prompt,
                boundary=bool(entry.get("boundary", defaults.get("boundary", False))),
            )
        )
    by_id = {c.id: c for c in cases}
    for index, case in enumerate(cases):
        if case.contrast is None:
            continue
        cline = doc.line_of(("prompts", index, "contrast"))
        twin = by_id.get(case.contrast)
        if twin is None:
            raise SuiteError(p, cline, f"prompt {case.id!r}: contrast {case.contrast!r} is not an id in this suite")
        if twin.id == case.id:
            raise SuiteError(p, cline, f"prompt {case.id!r} names itself as its contrast")
        if twin.label == case.label:
            raise SuiteError(
                p,
                cline,
                f"prompt {case.id!r}: contrast {twin.id!r} has the same label ({case.label}); "
                "a contrast twin must have the opposite label",
            )
    version = data.get("version")
    return Suite(
        name=name,
        version=None if version is None else str(version),
        path=str(p),
        cases=tuple(cases),
        description=data.get("description"),
    )


def find_suite_files(paths: Iterable[str | Path], pattern: str = DEFAULT_GLOB) -> list[Path]:
    """Suite files under ``paths`` (files are taken as given; directories are searched recursively)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob(pattern) if q.is_file()))
        else:
            out.append(p)
    return out
