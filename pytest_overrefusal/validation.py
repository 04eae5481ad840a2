"""Checks at the plugin's input boundaries that do not belong to one reader.

* JSON documents (run records, baselines) are checked against a types-only JSON schema under
  ``schema/`` before their readers look at values, so a list where a string belongs is one
  ``path:line: where: message`` error instead of a ``TypeError`` deep inside a reader.
* Output files and the cache directory are checked before any model is loaded, so a typo in
  ``--overrefusal-json`` does not cost a whole run.
* Backend and judge options are checked against the options each component declares (its module's
  ``OPTIONS``), and a component may check its argument cheaply up front (its module's ``validate``).
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .errors import ConfigError, SourceError
from .fastschema import FastCheck

__all__ = [
    "check_component",
    "check_json",
    "check_output_dir",
    "check_output_file",
    "json_line",
    "preflight",
]

_MAX_MESSAGE = 160


@functools.lru_cache(maxsize=4)
def _schema(name: str) -> dict[str, Any]:
    text = resources.files("pytest_overrefusal").joinpath(f"schema/{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.lru_cache(maxsize=4)
def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(_schema(name))


@functools.lru_cache(maxsize=4)
def _fast_check(name: str) -> FastCheck:
    return FastCheck(_schema(name))


def _render_path(where: tuple[Any, ...]) -> str:
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "document"


def json_line(text: str, where: tuple[Any, ...]) -> int | None:
    """Best-effort line of the value at ``where`` in the JSON ``text`` (JSON parses as YAML, with marks)."""
    if not text:
        return None
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    line: int | None = None if node is None else int(node.start_mark.line) + 1
    for part in where:
        if isinstance(node, yaml.MappingNode):
            match = next((pair for pair in node.value if getattr(pair[0], "value", None) == str(part)), None)
            if match is None:
                break
            line, node = int(match[0].start_mark.line) + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = int(node.start_mark.line) + 1
        else:
            break
    return line


def _short(value: Any) -> str:
    text = " ".join(repr(value).split())
    return text if len(text) <= 60 else text[:57] + "..."


def check_json(
    data: Any, text: str, schema: str, path: str | Path, error: type[SourceError], *, fast: bool = True
) -> None:
    """Raise ``error(path, line, "where: message")`` for the first type problem in ``data``.

    ``jsonschema-rs`` clears a valid document; ``jsonschema`` decides on any other and words the error.
    """
    if fast and _fast_check(schema).valid(data):
        return
    errors = list(_validator(schema).iter_errors(data))
    if not errors:
        return
    first = jsonschema.exceptions.best_match(errors)
    assert first is not None
    where = tuple(first.absolute_path)
    if first.validator == "type":
        expected = first.validator_value
        kinds = expected if isinstance(expected, str) else " or ".join(expected)
        message = f"must be of type {kinds}, got {type(first.instance).__name__} {_short(first.instance)}"
    else:
        message = " ".join(first.message.split())
    if len(message) > _MAX_MESSAGE:
        message = message[: _MAX_MESSAGE - 3] + "..."
    raise error(path, json_line(text, where), f"{_render_path(where)}: {message}")


# -- output files and directories ---------------------------------------------------------------------


def _existing_ancestor(path: Path) -> Path:
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return probe


def check_output_file(option: str, path: Path) -> None:
    """``path`` can be written (created with its missing parent directories, or replaced)."""
    if path.is_dir():
        raise ConfigError(f"{option}: {path} is a directory, not a file")
    if path.exists():
        if not os.access(path.parent, os.W_OK):
            raise ConfigError(f"{option}: cannot write {path}: its directory is not writable")
        return
    _check_creatable(option, path.parent, f"cannot write {path}")


def check_output_dir(option: str, path: Path) -> None:
    """``path`` is a writable directory or can be created as one."""
    if path.exists():
        if not path.is_dir():
            raise ConfigError(f"{option}: {path} exists and is not a directory")
        if not os.access(path, os.W_OK | os.X_OK):
            raise ConfigError(f"{option}: directory {path} is not writable")
        return
    _check_creatable(option, path, f"cannot create directory {path}")


def _check_creatable(option: str, directory: Path, what: str) -> None:
    if directory.is_dir():
        if not os.access(directory, os.W_OK | os.X_OK):
            raise ConfigError(f"{option}: {what}: {directory} is not writable")
        return
    ancestor = _existing_ancestor(directory)
    if not ancestor.is_dir():
        raise ConfigError(f"{option}: {what}: {ancestor} is a file, not a directory")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise ConfigError(f"{option}: {what}: {ancestor} is not writable")


# -- backend and judge options -------------------------------------------------------------------------


def _module_of(group: str, name: str) -> Any:
    from .registry import resolve_factory

    factory = resolve_factory(group, name)
    return sys.modules.get(getattr(factory, "__module__", ""), None)


def _declared(module: Any) -> tuple[str, ...] | None:
    for attr in ("OPTIONS", "_OPTIONS"):
        value = getattr(module, attr, None)
        if isinstance(value, (tuple, list, frozenset, set)) and all(isinstance(v, str) for v in value):
            return tuple(sorted(value))
    return None


def check_component(group: str, spec: str, options: Mapping[str, str], option: str) -> None:
    """The component named by ``spec`` exists, every option in ``options`` is one it declares, and its
    argument passes its module's cheap ``validate(arg, options)`` when it has one (a scripted rules file).

    Options with a ``backend.`` prefix belong to the backend a judge wraps (``llm:BACKEND_SPEC``) and
    are checked against that backend. Components that declare nothing (third-party ones) are not checked here.
    """
    from .registry import BACKEND_GROUP, parse_spec

    parsed = parse_spec(spec)
    module = _module_of(group, parsed.name)
    if module is None:
        return
    own = {k: v for k, v in options.items() if not k.startswith("backend.")}
    passed = {k[len("backend.") :]: v for k, v in options.items() if k.startswith("backend.")}
    declared = _declared(module)
    if declared is not None:
        unknown = sorted(set(own) - set(declared))
        if unknown:
            raise ConfigError(
                f"{option}: unknown option {unknown[0]!r} for {parsed.name} "
                f"(allowed: {', '.join(declared) or 'none'}{'; backend.KEY for its backend' if passed else ''})"
            )
    validate = getattr(module, "validate", None)
    if callable(validate):
        validate(parsed.arg, own)
    if group != BACKEND_GROUP and parsed.arg and parsed.name == "llm":  # llm:BACKEND_SPEC wraps a backend
        check_component(BACKEND_GROUP, parsed.arg, passed, option)


# -- the whole configuration, before anything is loaded ------------------------------------------------


def preflight(
    settings: Any,
    *,
    strict_flag: bool,
    cache_dir_flag: bool,
    no_cache_flag: bool,
    allow_not_evaluated: bool,
    baseline_target: Path,
) -> None:
    """Every check that can fail a run before a model loads: conflicting options, components and their
    options, output paths and the cache directory. ``settings`` is the plugin's ``Settings``."""
    from .registry import BACKEND_GROUP, JUDGE_GROUP

    if strict_flag and settings.report_only:
        raise ConfigError(
            "--overrefusal-strict conflicts with --overrefusal-report-only (strict fails mismatching prompts, "
            "report-only never fails): choose one"
        )
    if no_cache_flag and cache_dir_flag:
        raise ConfigError("--overrefusal-no-cache conflicts with --overrefusal-cache-dir: choose one")
    if allow_not_evaluated and not settings.report_only:
        raise ConfigError(
            "--overrefusal-allow-not-evaluated only applies with --overrefusal-report-only "
            "(a gated run always fails on cells with no judged prompt)"
        )
    check_component(BACKEND_GROUP, settings.model, settings.model_options, "--overrefusal-model-option")
    check_component(JUDGE_GROUP, settings.judge, settings.judge_options, "--overrefusal-judge-option")
    if settings.json_path is not None:
        check_output_file("--overrefusal-json", settings.json_path)
    if settings.html_path is not None:
        check_output_file("--overrefusal-html", settings.html_path)
    if settings.update_baseline:
        check_output_file("--overrefusal-update-baseline", Path(baseline_target))
    if settings.cache_dir is not None:
        check_output_dir("--overrefusal-cache-dir", settings.cache_dir)
    if settings.baseline is not None and settings.baseline.is_dir():
        raise ConfigError(f"--overrefusal-baseline: {settings.baseline} is a directory, not a file")
    if settings.thresholds is not None and settings.thresholds.is_dir():
        raise ConfigError(f"--overrefusal-thresholds: {settings.thresholds} is a directory, not a file")
