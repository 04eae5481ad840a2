"""Report sections that other producers contribute: the hookspec, the section type, and finding providers.

The core report renders what every run has (summary, heatmaps, cells, failing prompts, sampled
prompts, the baseline comparison). Everything else (mitigation diagnostics, XSB triggers, the steering
plugin's refusal boundary, a third party's own entry) is a ``Section`` returned by an implementation
of ``pytest_overrefusal_report_sections``, in the shape of pytest-html's ``hooks.py``: the core page
knows no entry but its own.

Providers are found the same way inside and outside pytest:

* In a pytest run, every registered plugin may implement the hook (the main plugin registers the core
  providers, the steering plugin its own), and the page uses ``config.hook``.
* ``overrefusal report`` and ``render_html`` without a hook build a ``pluggy.PluginManager`` with this
  hookspec, register the package's own providers (``PROVIDERS``), and load any module named in the
  ``pytest_overrefusal.report_sections`` entry-point group, so a third party's section shows there too.

The markers are pluggy's with pytest's project name, so one implementation serves both managers and
this module needs no pytest import.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pluggy
from markupsafe import Markup

if TYPE_CHECKING:
    from ..record import RunRecord

__all__ = [
    "ENTRY_POINT_GROUP",
    "PROVIDERS",
    "Section",
    "collect_sections",
    "hookimpl",
    "hookspec",
    "pytest_overrefusal_report_sections",
    "register_core_providers",
    "register_provider",
    "section_manager",
]

hookspec = pluggy.HookspecMarker("pytest")
hookimpl = pluggy.HookimplMarker("pytest")

ENTRY_POINT_GROUP = "pytest_overrefusal.report_sections"
# The package's own providers, by module name so that none is imported before a report is rendered.
PROVIDERS: tuple[str, ...] = (
    "pytest_overrefusal.report.mitigations",
    "pytest_overrefusal.report.xsb",
    "pytest_overrefusal.steering.report_section",
)
CORE_PROVIDERS = PROVIDERS[:2]


@dataclass(frozen=True)
class Section:
    """One section of the HTML report, rendered by its provider.

    ``html`` is the whole ``<section id="{id}">`` element (escaped by the provider's template);
    ``nav`` the link text in the page's navigation bar; ``tile`` an optional summary tile;
    ``failed`` makes the page's banner say FAILED (the section's own gate failed); sections are
    placed by ``order``, then ``id``.
    """

    id: str
    nav: Markup
    html: Markup
    order: int = 100
    tile: Markup | None = None
    failed: bool = False


@hookspec
def pytest_overrefusal_report_sections(record: RunRecord, source: str) -> list[Section] | None:
    """Sections this plugin adds to the HTML report of ``record`` (a ``record.RunRecord``).

    Return None or an empty list when the record has nothing for you. ``source`` names the record
    (its file, or "run record") for a ``report.reader.ReportDataError`` about a malformed entry.
    Called by ``render_html`` both in a pytest run and by ``overrefusal report``.
    """


def _load(name: str) -> Any:
    return importlib.import_module(name)


@functools.lru_cache(maxsize=1)
def section_manager() -> pluggy.PluginManager:
    """Providers outside pytest: the package's own plus the ``pytest_overrefusal.report_sections`` group."""
    manager = pluggy.PluginManager("pytest")
    manager.add_hookspecs(importlib.import_module(__name__))
    # pluggy calls the last registered first: reversed, so that providers are asked in PROVIDERS order (the
    # first malformed entry reported is the one the page shows first).
    for name in reversed(PROVIDERS):
        manager.register(_load(name), name)
    manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    return manager


def register_provider(pluginmanager: pluggy.PluginManager, name: str) -> None:
    """Register the provider module ``name`` with a pytest run's plugin manager (once)."""
    if pluginmanager.get_plugin(name) is None:
        pluginmanager.register(_load(name), name)


def register_core_providers(pluginmanager: pluggy.PluginManager) -> None:
    """Called by the main pytest plugin: the sections of entries the core session writes."""
    for name in reversed(CORE_PROVIDERS):
        register_provider(pluginmanager, name)


def collect_sections(record: RunRecord, source: str, hook: Any = None) -> list[Section]:
    """Every provider's sections for ``record``, in page order; ``hook`` is ``config.hook`` in a pytest run."""
    caller = hook if hook is not None else section_manager().hook
    answers: Iterable[list[Section] | None] = caller.pytest_overrefusal_report_sections(record=record, source=source)
    sections = [s for answer in answers if answer for s in answer]
    return sorted(sections, key=lambda s: (s.order, s.id))
