"""``plugin/xdist_compat.py`` pinned against the installed pytest-xdist: roles, the worker queue, workeroutput.

Every process of a real run (serial, ``-n 2``, xdist disabled) writes what the shim answers there; the
controller also writes what each worker published. An xdist release that renames ``workerinput``,
``torun`` or ``workeroutput`` fails here instead of silently turning off look-ahead batching or sampling.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pytest_overrefusal.plugin import xdist_compat

CONFTEST = """
import json, os
from pathlib import Path
import pytest
from pytest_overrefusal.plugin import xdist_compat as x

OUT = Path(__file__).parent / "roles"

def pytest_configure(config):
    OUT.mkdir(exist_ok=True)
    role = {"worker": x.is_worker(config), "controller": x.is_controller(config),
            "distributed": x.is_distributed(config), "queue": x.worker_queue(config) is not None}
    (OUT / f"configure-{os.getpid()}.json").write_text(json.dumps(role))

def pytest_runtest_call(item):
    queue = x.worker_queue(item.config)
    indices = None if queue is None else x.queued_indices(queue)
    (OUT / f"item-{os.getpid()}-{item.name}.json").write_text(json.dumps({"indices": indices}))

def pytest_sessionfinish(session):
    x.publish(session.config, "pinned", os.getpid())

@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    (OUT / f"published-{x.node_output(node, 'pinned')}.json").write_text("{}")
"""

TESTS = "\n".join(f"def test_{n}():\n    pass\n" for n in range(8))


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_some=TESTS)
    return pytester


def roles(path: Path, kind: str) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted((path / "roles").glob(f"{kind}-*.json"))]


def test_a_serial_run_is_one_controller_and_not_distributed(project: pytest.Pytester) -> None:
    project.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=8)
    assert roles(project.path, "configure") == [
        {"worker": False, "controller": True, "distributed": False, "queue": False}
    ]
    assert {r["indices"] is None for r in roles(project.path, "item")} == {True}


def test_without_xdist_nothing_is_distributed(project: pytest.Pytester) -> None:
    project.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:xdist").assert_outcomes(passed=8)
    assert roles(project.path, "configure") == [
        {"worker": False, "controller": True, "distributed": False, "queue": False}
    ]


def test_under_n2_one_controller_two_workers_with_queues_and_workeroutput(project: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    project.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2").assert_outcomes(passed=8)
    configured = roles(project.path, "configure")
    controllers = [r for r in configured if r["controller"]]
    workers = [r for r in configured if r["worker"]]
    assert controllers == [{"worker": False, "controller": True, "distributed": True, "queue": False}]
    assert workers == [{"worker": True, "controller": False, "distributed": True, "queue": True}] * 2
    # xdist's private queue still has the shape look-ahead batching reads: a list of item indices.
    seen = [r["indices"] for r in roles(project.path, "item")]
    assert len(seen) == 8
    assert all(isinstance(i, list) and all(isinstance(n, int) for n in i) for i in seen)
    # Each worker's workeroutput reached the controller in pytest_testnodedown.
    worker_pids = {p.name.split("-")[1] for p in (project.path / "roles").glob("item-*.json")}
    published = {p.stem.split("-", 1)[1] for p in (project.path / "roles").glob("published-*.json")}
    assert published == worker_pids


def test_publish_and_node_output_outside_xdist_are_harmless() -> None:
    config: Any = SimpleNamespace()
    assert xdist_compat.publish(config, "k", 1) is False
    assert xdist_compat.node_output(SimpleNamespace(), "k") is None
    assert xdist_compat.node_output(SimpleNamespace(workeroutput={"k": 2}), "k") == 2
