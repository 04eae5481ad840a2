from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path
from statistics import NormalDist
from typing import Any

import pytest

from pytest_overrefusal.aggregate import Cell, compute_cells
from pytest_overrefusal.backends.base import GenerationSettings
from pytest_overrefusal.baseline import (
    Baseline,
    BaselineError,
    CellEntry,
    baseline_from_dict,
    cell_key,
    compare,
    load_baseline,
    make_baseline,
    one_sided_z_test,
    save_baseline,
)
from pytest_overrefusal.record import build_record
from pytest_overrefusal.regression import compare_cells
from pytest_overrefusal.results import CaseResult
from pytest_overrefusal.thresholds import Kind, Thresholds

THRESHOLDS = Thresholds()


def result(
    pid: str,
    label: str,
    verdict: str | None,
    language: str = "en",
    category: str = "homonyms",
    suite: str = "s",
    error: str | None = None,
) -> CaseResult:
    return CaseResult(
        suite=suite,
        id=pid,
        language=language,
        category=category,
        label=label,
        verdict=verdict,
        evidence="",
        response="" if error else "a response",
        file=f"suites/{suite}.suite.yaml",
        line=10,
        error=error,
        messages=({"role": "user", "content": f"prompt {pid}"},),
    )


def record_of(results: list[CaseResult], fingerprint: str = "fp-model") -> dict[str, Any]:
    return build_record(
        model="scripted:test",
        model_fingerprint=fingerprint,
        judge="keywords",
        judge_fingerprint="fp-judge",
        started="2026-11-23T10:00:00+00:00",
        duration=1.0,
        suites=[{"name": "s", "version": "1", "path": "s.yaml", "n": 1}],
        settings=GenerationSettings(),
        system_prompt=None,
        thresholds=THRESHOLDS,
        results=results,
        cells=compute_cells(results, THRESHOLDS),
    )


def cell(kind: Kind, n: int, hits: int, suite: str = "s", language: str = "en", category: str = "homonyms") -> Cell:
    return Cell(
        suite, language, category, kind, n, hits, 0, 0, hits / n if n else None, None, None, 0.1, 5, "pass", "", ()
    )


def baseline_with(cells: dict[str, tuple[int, int]]) -> Baseline:
    return Baseline(
        "m",
        "fp",
        "j",
        "jfp",
        "2026-01-01T00:00:00+00:00",
        {},
        {k: CellEntry(h / n if n else None, n, h) for k, (n, h) in cells.items()},
    )


# --- the z-test against figures computed by hand -------------------------------------------------------------


def test_z_test_matches_hand_computed_figures() -> None:
    # 2/20 before, 9/20 now: pooled p = 11/40 = 0.275; variance = 0.275 * 0.725 * (1/20 + 1/20) = 0.0199375;
    # se = 0.1412002; z = (0.45 - 0.10) / 0.1412002 = 2.47875; one-sided p = 1 - Phi(2.47875) = 0.006591.
    z, p = one_sided_z_test(2, 20, 9, 20)
    assert z == pytest.approx(2.47875, abs=5e-5)
    assert p == pytest.approx(0.006591, abs=5e-6)
    assert p == pytest.approx(1 - NormalDist().cdf(2.47875), abs=1e-5)


def test_z_test_unequal_samples_and_no_rise() -> None:
    # 3/50 before, 8/50 now: pooled 0.11; se = sqrt(0.11 * 0.89 * 0.04) = 0.0625780; z = 0.10 / 0.0625780 = 1.59801;
    # p = 1 - Phi(1.59801) = 0.054799 + 0.00202 * phi(1.6) = 0.055021, just above 0.05.
    z, p = one_sided_z_test(3, 50, 8, 50)
    assert z == pytest.approx(1.59801, abs=5e-5)
    assert p == pytest.approx(0.055021, abs=5e-6)
    # A fall gives a negative z and a p above one half.
    z, p = one_sided_z_test(8, 50, 3, 50)
    assert z == pytest.approx(-1.59801, abs=5e-5)
    assert p == pytest.approx(1 - 0.055021, abs=5e-6)
    # Identical all-or-nothing samples carry no evidence either way.
    assert one_sided_z_test(0, 10, 0, 30) == (None, 1.0)
    assert one_sided_z_test(10, 10, 30, 30) == (None, 1.0)
    with pytest.raises(ValueError, match="n > 0"):
        one_sided_z_test(0, 0, 1, 5)


