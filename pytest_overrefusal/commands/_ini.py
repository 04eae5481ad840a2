"""The ``overrefusal_*`` ini values a pytest run would read, for commands that must agree with a live run.

pytest finds its configuration file by walking up from the common ancestor of its arguments and taking,
in each directory, the first of these that holds a pytest section: ``pytest.toml``/``.pytest.toml``
(``[pytest]``), ``pytest.ini``/``.pytest.ini`` (always), ``pyproject.toml`` (``[tool.pytest.ini_options]``
or ``[tool.pytest]``), ``tox.ini`` (``[pytest]``), ``setup.cfg`` (``[tool:pytest]``). Commands run
without pytest, so this module repeats that search for the few values they need; ``-c PATH`` (as in
pytest) names the file instead.
"""

from __future__ import annotations

import configparser
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - pytest itself depends on tomli before 3.11
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

__all__ = ["find_ini", "ini_values"]

_INI_SECTIONS = {"pytest.ini": "pytest", ".pytest.ini": "pytest", "tox.ini": "pytest", "setup.cfg": "tool:pytest"}


def _read_ini(path: Path, section: str) -> dict[str, str] | None:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read pytest configuration: {exc}") from None
    if not parser.has_section(section):
        return {} if path.name in ("pytest.ini", ".pytest.ini") else None
    return dict(parser.items(section))


def _read_toml(path: Path) -> dict[str, str] | None:
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: cannot read pytest configuration: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {}).get("pytest", {})
        table = tool.get("ini_options", tool) if isinstance(tool, dict) else None
    else:
        table = data.get("pytest")
    if not isinstance(table, dict):
        return None
    return {str(k): str(v) for k, v in table.items() if not isinstance(v, dict)}


def _values(path: Path) -> dict[str, str] | None:
    if path.suffix == ".toml":
        return _read_toml(path)
    return _read_ini(path, _INI_SECTIONS.get(path.name, "pytest"))


def find_ini(paths: Iterable[str | Path]) -> Path | None:
    """The configuration file pytest would use for a run over ``paths``."""
    resolved = [Path(p).resolve() for p in paths] or [Path.cwd()]
    anchor = Path(os.path.commonpath([str(p if p.is_dir() else p.parent) for p in resolved]))
    names = ("pytest.toml", ".pytest.toml", "pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg")
    for directory in (anchor, *anchor.parents):
        for name in names:
            candidate = directory / name
            if candidate.is_file() and _values(candidate) is not None:
                return candidate
    return None


def ini_values(paths: Iterable[str | Path], explicit: str | None = None) -> tuple[Path | None, dict[str, str]]:
    """(the configuration file, its pytest values); ``explicit`` is ``-c PATH``."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"-c {explicit}: configuration file not found")
        return path, _values(path) or {}
    found = find_ini(paths)
    return found, ({} if found is None else _values(found) or {})
