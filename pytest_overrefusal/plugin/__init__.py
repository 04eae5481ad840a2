"""The pytest entry point (``pytest11`` name ``overrefusal``): thin hookimpls that delegate.

The pytest layer, module by module (imports flow down this list, never up):

* ``__init__``       these hookimpls, each a few lines calling the modules below;
* ``controller``     ``ControllerSession``: gathers results from reports, gates, writes outputs (controller only);
* ``collection``     suite files, cross-suite rate items, selection after -k/-m and sampling;
* ``items``          ``SuiteFile``, ``PromptItem``, ``CellItem``, ``RatesCollector``;
* ``state``          ``State`` (per process, with methods) under ``STATE_KEY``, and ``build_state``;
* ``options``        options and ini keys, parsed once into ``Settings``;
* ``hooks``          the hookspecs other plugins implement;
* ``html_extras``    pytest-html integration;
* ``scaffold``       shared with the steering plugin: paths, usage errors, controller-only plugins,
  report-attribute transport;
* ``xdist_compat``   the only module that knows pytest-xdist;
* ``steering/``      the steering plugin's items, fixtures, runtime and controller (its entry point is
  ``pytest_overrefusal.steering.pytest_plugin``).

Importing this module must stay cheap: no torch, transformers, llama_cpp or httpx. Backends and judges
are built lazily by the runner when the first prompt needs them (when the first prompt item runs, or,
on a terminal, when the test loop starts and generates every prompt under a progress bar).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

import pytest

from ..errors import unexpected
from . import xdist_compat
from .collection import EarlyCollection, collect_file, select
from .controller import ControllerSession
from .html_extras import add_pytest_html_extra
from .items import PromptItem, SuiteFile
from .options import add_options
from .scaffold import RESULT_ATTR, attach, debug, read_attached, register_on_controller, unregister, usage_errors
from .state import STATE_KEY, State, build_state

__all__ = ["STATE_KEY", "State"]

_CONTROLLER = "overrefusal-session"
_EARLY = "overrefusal-early-collection"
_MARKERS = (
    "overrefusal: a prompt item from an overrefusal suite",
    "overrefusal_rates: a rate (threshold) item of an overrefusal suite",
    "safe: an overrefusal prompt the model should comply with",
    "unsafe: an overrefusal prompt the model should refuse",
    "multi_turn: an overrefusal prompt that is a conversation",
    "boundary: an overrefusal prompt tracked for boundary regressions",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    from . import hooks

    pluginmanager.add_hookspecs(hooks)
    from ..report.sections import register_core_providers

    register_core_providers(pluginmanager)


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    for line in _MARKERS:
        config.addinivalue_line("markers", line)
    with usage_errors(config, "configuration"):
        state = build_state(config)
    config.stash[STATE_KEY] = state
    register_on_controller(config, lambda: ControllerSession(config, state), _CONTROLLER)
    config.pluginmanager.register(EarlyCollection(), _EARLY)


def pytest_unconfigure(config: pytest.Config) -> None:
    unregister(config, _CONTROLLER)
    unregister(config, _EARLY)
    state = config.stash.get(STATE_KEY, None)
    if state is not None:
        try:
            state.runner.close()
        except Exception as exc:  # closing must not turn a finished run into a traceback
            if debug(config):
                raise
            sys.stderr.write(unexpected("closing the backend or judge", exc) + "\n")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> SuiteFile | None:
    return collect_file(file_path, parent)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """After deselection: give each rate item its selected prompts and run rate items last."""
    state = config.stash.get(STATE_KEY, None)
    if state is not None:
        select(state, config, items)


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> None:
    """On a terminal, generate every selected prompt before the first item runs, under a progress bar.

    Items otherwise generate in look-ahead batches as they run, and pytest's own progress line (the
    dots) shows how far a run is: that is what CI logs see, where no bar is drawn. On a terminal the bar
    is drawn instead, and it needs the terminal to itself, which it only has before items report.
    Under xdist the controller runs no items and each worker keeps the look-ahead over its own queue.
    """
    config = session.config
    state = config.stash.get(STATE_KEY, None)
    if state is None or config.option.collectonly or not state.prompt_cases:
        return
    if config.getoption("verbose") < 0 or xdist_compat.is_distributed(config):
        return
    # pytest captures stderr from start-up on: the bar writes to the real one, with capture suspended.
    capman = config.pluginmanager.getplugin("capturemanager")
    suspended = capman.global_and_fixture_disabled() if capman is not None else contextlib.nullcontext()
    with suspended:
        if _stderr_is_terminal():
            try:
                state.runner.prepare(state.prompt_cases, progress=True)
            except Exception as exc:
                if debug(config):
                    raise
                raise pytest.UsageError(unexpected("generation", exc)) from None


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if isinstance(item, PromptItem) and item.result is not None:
        done = (call.when == "call") or (call.when == "setup" and report.outcome != "passed")
        if done and read_attached(report, RESULT_ATTR) is None:
            attach(report, RESULT_ATTR, {"result": item.result.to_dict()})
            if item.config.pluginmanager.hasplugin("html"):
                add_pytest_html_extra(report, item.result)
    return report
