"""The steering pytest plugin (entry point ``overrefusal-steering``): fixtures and boundary-regression items.

Fixtures (all typed; see docs/steering.md):

* ``refusal_direction`` -- difference-in-means direction of the collected suites' contrast pairs (or of
  ``--overrefusal-steering-data`` suites), layer chosen by a held-out sweep, cached on disk;
* ``refusal_direction_factory`` -- ``factory(safe, unsafe)`` for directions of given prompt lists;
* ``refusal_margin(prompts)`` -- normalised projections (0 = mean safe, 1 = mean unsafe);
* ``steer(alpha)`` -- context manager yielding the model steered by ``alpha`` times the direction;
* ``boundary_distance(prompts)`` -- the alpha at which each first-token refusal score flips;
* ``steering_session`` -- the underlying model and cache.

With ``--overrefusal-boundary``, every collected prompt marked ``boundary: true`` gets a ``BoundaryItem``
that compares its margin and boundary distance with ``--overrefusal-boundary-baseline``.

Importing this module is cheap: numpy, torch and transformers are imported only when a fixture or a
boundary item first runs.
"""

from __future__ import annotations

from typing import Any

import pytest

from ..plugin import xdist_compat
from ..plugin.scaffold import register_on_controller, unregister, usage_errors
from ..plugin.steering.controller import SteeringController, steering_results
from ..plugin.steering.fixtures import (
    boundary_distance,
    refusal_direction,
    refusal_direction_factory,
    refusal_margin,
    steer,
    steering_session,
)
from ..plugin.steering.items import AfterDeselection, BoundaryItem, add_boundary_items, attach_boundary_data
from ..plugin.steering.options import add_options, build_runtime
from ..plugin.steering.runtime import RUNTIME_KEY, BoundaryDriftWarning, BoundarySettings, Runtime
from ..report.sections import register_provider

# Fixtures and the names tests and users import from here: the implementation lives in
# pytest_overrefusal/plugin/steering/ (items, fixtures, runtime, controller, options).
__all__ = [
    "RUNTIME_KEY",
    "BoundaryDriftWarning",
    "BoundaryItem",
    "BoundarySettings",
    "Runtime",
    "boundary_distance",
    "refusal_direction",
    "refusal_direction_factory",
    "refusal_margin",
    "steer",
    "steering_results",
    "steering_session",
]

_CONTROLLER = "overrefusal-steering-controller"
_AFTER = "overrefusal-steering-after"


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "overrefusal_boundary: a boundary-regression item (steering margin/distance)")
    with usage_errors(config, "the steering plugin's configuration"):
        runtime = build_runtime(config)
    b = runtime.boundary
    if b.update and xdist_compat.is_controller(config) and xdist_compat.is_distributed(config):
        raise pytest.UsageError(
            "--overrefusal-update-boundary-baseline cannot run under xdist (-n): the baseline must come from one "
            "process"
        )
    if b.enabled and not b.update and b.baseline is not None:
        if not b.baseline.exists():
            raise pytest.UsageError(
                f"{b.baseline}: boundary baseline not found (create it with --overrefusal-update-boundary-baseline)"
            )
        from .baseline import load_boundary_baseline

        with usage_errors(config, "reading the boundary baseline"):
            runtime.baseline = load_boundary_baseline(b.baseline)
    config.stash[RUNTIME_KEY] = runtime
    config.pluginmanager.register(AfterDeselection(), _AFTER)
    register_provider(config.pluginmanager, "pytest_overrefusal.steering.report_section")  # its report section
    register_on_controller(config, lambda: SteeringController(runtime), _CONTROLLER)


def pytest_unconfigure(config: pytest.Config) -> None:
    unregister(config, _CONTROLLER)
    unregister(config, _AFTER)
    runtime = config.stash.get(RUNTIME_KEY, None)
    if runtime is not None:
        runtime.close()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Before deselection: remember every collected prompt (they fit the default direction) and add
    boundary items, so that -k and -m select them like any other item."""
    runtime = config.stash.get(RUNTIME_KEY, None)
    if runtime is not None:
        add_boundary_items(runtime, session, config, items)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    attach_boundary_data(item, call, report)
    return report
