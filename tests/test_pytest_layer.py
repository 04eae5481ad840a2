"""The pytest layer's shape, checked over the source: no import cycle, and only the layer imports pytest.

Import edges are read with ``ast`` from every import statement except those under ``if TYPE_CHECKING:``
(which never run). Imports inside functions count too: a lazy import that only dodges a cycle (the old
``items`` -> ``plugin`` -> ``session`` -> ``plugin``) is still a cycle in the design. Importing a
submodule also runs its package's ``__init__``, but Python handles a package importing its own
submodules, so only the explicit edges count.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "pytest_overrefusal"
ROOT = "pytest_overrefusal"
# The pytest layer: the main plugin's subpackage (which holds the steering plugin's pytest side too) and
# the steering plugin's entry-point module, kept where its entry point names it.
LAYER = ("pytest_overrefusal.plugin", "pytest_overrefusal.steering.pytest_plugin")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def in_layer(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in LAYER)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def all_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement anywhere in the module, except under ``if TYPE_CHECKING:``."""
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node.test)
               for stmt in node.body for n in ast.walk(stmt)}  # fmt: skip
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in skipped:
            yield node


def targets(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """Full names of the modules an import statement loads."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    out = []
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        out.append(sub if sub in MODULES else base)
    return out


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges: set[str] = set()
        for node in all_imports(tree):
            edges.update(t for t in targets(module, node) if t in MODULES and t != module)
        graph[module] = edges
    return graph


def find_cycle(graph: dict[str, set[str]], among: set[str]) -> list[str] | None:
    """A cycle through the modules in ``among`` (depth-first search), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in among:
                continue
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(among):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


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
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    names = set()
    for node in all_imports(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    imports_pytest = bool(names & {"pytest", "_pytest", "xdist", "pytest_html"})
    assert not imports_pytest or in_layer(module), f"{module} imports pytest outside the pytest layer"
