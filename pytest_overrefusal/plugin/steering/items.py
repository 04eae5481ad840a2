"""Boundary-regression items of the steering plugin: one per collected ``boundary: true`` prompt."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ...suite import Case
from ..scaffold import BOUNDARY_ATTR, attach
from .runtime import RUNTIME_KEY, Runtime, guard, runtime_of

if TYPE_CHECKING:
    from _pytest._code.code import ExceptionInfo, TerminalRepr

__all__ = [
    "AfterDeselection",
    "BoundaryCollector",
    "BoundaryItem",
    "BoundaryRegression",
    "add_boundary_items",
    "attach_boundary_data",
]


class BoundaryRegression(Exception):
    """A boundary prompt that moved toward the wrong side of the refusal boundary."""


class BoundaryCollector(pytest.Collector):
    """Parent of the boundary items (one per ``boundary: true`` prompt of the collected suites)."""

    def collect(self) -> list[pytest.Item | pytest.Collector]:
        return []


def add_boundary_items(
    runtime: Runtime, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Before deselection: remember every collected prompt (they fit the default direction) and add
    boundary items, so that -k and -m select them like any other item."""
    seen: set[tuple[str, str]] = set()
    for item in items:
        case = getattr(item, "case", None)
        if isinstance(case, Case) and case.key not in seen:
            seen.add(case.key)
            runtime.cases.append(case)
    if not runtime.boundary.enabled:
        return
    boundary = [c for c in runtime.cases if c.boundary]
    if not boundary:
        runtime.notes.append(
            "--overrefusal-boundary: no collected prompt is marked boundary: true "
            "(mark prompts, or mine some with `overrefusal mine-boundary`)"
        )
        return
    parent = BoundaryCollector.from_parent(
        session, name="overrefusal-boundary", nodeid="overrefusal-boundary", path=config.rootpath
    )
    created = [BoundaryItem.from_parent(parent, name=f"boundary[{c.suite}::{c.id}]", case=c) for c in boundary]
    items.extend(created)
    config.hook.pytest_collectreport(report=pytest.CollectReport(parent.nodeid, "passed", None, list(created)))


class AfterDeselection:
    """Runs after -k/-m: the boundary items that will run are computed together."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        runtime = config.stash.get(RUNTIME_KEY, None)
        if runtime is None:
            return
        runtime.boundary_items = [i for i in items if isinstance(i, BoundaryItem)]


class BoundaryItem(pytest.Item):
    """One ``boundary: true`` prompt: its margin and boundary distance against the boundary baseline."""

    def __init__(self, *, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.record: dict[str, Any] | None = None
        self.comparison: dict[str, Any] | None = None
        self.key = f"{case.suite}::{case.id}"
        for name in ("overrefusal_boundary", "boundary"):
            self.add_marker(name)
        self.extra_keyword_matches.update({case.language, case.category, case.label})
        self.user_properties.extend([("overrefusal_language", case.language), ("overrefusal_category", case.category)])

    def runtest(self) -> None:
        from ...steering.baseline import compare_prompt

        runtime = runtime_of(self.config)
        records: dict[str, dict[str, Any]] = guard(runtime.records)
        record = records[self.key]
        self.record = record
        self.user_properties.extend(
            [
                ("boundary_margin", record["margin"]),
                ("boundary_alpha", record["alpha"]),
                ("boundary_score", record["score"]),
            ]
        )
        baseline = runtime.baseline
        if runtime.boundary.update or baseline is None:
            return
        assert runtime.boundary.tolerances is not None
        result = compare_prompt(self.key, record, baseline.prompts.get(self.key), runtime.boundary.tolerances)
        self.comparison = result.to_dict()
        if result.status == "new":
            pytest.skip(f"{self.key} is not in the boundary baseline {baseline.path}; re-baseline to track it")
        if result.status == "regressed":
            text = self._describe(result.reasons, baseline.prompts[self.key])
            if self.config.getoption("overrefusal_report_only", None):
                pytest.xfail(text.replace("\n", " | "))
            raise BoundaryRegression(text)

    def _describe(self, reasons: tuple[str, ...], before: dict[str, Any]) -> str:
        case = self.case
        record = self.record or {}
        toward = "refusal" if case.label == "safe" else "compliance"
        lines = [
            f"boundary regression: {case.label} prompt moved toward {toward}",
            f"  suite:    {case.file}:{case.line} ({case.suite}, {case.node_name})",
            f"  prompt:   {case.prompt}",
            *(f"  - {r}" for r in reasons),
            f"  now:      margin {record.get('margin', 0):.3f}, alpha {fmt_alpha(record.get('alpha'))}, "
            f"score {record.get('score', 0):+.2f}",
            f"  baseline: margin {float(before['margin']):.3f}, alpha {fmt_alpha(before.get('alpha'))}, "
            f"score {float(before['score']):+.2f}",
        ]
        return "\n".join(lines)

    def repr_failure(self, excinfo: ExceptionInfo[BaseException], style: Any = None) -> str | TerminalRepr:
        if isinstance(excinfo.value, BoundaryRegression):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Any, int | None, str]:
        return Path(self.case.file), self.case.line - 1, f"boundary {self.key}"


def fmt_alpha(value: Any) -> str:
    return "not reached" if value is None else f"{float(value):+.3f}"


def attach_boundary_data(item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport) -> None:
    """Put a boundary item's margin, distance and direction on its call report (plain data, xdist-safe)."""
    if isinstance(item, BoundaryItem) and call.when == "call" and item.record is not None:
        runtime = runtime_of(item.config)
        attach(
            report,
            BOUNDARY_ATTR,
            {
                "key": item.key,
                "record": item.record,
                "comparison": item.comparison,
                "direction": runtime.direction_payload(vector=runtime.boundary.update)
                if runtime.direction is not None
                else None,
                "drift": runtime.drift,
            },
        )
