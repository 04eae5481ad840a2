"""A fast "certainly valid" check in front of the ``jsonschema`` validators (issue 16).

``jsonschema`` walks a suite of thousands of prompts in Python, following a ``$ref`` per prompt, which
was most of the time pytest spent collecting the starter suites. ``jsonschema-rs`` (Rust) answers
"valid?" for the same schema about a hundred times faster. It only ever answers the happy path: when
it says invalid, or cannot take a value (YAML gives int keys and dates, which JSON has no place for),
the ``jsonschema`` validator runs as before and alone decides, so every verdict and every located
error message stays what it was.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FastCheck"]


class FastCheck:
    """``valid(instance)`` is True only when ``jsonschema-rs`` accepts ``instance`` under draft 2020-12."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self._validator: Any = None
        try:
            import jsonschema_rs
        except ImportError:  # a core dependency; without it every document takes the jsonschema path
            return
        # The draft is named, not detected: the jsonschema side is Draft202012Validator for every schema.
        self._validator = jsonschema_rs.Draft202012Validator(schema)

    @property
    def available(self) -> bool:
        return self._validator is not None

    def valid(self, instance: Any) -> bool:
        if self._validator is None:
            return False
        try:
            return bool(self._validator.is_valid(instance))
        except (ValueError, TypeError, OverflowError):  # a value JSON cannot hold: jsonschema decides
            return False
