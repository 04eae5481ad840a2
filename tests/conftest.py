from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

# The default judge imports numpy when it is built. pytester's in-process runs drop the modules first
# imported inside them, and numpy cannot be imported twice in one process: import it before any run.
with contextlib.suppress(ImportError):
    import numpy  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the repository; tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture
def repo() -> Path:
    return REPO
