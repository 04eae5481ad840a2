"""Parsing one option value (``KEY=VALUE`` lists, bounded numbers, booleans) into a one-line ConfigError.

Shared by the settings of the run and of the XSB diagnostics (``steering/xsb_options.py``), which
``settings.py`` holds a part of: keeping the parsers here is what keeps the two from importing each other.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import ConfigError

__all__ = ["as_bool", "as_float", "as_int", "key_values"]


def key_values(option: str, items: Sequence[str]) -> dict[str, str]:
    """``["a=1", "b=x"]`` -> ``{"a": "1", "b": "x"}``; anything else is a one-line ConfigError."""
    parsed: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"{option} expects KEY=VALUE, got {item!r}")
        parsed[key.strip()] = value
    return parsed


def as_int(option: str, value: str, minimum: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{option} must be an integer, got {value!r}") from None
    if number < minimum:
        raise ConfigError(f"{option} must be at least {minimum}, got {number}")
    return number


def as_float(option: str, value: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{option} must be a number, got {value!r}") from None
    if not low <= number <= high:
        raise ConfigError(f"{option} must be between {low} and {high}, got {number}")
    return number


def as_bool(option: str, value: str | bool) -> bool:
    if isinstance(value, bool):
        return value
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{option} must be true or false, got {value!r}")
