"""The one module that knows pytest-xdist: a process's role, the worker's queue, and ``workeroutput``.

Everything else in the pytest layer asks these functions instead of reading ``workerinput``, ``dist``,
``numprocesses`` or xdist's internals itself, so an xdist upgrade that changes them is fixed here
(``tests/test_plugin_xdist_compat.py`` pins the behaviour against the installed xdist). Nothing here
imports xdist: every function works, and answers "not distributed", when xdist is not installed.
"""

from __future__ import annotations

from typing import Any

import pytest

__all__ = [
    "is_controller",
    "is_distributed",
    "is_worker",
    "node_output",
    "publish",
    "queued_indices",
    "worker_queue",
]


def is_worker(config: pytest.Config) -> bool:
    """True in an xdist worker process (xdist gives every worker's config a ``workerinput``)."""
    return hasattr(config, "workerinput")


def is_controller(config: pytest.Config) -> bool:
    """True in the process that gathers reports: the xdist controller, or the only process of a serial run."""
    return not is_worker(config)


def is_distributed(config: pytest.Config) -> bool:
    """True when this run spreads items over xdist workers (``-n N`` with N > 0, or ``--dist``), in any process."""
    if is_worker(config):
        return True
    if not config.pluginmanager.hasplugin("xdist"):
        return False
    numprocesses = getattr(config.option, "numprocesses", None)
    return bool(numprocesses) or getattr(config.option, "dist", "no") != "no"


def worker_queue(config: pytest.Config) -> Any:
    """The worker's queue of item indices still to run, or None (not a worker, or xdist changed).

    This is xdist's internal ``WorkerInteractor.torun`` (a ``TestQueue`` with a ``lock()`` context
    manager yielding the pending indices): the only private piece of xdist the plugin reads. It is
    used for look-ahead batching only, and every reader falls back to session order without it.
    """
    if not is_worker(config):
        return None
    for plugin in config.pluginmanager.get_plugins():
        queue = getattr(plugin, "torun", None)
        if queue is not None and hasattr(queue, "lock"):
            return queue
    return None


def queued_indices(queue: Any) -> list[int]:
    """Indices (into ``session.items``) the worker will run next; raises if xdist's queue changed shape."""
    with queue.lock() as queued:
        return [i for i in queued if isinstance(i, int)]


def publish(config: pytest.Config, key: str, value: Any) -> bool:
    """On a worker, hand ``value`` to the controller through xdist's documented ``workeroutput``."""
    workeroutput = getattr(config, "workeroutput", None)
    if not isinstance(workeroutput, dict):
        return False
    workeroutput[key] = value
    return True


def node_output(node: Any, key: str) -> Any:
    """On the controller (in ``pytest_testnodedown``), what a worker published under ``key``, or None."""
    output = getattr(node, "workeroutput", None)
    return output.get(key) if isinstance(output, dict) else None
