"""``plugin/scaffold.py``, shared by the main and the steering plugin, on real pytest configs."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_overrefusal.errors import ConfigError
from pytest_overrefusal.plugin.scaffold import (
    RESULT_ATTR,
    attach,
    cli_path,
    ini_path,
    read_attached,
    register_on_controller,
    unregister,
    usage_errors,
)


def test_ini_paths_are_relative_to_the_ini_file_and_cli_paths_to_the_working_directory(
    pytester: pytest.Pytester,
) -> None:
    sub = pytester.mkdir("conf")
    (sub / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    config = pytester.parseconfig("-c", str(sub / "pytest.ini"))
    assert ini_path(config, "t.yaml") == (sub / "t.yaml").resolve()
    assert ini_path(config, "") is None
    assert cli_path("t.yaml") == (Path.cwd() / "t.yaml").resolve()
    assert cli_path(None) is None


def test_controller_only_plugins_are_registered_on_the_controller_and_unregistered(pytester: pytest.Pytester) -> None:
    config = pytester.parseconfigure("-p", "no:cacheprovider")
    # The main plugin registered its controller session, and unconfigure takes it away again.
    assert config.pluginmanager.get_plugin("overrefusal-session") is not None
    config._ensure_unconfigure()
    assert config.pluginmanager.get_plugin("overrefusal-session") is None
    worker = pytester.parseconfig()
    worker.workerinput = {"workerid": "gw0"}  # type: ignore[attr-defined]
    assert register_on_controller(worker, object, "x") is None
    assert worker.pluginmanager.get_plugin("x") is None
    controller = pytester.parseconfig()
    plugin = register_on_controller(controller, object, "x")
    assert controller.pluginmanager.get_plugin("x") is plugin
    unregister(controller, "x")
    assert controller.pluginmanager.get_plugin("x") is None


def test_report_attributes_round_trip_and_ignore_foreign_values() -> None:
    report = pytest.TestReport("n", ("f", 0, "n"), {}, "passed", None, "call")
    assert read_attached(report, RESULT_ATTR) is None
    attach(report, RESULT_ATTR, {"result": {"id": "a"}})
    assert read_attached(report, RESULT_ATTR) == {"result": {"id": "a"}}
    setattr(report, RESULT_ATTR, "not a dict")
    assert read_attached(report, RESULT_ATTR) is None


def test_usage_errors_are_one_line(pytester: pytest.Pytester) -> None:
    config = pytester.parseconfig()
    with pytest.raises(pytest.UsageError, match=r"^--x: bad value$"), usage_errors(config, "configuration"):
        raise ConfigError("--x:   bad\n value")
    with pytest.raises(pytest.UsageError, match="configuration"), usage_errors(config, "configuration"):
        raise RuntimeError("boom")
