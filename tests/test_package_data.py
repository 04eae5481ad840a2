"""pyproject.toml lists only package data that exists, and the test-only planted model ships in tests/."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_data_pattern_matches_a_file() -> None:
    if sys.version_info < (3, 11):
        pytest.skip("tomllib is Python 3.11+")
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    empty = [
        f"{package}: {pattern}"
        for package, patterns in package_data.items()
        for pattern in patterns
        if not any(p.is_file() for p in (ROOT / package.replace(".", "/")).glob(pattern))
    ]
    assert empty == []


def test_test_only_helpers_do_not_ship_in_the_package() -> None:
    assert not (ROOT / "pytest_overrefusal" / "steering" / "tiny.py").exists()
    assert (ROOT / "tests" / "planted_model.py").is_file()