# --- cell regressions --------------------------------------------------------------------------------------


def cell_regression(base: Baseline, now: Cell, tolerance: float, alpha: float) -> str | None:
    """The message when ``now`` regressed against a baseline holding only cells (the unpaired fallback)."""
    tests = compare_cells(base, [], [now], tolerance, alpha, "none")
    return next((t.message for t in tests if t.flagged), None)


def test_cell_regression_by_significance_reports_rates_n_and_p() -> None:
    base = baseline_with({cell_key("s", "en", "homonyms", "over_refusal"): (20, 2)})
    message = cell_regression(base, cell("over_refusal", 20, 9), tolerance=0.5, alpha=0.05)
    assert message is not None
    assert "from 10.0% to 45.0%" in message
    assert "on 2/20 vs 9/20" in message
    assert "p=0.0066" in message
    assert "z=2.48" in message
    assert "tolerance" not in message  # flagged by the test alone: the rise (35 points) is below the 50-point tolerance


def test_cell_regression_by_tolerance_alone_and_the_boundary() -> None:
    key = cell_key("s", "en", "homonyms", "under_refusal")
    base = baseline_with({key: (50, 3)})
    now = cell("under_refusal", 50, 8)  # +10 points, p = 0.0550
    # Exactly at the tolerance and not significant: not a regression.
    assert cell_regression(base, now, tolerance=0.10, alpha=0.05) is None
    message = cell_regression(base, now, tolerance=0.09, alpha=0.05)
    assert message is not None
    assert "+10.0 points > tolerance 9.0" in message
    assert "p=0.0550 >= alpha 0.05" in message
    assert message.startswith("under-refusal")
    # A looser alpha flags the same change through the test.
    assert cell_regression(base, now, tolerance=0.5, alpha=0.06) is not None


def test_cell_regression_none_cases() -> None:
    key = cell_key("s", "en", "homonyms", "over_refusal")
    base = baseline_with({key: (20, 5), cell_key("s", "en", "homonyms", "under_refusal"): (0, 0)})
    assert cell_regression(base, cell("over_refusal", 20, 3), 0.0, 0.05) is None  # improved
    assert cell_regression(base, cell("over_refusal", 20, 5), 0.0, 0.05) is None  # unchanged
    assert cell_regression(base, cell("over_refusal", 0, 0), 0.0, 0.05) is None  # nothing judged now
    assert cell_regression(base, cell("under_refusal", 10, 10), 0.0, 0.05) is None  # nothing judged before
    assert cell_regression(base, cell("over_refusal", 20, 9, language="de"), 0.0, 0.05) is None  # not in baseline
    # With tolerance 0 any rise is a regression.
    assert cell_regression(base, cell("over_refusal", 20, 6), 0.0, 0.05) is not None


# --- prompt regressions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "before", "now", "expected"),
    [
        ("safe", "compliance", "refusal", "newly refused: was compliance, now refusal"),
        ("safe", "compliance", "partial_refusal", "newly refused: was compliance, now partial_refusal"),
        ("unsafe", "refusal", "compliance", "newly complied: was refusal, now compliance"),
        ("unsafe", "partial_refusal", "compliance", "newly complied: was partial_refusal, now compliance"),
        ("safe", "refusal", "refusal", None),
        ("safe", "refusal", "compliance", None),  # fixed, not regressed
        ("safe", "compliance", "undetermined", None),
        ("safe", "undetermined", "refusal", None),
        ("unsafe", "compliance", "compliance", None),
        ("unsafe", "refusal", "partial_refusal", None),
    ],
)
def test_prompt_regression(label: str, before: str, now: str, expected: str | None) -> None:
    base = baseline_from_dict(make_baseline(record_of([result("p1", label, before)])))
    assert base.prompt_regression(result("p1", label, now)) == expected


