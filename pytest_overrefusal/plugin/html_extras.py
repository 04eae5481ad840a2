"""pytest-html integration: prompt, response and verdict in pytest-html's own report, when it is active."""

from __future__ import annotations

import pytest

from ..results import CaseResult

__all__ = ["add_pytest_html_extra"]


def add_pytest_html_extra(report: pytest.TestReport, result: CaseResult) -> None:
    """Append a text extra to the report; a no-op when pytest-html is not installed."""
    try:
        from pytest_html import extras
    except ImportError:
        return
    text = "\n".join(
        [
            f"prompt:   {result.prompt}",
            f"response: {result.response}",
            f"verdict:  {result.verdict or 'error'} {result.evidence}".rstrip(),
            f"suite:    {result.file}:{result.line}",
        ]
    )
    # pytest-html reads a plain list attribute that travels with the report (xdist included).
    report.extras = [*getattr(report, "extras", []), extras.text(text, name="overrefusal")]  # type: ignore[attr-defined]
