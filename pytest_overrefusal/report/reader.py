"""Typed reading of the run record's optional entries for report sections, with one-line errors.

Entries such as ``mitigations`` are written by other producers and may be hand-edited; a section
provider reads its entry through ``SectionReader`` so a value of the wrong type fails at once as one
``ReportDataError`` naming the record and the entry's path, never as a traceback later.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import SourceError

__all__ = ["ReportDataError", "SectionReader"]


class ReportDataError(SourceError):
    """An entry of a run record that a report section reads and that does not have its documented shape."""


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


class SectionReader:
    """Typed access to an optional section: a value of the wrong type fails with the entry's path, never later."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> ReportDataError:
        return ReportDataError(self.source, None, f"{where}: {message}")

    def obj(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, f"must be an object, got {_kind(value)}")
        return value

    def opt_obj(self, value: Any, where: str) -> Mapping[str, Any] | None:
        return None if value is None else self.obj(value, where)

    def seq(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, f"must be a list, got {_kind(value)}")
        return value

    def num(self, value: Any, where: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(where, f"must be a number or null, got {value!r}")
        return float(value)

    def count(self, value: Any, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(where, f"must be a count, got {value!r}")
        return value

    def text(self, value: Any, where: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.fail(where, f"must be a string, got {_kind(value)}")
        return str(value)

    def flag(self, value: Any, where: str) -> bool | None:
        if value is not None and not isinstance(value, bool):
            raise self.fail(where, f"must be true, false or null, got {value!r}")
        return value

    def words(self, value: Any, where: str) -> list[str]:
        return [self.text(w, f"{where}[{i}]") for i, w in enumerate(self.seq(value, where))]
