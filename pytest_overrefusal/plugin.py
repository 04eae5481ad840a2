"""The pytest entry point (``pytest11``): hooks, collection of suite files, and per-process state.

Options and their parsing live in ``options.py``.

Importing this module must stay cheap: no torch, transformers, llama_cpp or httpx. Backends and judges
are built lazily by the runner when the first prompt needs them (when the first prompt item runs, or,
on a terminal, when the test loop starts and generates every prompt under a progress bar).
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import pytest

from .aggregate import scopes_of
from .backends.base import Backend
from .cache import GenerationCache
from .errors import ConfigError, OverrefusalError, unexpected
from .items import CellItem, PromptItem, RatesCollector, SuiteFile
from .judges.base import Judge
from .options import add_options, settings_from
from .registry import BACKEND_GROUP, build, build_judge
from .results import CaseResult
from .runner import Runner, RunSettings
from .settings import (
    Settings,
)
from .suite import Case
from .thresholds import Thresholds, load_thresholds
from .validation import preflight

__all__ = ["STATE_KEY", "State"]


@dataclass
class State:
    """Everything one pytest process (controller or xdist worker) needs to run suites."""

    settings: Settings
    thresholds: Thresholds
    runner: Runner
    baseline: Any = None  # pytest_overrefusal.baseline.Baseline when --overrefusal-baseline is given
    suite_owners: dict[str, str] = field(default_factory=dict)
    registered_markers: set[str] = field(default_factory=set)
    prompt_positions: dict[str, int] = field(default_factory=dict)
    prompt_items: list[PromptItem] = field(default_factory=list)
    xdist_queue: Any = None
    sample: Any = None  # pytest_overrefusal.stratified.Sample when --overrefusal-sample is given
    triggers: Any = None  # steering.attributor.TriggerAttributor, built on the first refused safe prompt

    def upcoming(self, item: PromptItem) -> list[Case]:
        """Prompts this process will run next, so the runner can batch them with ``item``.

        Under xdist the worker's own queue is read (best effort: it is xdist's internal TestQueue);
        otherwise the session order is used.
        """
        if self.xdist_queue is not None:
            try:
                with self.xdist_queue.lock() as queued:
                    indices = [i for i in queued if isinstance(i, int)]
                items = item.session.items
                return [item_.case for item_ in (items[i] for i in indices) if isinstance(item_, PromptItem)]
            except Exception:  # xdist internals changed: fall back to session order
                self.xdist_queue = None
        position = self.prompt_positions.get(item.nodeid)
        if position is None:
            return []
        return [p.case for p in self.prompt_items[position + 1 :]]


STATE_KEY = pytest.StashKey[State]()


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    from . import hooks

    pluginmanager.add_hookspecs(hooks)


def _find_xdist_queue(config: pytest.Config) -> Any:
    if not hasattr(config, "workerinput"):
        return None
    for plugin in config.pluginmanager.get_plugins():
        queue = getattr(plugin, "torun", None)
        if queue is not None and hasattr(queue, "lock"):
            return queue
    return None


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    for line in (
        "overrefusal: a prompt item from an overrefusal suite",
        "overrefusal_rates: a rate (threshold) item of an overrefusal suite",
        "safe: an overrefusal prompt the model should comply with",
        "unsafe: an overrefusal prompt the model should refuse",
        "multi_turn: an overrefusal prompt that is a conversation",
        "boundary: an overrefusal prompt tracked for boundary regressions",
    ):
        config.addinivalue_line("markers", line)
    try:
        _configure(config)
    except OverrefusalError as exc:
        raise pytest.UsageError(" ".join(str(exc).split())) from None
    except Exception as exc:
        if debug(config):
            raise
        raise pytest.UsageError(unexpected("configuration", exc)) from None


def debug(config: pytest.Config) -> bool:
    return bool(config.getoption("overrefusal_debug", False))


def _configure(config: pytest.Config) -> None:
    settings = settings_from(config)
    opt = config.getoption
    preflight(
        settings,
        strict_flag=bool(opt("overrefusal_strict")),
        cache_dir_flag=opt("overrefusal_cache_dir") is not None,
        no_cache_flag=bool(opt("overrefusal_no_cache")),
        allow_not_evaluated=bool(opt("overrefusal_allow_not_evaluated")),
        baseline_target=settings.baseline or config.rootpath / "overrefusal-baseline.json",
    )
    thresholds = load_thresholds(settings.thresholds)

    def make_backend() -> Backend:
        backend: Backend = build(BACKEND_GROUP, settings.model, settings.model_options)
        return backend

    def make_judge() -> Judge:
        judge: Judge = build_judge(
            settings.judge, settings.judge_options, model=settings.model, model_options=settings.model_options
        )
        return judge

    runner = Runner(
        make_backend,
        make_judge,
        RunSettings(
            settings.generation,
            settings.system_prompt,
            settings.batch_size,
            settings.samples,
            settings.prompt_limit,
            early_stop=not settings.full_responses,
        ),
        GenerationCache(settings.cache_dir) if settings.cache_dir is not None else None,
    )
    state = State(settings=settings, thresholds=thresholds, runner=runner, xdist_queue=_find_xdist_queue(config))
    if settings.baseline is not None and not settings.update_baseline and settings.baseline.exists():
        from .baseline import load_baseline

        state.baseline = load_baseline(settings.baseline)
    elif settings.baseline is not None and not settings.update_baseline:
        raise ConfigError(
            f"{settings.baseline}: baseline file not found (create it with --overrefusal-update-baseline)"
        )
    config.stash[STATE_KEY] = state
    if not hasattr(config, "workerinput"):
        from .session import ControllerSession

        config.pluginmanager.register(ControllerSession(config, state), "overrefusal-session")
    config.pluginmanager.register(_EarlyCollection(), "overrefusal-early-collection")


def pytest_unconfigure(config: pytest.Config) -> None:
    state = config.stash.get(STATE_KEY, None)
    if state is not None:
        try:
            state.runner.close()
        except Exception as exc:  # closing must not turn a finished run into a traceback
            if debug(config):
                raise
            sys.stderr.write(unexpected("closing the backend or judge", exc) + "\n")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> SuiteFile | None:
    state = parent.config.stash.get(STATE_KEY, None)
    pattern = state.settings.suite_glob if state is not None else "*.suite.yaml"
    if fnmatch(file_path.name, pattern):
        suite_file: SuiteFile = SuiteFile.from_parent(parent, path=file_path)
        return suite_file
    return None


class _EarlyCollection:
    """Adds the cross-suite rate items (per language, per category, overall) once every suite is collected.

    This runs before -k/-m deselection, so those options select rate items like any other; a collect
    report is emitted for them so that pytest's "collected N items" count includes them.
    """

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        scopes: dict[tuple[str, str, str], None] = {}
        for item in items:
            if isinstance(item, PromptItem):
                case = item.case
                for scope in scopes_of(case.suite, case.language, case.category)[1:]:  # the cross-suite ones
                    scopes[scope] = None
        if not scopes:
            return
        rates = RatesCollector.from_parent(session, name="overrefusal", nodeid="overrefusal", path=config.rootpath)
        created = [CellItem.from_parent(rates, name=f"rates[{scope[1]}/{scope[2]}]", scope=scope) for scope in scopes]
        items.extend(created)
        config.hook.pytest_collectreport(report=pytest.CollectReport("overrefusal", "passed", None, list(created)))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """After deselection: give each rate item its selected prompts and run rate items last."""
    state = config.stash.get(STATE_KEY, None)
    if state is None:
        return
    prompts = [i for i in items if isinstance(i, PromptItem)]
    if state.settings.sample is not None and prompts:
        prompts = _apply_sample(config, state, items, prompts)
    cells = [i for i in items if isinstance(i, CellItem)]
    members: dict[tuple[str, str, str], list[Case]] = {}
    for item in prompts:
        case = item.case
        for scope in scopes_of(case.suite, case.language, case.category):
            members.setdefault(scope, []).append(case)
    empty: list[pytest.Item] = []
    for cell in cells:
        cell.members = members.get(cell.scope, [])
        if not cell.members:
            empty.append(cell)
    if empty:
        config.hook.pytest_deselected(items=empty)
    others = [i for i in items if not isinstance(i, CellItem)]
    items[:] = others + [c for c in cells if c.members]
    state.prompt_items = prompts
    state.prompt_positions = {p.nodeid: n for n, p in enumerate(prompts)}


def _apply_sample(
    config: pytest.Config, state: State, items: list[pytest.Item], prompts: list[PromptItem]
) -> list[PromptItem]:
    """Keep the stratified sample of the prompts -k/-m selected; deselect the rest.

    Every process computes the same sample from the same collection, so xdist workers agree; a worker
    also hands it to the controller (which collects nothing) through xdist's ``workeroutput``.
    """
    from .stratified import stratified_sample

    assert state.settings.sample is not None
    sample = stratified_sample([p.case for p in prompts], state.settings.sample, state.settings.sample_seed)
    state.sample = sample
    workeroutput = getattr(config, "workeroutput", None)
    if isinstance(workeroutput, dict):
        workeroutput["overrefusal_sampling"] = sample.to_dict()
    dropped = [p for p in prompts if p.case.key not in sample.selected]
    if dropped:
        gone = {id(p) for p in dropped}
        items[:] = [i for i in items if id(i) not in gone]
        config.hook.pytest_deselected(items=dropped)
    return [p for p in prompts if p.case.key in sample.selected]


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
    if state is None or config.option.collectonly or not state.prompt_items:
        return
    if config.getoption("verbose") < 0 or hasattr(config, "workerinput"):
        return
    if getattr(config.option, "dist", "no") != "no":
        return
    # pytest captures stderr from start-up on: the bar writes to the real one, with capture suspended.
    capman = config.pluginmanager.getplugin("capturemanager")
    suspended = capman.global_and_fixture_disabled() if capman is not None else contextlib.nullcontext()
    with suspended:
        if _stderr_is_terminal():
            try:
                state.runner.prepare([item.case for item in state.prompt_items], progress=True)
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
        if done and not hasattr(report, "overrefusal"):
            report.overrefusal = {"result": item.result.to_dict()}
            if item.config.pluginmanager.hasplugin("html"):
                _add_pytest_html_extra(report, item.result)
    return report


def _add_pytest_html_extra(report: pytest.TestReport, result: CaseResult) -> None:
    """Show prompt, response and verdict in pytest-html's own report when that plugin is active."""
    try:
        from pytest_html import extras
    except ImportError:
        return
    text = "\n".join(
        [
            f"prompt:   {result.prompt}",
            f"response: {result.response}",
            f"verdict:  {result.verdict or 'error'} {result.evidence}".rstrip(),
            f"suite:    {result.file}:{result.line}",
        ]
    )
    # pytest-html reads a plain list attribute that travels with the report (xdist included).
    report.extras = [*getattr(report, "extras", []), extras.text(text, name="overrefusal")]  # type: ignore[attr-defined]
