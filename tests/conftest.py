from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

# The default judge imports numpy when it is built. pytester's in-process runs drop the modules first
# imported inside them, and numpy cannot be imported twice in one process: import it before any run.
with contextlib.suppress(ImportError):
    import numpy  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE = REPO / "examples" / "basic"  # a suite, scripted answers and thresholds: the plugin tests' project
EXAMPLE_FILES = ("assistant.suite.yaml", "responses.yaml", "thresholds.yaml")


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the repository; tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def copy_example(pytester: pytest.Pytester) -> Callable[[Iterable[str]], pytest.Pytester]:
    """``copy_example(names)``: copy these files of examples/basic into the pytester directory."""

    def copy(names: Iterable[str]) -> pytest.Pytester:
        for name in names:
            shutil.copy(EXAMPLE / name, pytester.path / name)
        return pytester

    return copy


@pytest.fixture
def example(copy_example: Callable[[Iterable[str]], pytest.Pytester]) -> pytest.Pytester:
    """A pytester project holding examples/basic: the suite, the scripted backend's rules and thresholds."""
    return copy_example(EXAMPLE_FILES)
