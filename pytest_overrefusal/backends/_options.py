"""Typed parsing of ``--overrefusal-model-option KEY=VALUE`` strings for the built-in backends.

Every backend declares the options it accepts up front, so that a typo (``thread=4``) is a one-line
``ConfigError`` naming the allowed keys instead of an option that is silently ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..errors import ConfigError

__all__ = ["OptionReader"]

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class OptionReader:
    """Reads typed values out of a backend's option mapping, rejecting unknown keys at construction."""

    def __init__(self, component: str, options: Mapping[str, str], allowed: Iterable[str]) -> None:
        self.component = component
        self.options = dict(options)
        self.allowed = tuple(sorted(allowed))
        unknown = sorted(set(self.options) - set(self.allowed))
        if unknown:
            raise ConfigError(f"{component}: unknown option {unknown[0]!r} (allowed: {', '.join(self.allowed)})")

    def _bad(self, key: str, expected: str) -> ConfigError:
        return ConfigError(f"{self.component}: option {key}={self.options[key]!r} must be {expected}")

    def has(self, key: str) -> bool:
        return key in self.options

    def string(self, key: str, default: str | None = None) -> str | None:
        value = self.options.get(key)
        if value is None:
            return default
        if not value.strip():
            raise self._bad(key, "a non-empty string")
        return value.strip()

    def integer(self, key: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
        if key not in self.options:
            return default
        try:
            value = int(self.options[key].strip())
        except ValueError:
            raise self._bad(key, "an integer") from None
        if minimum is not None and value < minimum:
            raise self._bad(key, f"an integer >= {minimum}")
        if maximum is not None and value > maximum:
            raise self._bad(key, f"an integer <= {maximum}")
        return value

    def number(self, key: str, default: float, *, minimum: float | None = None, positive: bool = False) -> float:
        if key not in self.options:
            return default
        try:
            value = float(self.options[key].strip())
        except ValueError:
            raise self._bad(key, "a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise self._bad(key, "a finite number")
        if positive and value <= 0:
            raise self._bad(key, "a number > 0")
        if minimum is not None and value < minimum:
            raise self._bad(key, f"a number >= {minimum}")
        return value

    def boolean(self, key: str, default: bool) -> bool:
        if key not in self.options:
            return default
        value = self.options[key].strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise self._bad(key, "true or false")

    def choice(self, key: str, default: str, choices: Iterable[str]) -> str:
        allowed = tuple(choices)
        if key not in self.options:
            return default
        value = self.options[key].strip()
        if value not in allowed:
            raise self._bad(key, f"one of {', '.join(allowed)}")
        return value