def test_prompt_regression_ignores_errors_absent_and_relabelled_prompts() -> None:
    record = record_of([result("p1", "safe", "compliance"), result("p2", "safe", None, error="boom")])
    base = baseline_from_dict(make_baseline(record))
    assert base.prompt_regression(result("p1", "safe", None, error="timeout")) is None
    assert base.prompt_regression(result("p2", "safe", "refusal")) is None  # errored in the baseline
    assert base.prompt_regression(result("p9", "safe", "refusal")) is None  # not in the baseline
    assert base.prompt_regression(result("p1", "unsafe", "refusal")) is None  # relabelled
    assert base.prompts["s::p2"].verdict is None


# --- compare: planted regressions ----------------------------------------------------------------------------


def _grid() -> list[CaseResult]:
    """Two languages x two categories x two labels x 20 prompts; one refused safe prompt per safe cell."""
    out = []
    for lang in ("en", "de"):
        for cat in ("homonyms", "safe_targets"):
            for i in range(20):
                out.append(result(f"{lang}-{cat}-safe-{i}", "safe", "refusal" if i == 0 else "compliance", lang, cat))
                out.append(result(f"{lang}-{cat}-unsafe-{i}", "unsafe", "refusal", lang, cat))
    return out


def _plant(results: list[CaseResult]) -> list[CaseResult]:
    changes: dict[str, dict[str, Any]] = {
        **{f"en-homonyms-safe-{i}": {"verdict": "refusal"} for i in range(1, 9)},  # 8 newly refused
        "en-homonyms-safe-0": {"verdict": "compliance"},  # fixed
        "de-safe_targets-unsafe-3": {"verdict": "compliance"},  # newly complied
        "de-homonyms-safe-5": {"verdict": "undetermined"},  # not comparable
        "de-homonyms-safe-6": {"verdict": None, "error": "backend timed out", "response": ""},  # not comparable
    }
    now = [replace(r, **changes.get(r.id, {})) for r in results if r.id != "de-safe_targets-safe-19"]
    now.append(result("en-homonyms-safe-new", "safe", "compliance"))
    return now


def test_compare_reports_exactly_the_planted_changes() -> None:
    before = _grid()
    base = baseline_from_dict(make_baseline(record_of(before)))
    now = _plant(before)
    comparison = compare(
        base,
        now,
        compute_cells(now, THRESHOLDS),
        tolerance=0.10,
        alpha=0.05,
        model_fingerprint="fp-model",
        judge_fingerprint="fp-judge",
    )

    assert [c.id for c in comparison.newly("safe")] == sorted(f"en-homonyms-safe-{i}" for i in range(1, 9))
    assert [c.id for c in comparison.newly("unsafe")] == ["de-safe_targets-unsafe-3"]
    assert all(c.message.startswith("newly refused") for c in comparison.newly("safe"))
    assert [c.id for c in comparison.fixed_prompts] == ["en-homonyms-safe-0"]
    assert comparison.new_prompts == ("s::en-homonyms-safe-new",)
    assert comparison.missing_prompts == ("s::de-safe_targets-safe-19",)
    # The planted cell (8 newly refused, 1 newly answered among its 20 shared prompts: +35 points) and the
    # two cross-suite cells that contain it (+17.5 points each over their shared prompts). Everything
    # together moves 8 against 1 among 77 shared prompts (+9.1 points, under the tolerance): exact
    # one-sided p = 10/512 = 0.0195, but 18 cells are tested and Holm multiplies the smallest p-values,
    # so chance alone would explain it. The newly complied prompt moves its cell by 5 points (p = 0.5).
    assert {c.key for c in comparison.cell_regressions} == {
        "s|en|homonyms|over_refusal",
        "*|en|*|over_refusal",
        "*|*|homonyms|over_refusal",
    }
    overall = next(t for t in comparison.cell_tests if t.key == "*|*|*|over_refusal")
    assert (overall.paired, overall.newly_refused, overall.newly_answered) == (77, 8, 1)
    assert overall.p_value == pytest.approx(10 / 512)
    assert not overall.flagged
    assert overall.p_adjusted > 0.05
    assert len(comparison.cell_tests) == 18
    assert not comparison.fingerprint_changed
    assert comparison.regressed
    data = comparison.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["summary"] == (
        "baseline: 8 newly refused, 1 newly complied, 3 worsened cells of 18 tested (holm), 1 fixed, "
        "1 new / 1 missing prompts"
    )


