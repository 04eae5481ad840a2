"""Hook specifications other plugins can implement (registered through ``pytest_addhooks``).

Example, in a ``conftest.py`` that posts every run to a dashboard::

    def pytest_overrefusal_record(config, record):
        requests.post("https://dash.example/runs", json=record, timeout=10)
"""

from __future__ import annotations

from typing import Any

import pytest

from ..report.sections import pytest_overrefusal_report_sections  # noqa: F401  (the report-sections hookspec)
from ..results import CaseResult


@pytest.hookspec
def pytest_overrefusal_result(config: pytest.Config, result: CaseResult) -> None:
    """Called on the controller for each prompt's result as its report arrives (any xdist worker)."""


@pytest.hookspec
def pytest_overrefusal_record(config: pytest.Config, record: dict[str, Any]) -> None:
    """Called on the controller with the complete run record (the ``--overrefusal-json`` document)
    before any output is written; implementations may add keys to ``record``."""
