"""The package's source as data, for the tests that check its shape (test_pytest_layer.py,
test_architecture.py, test_backend_capabilities.py): its modules, the imports each makes, the import
graph, and a cycle finder.

Import edges are read with ``ast`` from every import statement except those under ``if TYPE_CHECKING:``
(which never run). Imports inside functions count too: a lazy import that only dodges a cycle is still a
cycle in the design. Importing a submodule also runs its package's ``__init__``, but Python handles a
package importing its own submodules, so only the explicit edges count.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pytest_overrefusal"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


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


def imported_roots(path: Path, *, type_checking: bool = True) -> set[str]:
    """Top-level names of the absolute imports in ``path``, anywhere in it (also inside functions);
    ``type_checking=False`` leaves out those under ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = (
        (n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)))
        if type_checking
        else all_imports(tree)
    )
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names