def test_compare_identical_run_reports_nothing_and_flags_fingerprints() -> None:
    before = _grid()
    base = baseline_from_dict(make_baseline(record_of(before)))
    cells = compute_cells(before, THRESHOLDS)
    same = compare(base, before, cells, model_fingerprint="fp-model", judge_fingerprint="fp-judge")
    assert not same.regressed
    assert not same.fixed_prompts
    assert not same.new_prompts
    assert not same.missing_prompts
    changed = compare(base, before, cells, model_fingerprint="fp-other", judge_fingerprint="fp-judge")
    assert changed.fingerprint_changed
    assert changed.model_changed
    assert not changed.judge_changed
    assert changed.to_dict()["fingerprint_changed"] is True
    # Without fingerprints on the run side nothing can be said.
    assert not compare(base, before, []).fingerprint_changed


def test_compare_notes_relabelled_prompts_and_validates_parameters() -> None:
    base = baseline_from_dict(make_baseline(record_of([result("p1", "safe", "compliance")])))
    comparison = compare(base, [result("p1", "unsafe", "compliance")], [])
    assert not comparison.prompt_regressions
    assert comparison.notes == ("s::p1 was relabelled from safe to unsafe; its verdicts are not compared",)
    with pytest.raises(ValueError, match="tolerance"):
        compare(base, [], [], tolerance=1.5)
    with pytest.raises(ValueError, match="alpha"):
        compare(base, [], [], alpha=0.0)


# --- make / save / load --------------------------------------------------------------------------------------


def test_make_save_load_round_trip(tmp_path: Path) -> None:
    results = [
        result("a", "safe", "compliance"),
        result("b", "unsafe", "partial_refusal", language="ja"),
        result("c", "safe", None, error="boom"),
    ]
    record = record_of(results)
    data = make_baseline(record)
    assert data["format"] == "pytest-overrefusal/baseline"
    assert data["format_version"] == 1
    expected = {"label": "unsafe", "verdict": "partial_refusal", "language": "ja", "category": "homonyms"}
    assert data["prompts"]["s::b"] == expected
    assert data["cells"]["s|en|homonyms|over_refusal"] == {"rate": 0.0, "n": 1, "hits": 0}
    assert data["cells"]["*|*|*|under_refusal"] == {"rate": 0.0, "n": 1, "hits": 0}
    assert set(data) == {
        "format",
        "format_version",
        "model",
        "model_fingerprint",
        "judge",
        "judge_fingerprint",
        "created",
        "prompts",
        "cells",
    }

    path = tmp_path / "sub" / "baseline.json"
    save_baseline(path, data)
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert [p.name for p in path.parent.iterdir()] == ["baseline.json"]  # no temporary file left behind

    loaded = load_baseline(path)
    assert loaded.path == str(path)
    assert loaded.model == "scripted:test"
    assert loaded.model_fingerprint == "fp-model"
    assert loaded.prompts["s::c"].verdict is None
    assert loaded.to_dict() == data
    save_baseline(path, loaded)  # a Baseline saves as the same document
    assert path.read_text(encoding="utf-8") == text


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "baseline.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    return path


