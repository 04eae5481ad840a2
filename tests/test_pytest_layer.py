"""The pytest layer's shape, checked over the source: no import cycle, and only the layer imports pytest.

The import graph (imports inside functions count, ``TYPE_CHECKING`` blocks do not) comes from
package_source.py, shared with test_architecture.py.
"""

from __future__ import annotations

import pytest
from package_source import MODULES, find_cycle, import_graph, imported_roots

# The pytest layer: the main plugin's subpackage (which holds the steering plugin's pytest side too) and
# the steering plugin's entry-point module, kept where its entry point names it.
LAYER = ("pytest_overrefusal.plugin", "pytest_overrefusal.steering.pytest_plugin")


def in_layer(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in LAYER)


def test_the_graph_sees_the_known_edges() -> None:
    """The checker itself: it must see edges that exist, or every cycle test below passes vacuously."""
    graph = import_graph()
    assert "pytest_overrefusal.plugin.state" in graph["pytest_overrefusal.plugin.items"]
    assert "pytest_overrefusal.plugin.xdist_compat" in graph["pytest_overrefusal.plugin"]
    assert "pytest_overrefusal.plugin.steering.runtime" in graph["pytest_overrefusal.steering.pytest_plugin"]
    # A lazy import (inside a function) is an edge too.
    assert "pytest_overrefusal.steering.baseline" in graph["pytest_overrefusal.steering.pytest_plugin"]
    planted = {"a": {"b"}, "b": {"c"}, "c": {"a"}}
    assert find_cycle(planted, set(planted)) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}, {"a", "b"}) is None


def test_the_pytest_layer_has_no_import_cycle() -> None:
    graph = import_graph()
    layer = {m for m in graph if in_layer(m)}
    assert len(layer) >= 10
    # Any cycle that passes through a pytest-layer module, whichever other modules it visits.
    cycle = find_cycle(graph, set(graph))
    while cycle is not None and not any(in_layer(m) for m in cycle):
        # A cycle elsewhere in the package is not this test's concern: cut it and look again.
        graph[cycle[-2]].discard(cycle[-1])
        cycle = find_cycle(graph, set(graph))
    assert cycle is None, " -> ".join(cycle or [])


def test_the_core_never_imports_the_pytest_layer() -> None:
    graph = import_graph()
    upward = sorted(f"{m} -> {t}" for m, ts in graph.items() if not in_layer(m) for t in ts if in_layer(t))
    assert upward == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_pytest_layer_imports_pytest(module: str) -> None:
    imports_pytest = bool(
        imported_roots(MODULES[module], type_checking=False) & {"pytest", "_pytest", "xdist", "pytest_html"}
    )
    assert not imports_pytest or in_layer(module), f"{module} imports pytest outside the pytest layer"
