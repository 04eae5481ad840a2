"""Collection of the main plugin: suite files, cross-suite rate items, and the selection after -k/-m."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

import pytest

from ..scopes import item_name, scopes_of, shared_scopes_of
from ..suite import Case
from . import xdist_compat
from .items import CellItem, PromptItem, RatesCollector, SuiteFile
from .scaffold import SAMPLING_KEY
from .state import STATE_KEY, State

__all__ = ["EarlyCollection", "collect_file", "select"]


def collect_file(file_path: Path, parent: pytest.Collector) -> SuiteFile | None:
    state = parent.config.stash.get(STATE_KEY, None)
    pattern = state.settings.suite_glob if state is not None else "*.suite.yaml"
    if fnmatch(file_path.name, pattern):
        suite_file: SuiteFile = SuiteFile.from_parent(parent, path=file_path)
        return suite_file
    return None


class EarlyCollection:
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
                for scope in shared_scopes_of(case.suite, case.language, case.category):
                    scopes[scope] = None
        if not scopes:
            return
        rates = RatesCollector.from_parent(session, name="overrefusal", nodeid="overrefusal", path=config.rootpath)
        created = [CellItem.from_parent(rates, name=item_name(scope), scope=scope) for scope in scopes]
        items.extend(created)
        config.hook.pytest_collectreport(report=pytest.CollectReport("overrefusal", "passed", None, list(created)))


def select(state: State, config: pytest.Config, items: list[pytest.Item]) -> None:
    """After deselection: give each rate item its selected prompts and run rate items last."""
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
    state.select([(p.nodeid, p.case) for p in prompts])


def _apply_sample(
    config: pytest.Config, state: State, items: list[pytest.Item], prompts: list[PromptItem]
) -> list[PromptItem]:
    """Keep the stratified sample of the prompts -k/-m selected; deselect the rest.

    Every process computes the same sample from the same collection, so xdist workers agree; a worker
    also hands it to the controller (which collects nothing) through xdist's ``workeroutput``.
    """
    from ..stratified import stratified_sample

    assert state.settings.sample is not None
    sample = stratified_sample([p.case for p in prompts], state.settings.sample, state.settings.sample_seed)
    state.sample = sample
    xdist_compat.publish(config, SAMPLING_KEY, sample.to_dict())
    dropped = [p for p in prompts if p.case.key not in sample.selected]
    if dropped:
        gone = {id(p) for p in dropped}
        items[:] = [i for i in items if id(i) not in gone]
        config.hook.pytest_deselected(items=dropped)
    return [p for p in prompts if p.case.key in sample.selected]