def _valid() -> dict[str, Any]:
    return make_baseline(record_of([result("a", "safe", "compliance"), result("b", "unsafe", "refusal")]))


@pytest.mark.parametrize(
    ("mutate", "message", "has_line"),
    [
        (lambda d: '{\n  "format": \n}', "not valid JSON", True),
        (lambda d: [1, 2], "must be a JSON object", True),
        (lambda d: {**d, "format": "pytest-overrefusal/results"}, "not a baseline: format must be", True),
        (lambda d: {**d, "format_version": 2}, "unsupported baseline format_version 2", True),
        (
            lambda d: {k: v for k, v in d.items() if k not in ("prompts", "judge")},
            "missing keys: judge, prompts",
            False,
        ),
        (lambda d: {**d, "extra": 1}, "unknown field 'extra'", True),
        (lambda d: {**d, "model": 3}, "model must be a string or null", True),
        (lambda d: {**d, "prompts": []}, "prompts must be an object", True),
        (
            lambda d: {**d, "prompts": {**d["prompts"], "s::b": {**d["prompts"]["s::b"], "verdict": "maybe"}}},
            "prompt 's::b': verdict must be one of",
            True,
        ),
        (lambda d: {**d, "prompts": {**d["prompts"], "s::b": {"label": "unsafe"}}}, "prompt 's::b': missing", True),
        (lambda d: {**d, "prompts": {"nosuite": d["prompts"]["s::a"]}}, "must be 'suite::id'", True),
        (
            lambda d: {**d, "cells": {**d["cells"], "s|en|homonyms|over_refusal": {"rate": 0.5, "n": 2, "hits": 3}}},
            "hits <= n",
            True,
        ),
        (
            lambda d: {**d, "cells": {"s|en|over_refusal": {"rate": 0.5, "n": 2, "hits": 1}}},
            "must be 'suite|language",
            True,
        ),
        (
            lambda d: {**d, "cells": {**d["cells"], "s|en|homonyms|over_refusal": {"rate": 2, "n": 2, "hits": 1}}},
            "rate must be between 0 and 1",
            True,
        ),
    ],
)
def test_load_baseline_errors_are_one_line_with_location(
    tmp_path: Path, mutate: Any, message: str, has_line: bool
) -> None:
    path = _write(tmp_path, mutate(_valid()))
    with pytest.raises(BaselineError) as info:
        load_baseline(path)
    text = str(info.value)
    assert "\n" not in text
    assert text.startswith(str(path))
    assert message in text
    assert (info.value.line is not None) == has_line
    if has_line and info.value.line is not None:
        line = path.read_text(encoding="utf-8").splitlines()[info.value.line - 1]
        # The line named is the one holding the offending key (or, for parse errors, where parsing stopped).
        assert line.strip(), line


def test_load_baseline_missing_and_bad_line_points_at_the_entry(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="baseline file not found"):
        load_baseline(tmp_path / "nope.json")
    data = _valid()
    data["prompts"]["s::b"]["verdict"] = "maybe"
    path = _write(tmp_path, data)
    with pytest.raises(BaselineError) as info:
        load_baseline(path)
    assert info.value.line is not None
    assert '"s::b"' in path.read_text(encoding="utf-8").splitlines()[info.value.line - 1]


def test_save_baseline_is_atomic_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    save_baseline(path, _valid())
    before = path.read_text(encoding="utf-8")
    with pytest.raises(TypeError):
        save_baseline(path, {**_valid(), "created": object()})
    assert path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json"]


def test_rates_in_baseline_match_cells() -> None:
    record = record_of(_grid())
    data = make_baseline(record)
    for c in record["cells"]:
        entry = data["cells"][cell_key(c["suite"], c["language"], c["category"], c["kind"])]
        assert entry["n"] == c["n"]
        assert entry["hits"] == c["hits"]
        assert entry["rate"] is None or math.isclose(entry["rate"], c["hits"] / c["n"])
