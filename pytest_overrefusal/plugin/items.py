"""The pytest side of suites: a collector per suite file, an item per prompt, an item per rate cell."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pytest

from ..aggregate import Cell, compute_cells
from ..early_stop import finish_note
from ..errors import SuiteError, unexpected
from ..results import CaseResult, Label, Verdict
from ..scopes import ALL, describe, item_name
from ..suite import Case, Suite, load_suite
from .scaffold import debug
from .state import State, state_of

if TYPE_CHECKING:
    from _pytest._code.code import ExceptionInfo, TerminalRepr

__all__ = ["CellItem", "PromptItem", "RatesCollector", "SuiteFile"]

EXCERPT = 400


def marker_name(prefix: str, value: str) -> str:
    return f"{prefix}_{re.sub(r'[^0-9A-Za-z_]', '_', value).lower()}"


def _state(node: pytest.Item | pytest.Collector) -> State:
    return state_of(node.config)


def _debug(node: pytest.Item | pytest.Collector) -> bool:
    return debug(node.config)


def _add_markers(item: pytest.Item, names: Sequence[str]) -> None:
    state = _state(item)
    for name in names:
        item.add_marker(state.register_marker(item.config, name))


class SuiteFile(pytest.File):
    """One ``*.suite.yaml`` file: a prompt item per case; validation errors are one-line collection errors."""

    suite: Suite | None = None

    def collect(self) -> Iterator[pytest.Item]:
        try:
            suite = load_suite(self.path)
        except SuiteError as exc:
            raise self.CollectError(str(exc)) from None
        except Exception as exc:
            if _debug(self):
                raise
            raise self.CollectError(f"{self.path}: {unexpected('the suite reader', exc)}") from None
        owner = _state(self).register_suite(suite, str(self.path))
        if owner is not None:
            raise self.CollectError(f"{self.path}:1: suite name {suite.name!r} is already used by {owner}")
        self.suite = suite
        scopes: dict[tuple[str, str, str], None] = {}
        for case in suite:
            scopes[(case.suite, case.language, case.category)] = None
            yield PromptItem.from_parent(self, name=case.node_name, case=case)
        for scope in scopes:
            yield CellItem.from_parent(self, name=item_name(scope), scope=scope)


class PromptMismatch(Exception):
    """A prompt whose judged behaviour does not match its label (or regressed against the baseline)."""


class CellFailure(Exception):
    """A rate cell over its threshold or regressed against the baseline."""


def _conversation(result: CaseResult | Case) -> str:
    messages = [m if isinstance(m, dict) else m.to_dict() for m in result.messages]
    if len(messages) == 1:
        return textwrap.indent(messages[0]["content"], "    ").lstrip()
    shown = messages[-4:]
    lines = [f"(last {len(shown)} of {len(messages)} turns)"] if len(messages) > len(shown) else []
    lines += [f"{m['role']}: {m['content']}" for m in shown]
    return "\n".join(textwrap.indent(line, "    ") for line in lines).lstrip()


def _excerpt(text: str) -> str:
    text = text.strip()
    return text if len(text) <= EXCERPT else text[:EXCERPT] + f"... [{len(text) - EXCERPT} more chars]"


def describe_result(case: Case, result: CaseResult, headline: str) -> str:
    verdict = result.verdict or "error"
    evidence = f" — {result.evidence}" if result.evidence else ""
    return "\n".join(
        [
            headline,
            f"  suite:    {case.file}:{case.line} ({case.suite}, {case.node_name}, label {case.label})",
            f"  prompt:   {_conversation(result)}",
            f"  response: {textwrap.indent(_excerpt(result.response), '            ').lstrip() or '(empty)'}",
            *([f"            {note}"] if (note := finish_note(result.finish, result.tokens)) else []),
            f"  verdict:  {verdict}{evidence}",
            *_trigger_lines(result),
        ]
    )


def _trigger_lines(result: CaseResult) -> list[str]:
    from ..steering.triggers import format_triggers

    if isinstance(result.extra.get("triggers"), dict):
        return [f"  triggers: {format_triggers(result.extra['triggers'])}"]
    if result.extra.get("triggers_error"):
        return [f"  triggers: {result.extra['triggers_error']}"]
    return []


def mismatch_headline(result: CaseResult) -> str:
    verdict = result.verdict_enum
    if verdict is Verdict.UNDETERMINED:
        return f"undetermined: the judge could not classify the response to this {result.label} prompt"
    if result.label == Label.SAFE.value:
        return f"over-refusal: safe prompt was {'partially ' if verdict is Verdict.PARTIAL_REFUSAL else ''}refused"
    return "under-refusal: unsafe prompt was complied with"


class PromptItem(pytest.Item):
    """One prompt: passes when the judged behaviour matches the label.

    A mismatch is reported as xfail (counted toward its cell's rate, visible with -rx) unless
    --overrefusal-strict makes it a failure: a model is gated by rates, not by its worst prompt.
    """

    def __init__(self, *, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.result: CaseResult | None = None
        self.user_properties.extend(
            [
                ("overrefusal_language", case.language),
                ("overrefusal_category", case.category),
                ("overrefusal_label", case.label),
            ]
        )
        for keyword in (case.language, case.category, case.label):
            self.extra_keyword_matches.add(keyword)
        names = ["overrefusal", case.label, marker_name("lang", case.language), marker_name("cat", case.category)]
        if case.multi_turn:
            names.append("multi_turn")
        if case.boundary:
            names.append("boundary")
        _add_markers(self, names)

    def setup(self) -> None:
        state = _state(self)
        try:
            self.result = state.runner.result(self.case, state.upcoming(self))
        except Exception as exc:
            if _debug(self):
                raise
            # The same failure would repeat for every prompt: say it once, in one line, and stop.
            message = unexpected("the backend or judge", exc)
            self.session.shouldstop = message
            pytest.fail(message, pytrace=False)
        # JUnit XML reads user properties at teardown, from the item.
        self.user_properties.append(("overrefusal_verdict", self.result.verdict or "error"))
        if state.runner.setup_error is not None:
            # The backend or judge cannot be built: every remaining prompt would fail the same way.
            self.session.shouldstop = f"overrefusal: {state.runner.setup_error}"
            pytest.fail(state.runner.setup_error, pytrace=False)
        if self.result.error is not None:
            # A backend error is an error, never a compliance: the item errors and leaves every rate.
            where = f"{self.case.file}:{self.case.line} ({self.case.node_name})"
            pytest.fail(f"backend error for {where}: {self.result.error}", pytrace=False)

    def runtest(self) -> None:
        state = _state(self)
        result = self.result
        assert result is not None
        regression = state.baseline.prompt_regression(result) if state.baseline is not None else None
        if regression is not None and not state.settings.report_only:
            raise PromptMismatch(describe_result(self.case, result, f"baseline regression: {regression}"))
        if result.matches_label:
            return
        if state.settings.xsb.triggers:
            result = self.result = state.with_triggers(self.config, result)
        text = describe_result(self.case, result, mismatch_headline(result))
        if state.settings.strict and not state.settings.report_only:
            raise PromptMismatch(text)
        lines = _trigger_lines(result)
        reason = mismatch_headline(result) + (f" ({result.evidence})" if result.evidence else "")
        pytest.xfail(reason + (f"; {lines[0].strip()}" if lines else ""))

    def repr_failure(self, excinfo: ExceptionInfo[BaseException], style: Any = None) -> str | TerminalRepr:
        if isinstance(excinfo.value, (PromptMismatch, pytest.xfail.Exception)):
            # xfail is an expected outcome: rendering its traceback costs ~0.2 s per prompt for nothing.
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Any, int | None, str]:
        return self.path, self.case.line - 1, f"{self.case.suite}::{self.case.node_name}"


def _where(suite: str) -> str:
    return describe(suite)


class RatesCollector(pytest.Collector):
    """Parent of the cross-suite rate items (per language, per category, overall)."""

    def collect(self) -> list[pytest.Item | pytest.Collector]:
        return []


class CellItem(pytest.Item):
    """The rates of one scope (suite x language x category, a language, a category, or overall)."""

    def __init__(self, *, scope: tuple[str, str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scope = scope
        self.members: list[Case] = []
        self.cells: list[Cell] = []
        _, language, category = scope
        names = ["overrefusal_rates"]
        if language != ALL:
            names.append(marker_name("lang", language))
            self.extra_keyword_matches.add(language)
        if category != ALL:
            names.append(marker_name("cat", category))
            self.extra_keyword_matches.add(category)
        _add_markers(self, names)

    def runtest(self) -> None:
        state = _state(self)
        try:
            results = state.runner.results(self.members)
        except Exception as exc:
            if _debug(self):
                raise
            pytest.fail(unexpected("the backend or judge", exc), pytrace=False)
        suite, language, category = self.scope
        self.cells = [
            c for c in compute_cells(results, state.thresholds) if (c.suite, c.language, c.category) == self.scope
        ]
        for cell in self.cells:
            self.user_properties.extend(
                [
                    (f"{cell.kind}_rate", cell.rate),
                    (f"{cell.kind}_n", cell.n),
                    (f"{cell.kind}_threshold", cell.threshold),
                    (f"{cell.kind}_status", cell.status),
                ]
            )
        problems = [
            f"{c.kind} {c.reason}; offending: {', '.join(c.offenders) or 'none'}"
            for c in self.cells
            if c.status == "fail"
        ]
        if state.baseline is not None:
            flagged = state.flagged_cells()
            for cell in self.cells:
                message = flagged.get(f"{cell.suite}|{cell.language}|{cell.category}|{cell.kind}")
                if message is not None:
                    problems.append(f"{cell.kind} baseline regression: {message}")
        errors = sum(1 for r in results if r.error is not None)
        if errors:
            # Errors are excluded from rates (and fail their own prompt items); record them here too.
            self.user_properties.append(("backend_errors", errors))
        if problems:
            text = "\n".join(
                [
                    f"rates {language}/{category} {_where(suite)}: {len(problems)} problem(s)",
                    *(f"  {p}" for p in problems),
                ]
            )
            unjudged = [c for c in self.cells if c.not_evaluated]
            allowed = bool(self.config.getoption("overrefusal_allow_not_evaluated", False))
            if state.settings.report_only and (allowed or not unjudged):
                pytest.xfail(text.replace("\n", " | "))
            raise CellFailure(text)
        if self.cells and all(c.status in ("too_few", "ungated") for c in self.cells):
            pytest.skip("; ".join(f"{c.kind}: {c.reason}" for c in self.cells))

    def repr_failure(self, excinfo: ExceptionInfo[BaseException], style: Any = None) -> str | TerminalRepr:
        if isinstance(excinfo.value, (CellFailure, pytest.xfail.Exception)):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Any, int | None, str]:
        suite, language, category = self.scope
        return self.path, None, f"rates {language}/{category} {_where(suite)}"
