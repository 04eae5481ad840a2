"""The steering fixture types are importable from ``pytest_overrefusal.steering``, lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

import pytest_overrefusal.steering as steering


def test_importing_the_package_loads_no_numpy_or_model_library() -> None:
    heavy = ("numpy", "torch", "transformers", "llama_cpp", "httpx")
    code = f"import sys, pytest_overrefusal.steering; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", steering.__all__)
def test_every_public_name_is_the_class_its_module_defines(name: str) -> None:
    value = getattr(steering, name)
    assert value.__name__ == name
    module = sys.modules[value.__module__]
    assert module.__name__.startswith("pytest_overrefusal.steering.")
    assert getattr(module, name) is value
    assert name in dir(steering)


def test_the_fixture_return_types_are_public() -> None:
    from pytest_overrefusal.plugin.steering import fixtures

    annotations = {f.__name__: f.__annotations__.get("return") for f in map(_unwrap, _fixtures(fixtures))}
    assert set(annotations.values()) <= set(steering.__all__)
    assert len(annotations) == 6


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        _ = steering.Nope  # type: ignore[attr-defined]


def _fixtures(module: object) -> list[object]:
    return [getattr(module, name) for name in module.__all__]  # type: ignore[attr-defined]


def _unwrap(fixture: object) -> object:
    # pytest >= 8.4 wraps fixture functions; older versions mark the function itself.
    return getattr(fixture, "_get_wrapped_function", lambda: fixture)()
