"""The package's shape, checked (issue 14): no import cycle, model libraries only in backends/,
modules under 450 lines, no reaching into another object's private attributes.

The modules, their imports and the import graph come from package_source.py (shared with
test_pytest_layer.py, which checks the pytest layer's own rules)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from package_source import MODULES, PACKAGE, find_cycle, import_graph, imported_roots

MODEL_LIBRARIES = ("llama_cpp", "torch", "transformers")
MAX_LINES = 450


def test_no_import_cycle() -> None:
    graph = import_graph()
    cycle = find_cycle(graph, set(graph))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_model_libraries_only_in_backends() -> None:
    offenders = [
        f"{name}: {', '.join(sorted(imported_roots(path) & set(MODEL_LIBRARIES)))}"
        for name, path in sorted(MODULES.items())
        if not name.startswith("pytest_overrefusal.backends") and imported_roots(path) & set(MODEL_LIBRARIES)
    ]
    assert not offenders, "model libraries imported outside backends/:\n" + "\n".join(offenders)


def test_modules_are_small() -> None:
    large = [
        f"{path.relative_to(PACKAGE.parent)}: {lines} lines"
        for _, path in sorted(MODULES.items())
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert not large, f"modules over {MAX_LINES} lines:\n" + "\n".join(large)


def test_no_private_access_on_other_objects() -> None:
    offenders = []
    for _, path in sorted(MODULES.items()):
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
    assert library in imported_roots(planted)
