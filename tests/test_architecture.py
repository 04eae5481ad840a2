"""The package's shape, checked (issue 14): no import cycle, model libraries only in backends/,
modules under 450 lines, no reaching into another object's private attributes."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pytest_overrefusal"
MODEL_LIBRARIES = ("llama_cpp", "torch", "transformers")
MAX_LINES = 450


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def package_imports(name: str, path: Path) -> set[str]:
    """Modules that ``name`` imports, at module level or inside functions (``TYPE_CHECKING`` blocks excluded:
    they never run). A cycle through a function-level import is still a cycle: the modules cannot be
    understood, tested or moved apart."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _is_type_checking(node)
        for statement in node.body
        for inner in ast.walk(statement)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            # "from . import x" imports the submodule x
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def import_graph() -> dict[str, set[str]]:
    names = dict(modules())
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        graph[name] = {target for target in package_imports(name, path) if target in names and target != name}
    return graph


def test_no_import_cycle() -> None:
    graph = import_graph()
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            # importing a submodule imports its parent packages first; that is not a cycle
            if node.startswith(target + "."):
                continue
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target) :] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in cycles)


def _all_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_model_libraries_only_in_backends() -> None:
    offenders = [
        f"{name}: {', '.join(sorted(_all_imports(path) & set(MODEL_LIBRARIES)))}"
        for name, path in modules()
        if not name.startswith("pytest_overrefusal.backends") and _all_imports(path) & set(MODEL_LIBRARIES)
    ]
    assert not offenders, "model libraries imported outside backends/:\n" + "\n".join(offenders)


def test_modules_are_small() -> None:
    large = [
        f"{path.relative_to(PACKAGE.parent)}: {lines} lines"
        for _, path in modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert not large, f"modules over {MAX_LINES} lines:\n" + "\n".join(large)


def test_no_private_access_on_other_objects() -> None:
    offenders = []
    for _, path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            attr = node.attr
            # dunders and sunders (ctypes' ``_fields_``) are public protocol names
            if not attr.startswith("_") or attr.endswith("_"):
                continue
            value = node.value
            if isinstance(value, ast.Name) and value.id in {"self", "cls"}:
                continue
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "super":
                continue
            offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: .{attr}")
    assert not offenders, "private attributes of other objects:\n" + "\n".join(offenders)


@pytest.mark.parametrize("library", MODEL_LIBRARIES)
def test_the_check_sees_a_planted_import(tmp_path: Path, library: str) -> None:
    planted = tmp_path / "m.py"
    planted.write_text(f"def f():\n    import {library}\n", encoding="utf-8")
    assert library in _all_imports(planted)
