"""Scaffolding shared by the main plugin and the steering plugin.

* paths: ini values resolve against the ini file's directory, options against the working directory;
* errors: a bad option or input is one ``pytest.UsageError`` line, never a traceback;
* controller-only plugins: registered where reports are gathered (never on an xdist worker) and
  unregistered again in ``pytest_unconfigure``, as pytest-html does;
* report-attribute transport: per-item plain data rides on the test report, which reaches the
  controller from any xdist worker. Both the writer and the reader use the names defined here, so
  renaming one side cannot silently drop results under xdist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest

from ..errors import OverrefusalError, unexpected
from .xdist_compat import is_controller

__all__ = [
    "BOUNDARY_ATTR",
    "RESULT_ATTR",
    "SAMPLING_KEY",
    "attach",
    "cli_path",
    "debug",
    "ini_path",
    "path_option",
    "read_attached",
    "register_on_controller",
    "unregister",
    "usage_errors",
]

RESULT_ATTR = "overrefusal"  # {"result": CaseResult.to_dict()} of a prompt item
BOUNDARY_ATTR = "overrefusal_boundary"  # a boundary item's margin, distance and direction (steering plugin)
SAMPLING_KEY = "overrefusal_sampling"  # xdist workeroutput key: the stratified sample a worker drew

T = TypeVar("T")


def ini_path(config: pytest.Config, value: str | None) -> Path | None:
    """An ini value naming a file: relative to the ini file (the rootdir when there is none)."""
    if not value:
        return None
    base = config.inipath.parent if config.inipath is not None else config.rootpath
    return (base / value).resolve()


def cli_path(value: str | None) -> Path | None:
    """A command-line value naming a file: relative to the working directory."""
    return None if not value else Path(value).resolve()


def path_option(config: pytest.Config, option: str | None, ini: str) -> Path | None:
    """The command-line path if given, else the ini key's path, else None."""
    return cli_path(option) or ini_path(config, config.getini(ini))


def debug(config: pytest.Config) -> bool:
    """``--overrefusal-debug``: let unexpected errors through with their traceback."""
    return bool(config.getoption("overrefusal_debug", False))


@contextmanager
def usage_errors(config: pytest.Config, what: str) -> Iterator[None]:
    """Turn an OverrefusalError into one UsageError line, and any other error into one line naming ``what``."""
    try:
        yield
    except pytest.UsageError:
        raise
    except OverrefusalError as exc:
        raise pytest.UsageError(" ".join(str(exc).split())) from None
    except Exception as exc:
        if debug(config):
            raise
        raise pytest.UsageError(unexpected(what, exc)) from None


def register_on_controller(config: pytest.Config, make: Callable[[], T], name: str) -> T | None:
    """Register the plugin ``make()`` builds, only where reports are gathered (not on xdist workers)."""
    if not is_controller(config):
        return None
    plugin = make()
    config.pluginmanager.register(plugin, name)
    return plugin


def unregister(config: pytest.Config, name: str) -> None:
    plugin = config.pluginmanager.get_plugin(name)
    if plugin is not None:
        config.pluginmanager.unregister(plugin, name)


def attach(report: pytest.TestReport, attr: str, data: dict[str, Any]) -> None:
    """Put plain (JSON-able) data on a test report; xdist serialises it to the controller."""
    setattr(report, attr, data)


def read_attached(report: pytest.TestReport | pytest.CollectReport, attr: str) -> dict[str, Any] | None:
    data = getattr(report, attr, None)
    return data if isinstance(data, dict) else None
