"""Example conftest: loads the steering plugin if it is not installed as an entry point yet, and prints a
table of the margins and boundary distances the tests measured."""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Any

import pytest

if not any(ep.name == "overrefusal-steering" for ep in entry_points(group="pytest11")):
    pytest_plugins = ["pytest_overrefusal.steering.pytest_plugin"]

_ROWS: list[tuple[str, str, str]] = []


class SteeringTable:
    """Rows for the terminal summary: what was measured, for which prompt, and the value."""

    def add(self, what: str, prompt: str, value: Any) -> None:
        _ROWS.append((what, prompt if len(prompt) <= 70 else prompt[:67] + "...", str(value)))


@pytest.fixture
def steering_table() -> SteeringTable:
    return SteeringTable()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _ROWS:
        return
    terminalreporter.section("steering example")
    for what, prompt, value in _ROWS:
        terminalreporter.write_line(f"{what:<18} {value:>12}  {prompt}")
