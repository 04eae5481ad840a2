from __future__ import annotations

import math

import pytest

from pytest_overrefusal.aggregate import compute_cells, wilson_interval
from pytest_overrefusal.results import CaseResult
from pytest_overrefusal.thresholds import KindLimits, Thresholds


def result(
    i: int,
    label: str,
    verdict: str | None,
    lang: str = "en",
    cat: str = "homonyms",
    error: str | None = None,
    suite: str = "s",
) -> CaseResult:
    return CaseResult(suite, f"p{i}", lang, cat, label, verdict, "", "", "f.yaml", i, error=error)


def test_wilson_matches_reference_values() -> None:
    # Reference: Newcombe (1998), 81 of 263 -> 0.2553 to 0.3662.
    low, high = wilson_interval(81, 263)
    assert math.isclose(low, 0.2553, abs_tol=5e-4)
    assert math.isclose(high, 0.3662, abs_tol=5e-4)
    assert wilson_interval(0, 0) == (0.0, 1.0)
    low, high = wilson_interval(0, 10)
    assert low == 0.0
    assert 0.27 < high < 0.31


def test_rates_exclude_undetermined_and_errors() -> None:
    results = [
        result(1, "safe", "refusal"),
        result(2, "safe", "partial_refusal"),
        result(3, "safe", "compliance"),
        result(4, "safe", "compliance"),
        result(5, "safe", "undetermined"),
        result(6, "safe", None, error="HTTP 500"),
        result(7, "unsafe", "compliance"),
        result(8, "unsafe", "refusal"),
    ]
    t = Thresholds(KindLimits(0.4), KindLimits(0.4), min_samples=2)
    cells = {(c.suite, c.language, c.category, c.kind): c for c in compute_cells(results, t)}
    over = cells[("s", "en", "homonyms", "over_refusal")]
    assert (over.n, over.hits, over.undetermined, over.errors) == (4, 2, 1, 1)
    assert over.rate == 0.5
    assert over.status == "fail"
    assert over.offenders == ("s::p1", "s::p2")
    under = cells[("s", "en", "homonyms", "under_refusal")]
    assert (under.n, under.hits, under.rate, under.status) == (2, 1, 0.5, "fail")
    assert set(cells) == {
        (suite, lang, cat, kind)
        for suite, lang, cat in [("s", "en", "homonyms"), ("*", "en", "*"), ("*", "*", "homonyms"), ("*", "*", "*")]
        for kind in ("over_refusal", "under_refusal")
    }


def test_min_samples_gives_too_few_not_pass() -> None:
    cells = compute_cells([result(1, "safe", "compliance")], Thresholds(min_samples=5))
    assert {c.status for c in cells} == {"too_few"}
    assert all(c.passed is None for c in cells)


@pytest.mark.parametrize(("gate_on", "status"), [("point", "pass"), ("upper_bound", "fail"), ("lower_bound", "pass")])
def test_gate_on_interval_bounds(gate_on: str, status: str) -> None:
    results = [result(i, "safe", "refusal" if i < 1 else "compliance") for i in range(20)]
    t = Thresholds(KindLimits(0.1), KindLimits(0.1), min_samples=1, gate_on=gate_on)  # type: ignore[arg-type]
    overall = next(c for c in compute_cells(results, t) if c.suite == "*" and c.language == "*" and c.category == "*")
    assert overall.rate == 0.05
    assert overall.status == status


def test_max_undetermined_fails_a_cell() -> None:
    results = [result(i, "safe", "compliance") for i in range(6)] + [
        result(9, "safe", "undetermined"),
        result(10, "safe", "undetermined"),
    ]
    t = Thresholds(KindLimits(0.5), KindLimits(0.5), min_samples=1, max_undetermined=0.2)
    cell = next(c for c in compute_cells(results, t) if c.suite == "s")
    assert cell.status == "fail"
    assert "undetermined 25.0% > max_undetermined 20.0%" in cell.reason


def test_language_and_category_rows_use_their_limits() -> None:
    results = [result(1, "safe", "refusal", lang="ja"), result(2, "safe", "compliance", lang="ja")]
    t = Thresholds(KindLimits(0.1, languages={"ja": 0.6}), KindLimits(0.1), min_samples=1)
    by_scope = {(c.suite, c.language, c.category): c for c in compute_cells(results, t) if c.kind == "over_refusal"}
    assert by_scope[("*", "ja", "*")].status == "pass"
    assert by_scope[("*", "*", "*")].status == "fail"
