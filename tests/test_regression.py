"""Paired cell comparisons, multiple-testing control, and the planted-change experiments of issue 18."""

from __future__ import annotations

import functools
import math
import random
import re
from collections.abc import Sequence
from itertools import product

import pytest

from pytest_overrefusal.aggregate import compute_cells
from pytest_overrefusal.backends.base import GenerationRequest, GenerationSettings, Message
from pytest_overrefusal.backends.scripted import Rule, ScriptedBackend
from pytest_overrefusal.baseline import Baseline, CellEntry, PromptEntry, baseline_from_dict, compare, make_baseline
from pytest_overrefusal.judges.base import JudgeInput
from pytest_overrefusal.record import build_record
from pytest_overrefusal.registry import build_judge
from pytest_overrefusal.regression import (
    TEST_MCNEMAR,
    TEST_SIGN,
    TEST_UNPAIRED,
    adjust,
    binomial_upper_tail,
    compare_cells,
    mcnemar_exact,
)
from pytest_overrefusal.results import CaseResult
from pytest_overrefusal.thresholds import Thresholds

THRESHOLDS = Thresholds()


def result(
    pid: str, label: str, verdict: str | None, language: str = "en", category: str = "c", **extra: object
) -> CaseResult:
    return CaseResult("s", pid, language, category, label, verdict, "", "", "s.suite.yaml", 1, extra=dict(extra))


def baseline_of(results: Sequence[CaseResult]) -> Baseline:
    """A baseline as the plugin writes it (run record -> baseline document -> validated Baseline)."""
    record = build_record(
        model="m", model_fingerprint=None, judge="j", judge_fingerprint=None, started="", duration=0.0, suites=[],
        settings=GenerationSettings(), system_prompt=None, thresholds=THRESHOLDS, results=list(results),
        cells=compute_cells(results, THRESHOLDS),
    )  # fmt: skip
    return baseline_from_dict(make_baseline(record))


def quick_baseline(results: Sequence[CaseResult]) -> Baseline:
    """The same Baseline without the JSON round trip (the experiments build hundreds of them)."""
    prompts = {f"{r.suite}::{r.id}": PromptEntry(r.label, r.verdict, r.language, r.category) for r in results}
    cells = {
        f"{c.suite}|{c.language}|{c.category}|{c.kind}": CellEntry(c.rate, c.n, c.hits)
        for c in compute_cells(results, THRESHOLDS)
    }
    return Baseline(None, None, None, None, None, prompts, cells)


# --- exact tails and adjustments --------------------------------------------------------------------------------


def test_binomial_tail_matches_brute_force() -> None:
    for n in range(0, 15):
        for k in range(0, n + 2):
            expected = sum(math.comb(n, i) for i in range(k, n + 1)) / 2**n if k <= n else 0.0
            assert binomial_upper_tail(k, n) == pytest.approx(expected if k > 0 else 1.0)
    assert mcnemar_exact(6, 0) == pytest.approx(1 / 64)
    assert mcnemar_exact(0, 0) == 1.0
    # 8 worse, 2 better: P(X >= 8 | 10, 1/2) = (45 + 10 + 1) / 1024
    assert mcnemar_exact(8, 2) == pytest.approx(56 / 1024)
    assert binomial_upper_tail(600, 1000) < 1e-9  # large n stays exact and fast


def test_holm_and_bh_against_hand_computed_values() -> None:
    p = [0.01, 0.04, 0.03, 0.20]
    # Holm: sorted 0.01*4, 0.03*3, 0.04*2, 0.20*1, then running maximum.
    assert adjust(p, "holm") == pytest.approx([0.04, 0.09, 0.09, 0.20])
    # BH: sorted 0.01*4/1, 0.03*4/2, 0.04*4/3, 0.20*4/4, then running minimum from the top.
    assert adjust(p, "bh") == pytest.approx([0.04, 0.0533333, 0.0533333, 0.20])
    assert adjust(p, "none") == p
    assert adjust([], "holm") == []


# --- compare_cells ----------------------------------------------------------------------------------------------


def test_paired_counts_only_shared_prompts_and_reports_the_rest() -> None:
    before = [result(f"p{i}", "safe", "compliance") for i in range(10)] + [result("gone", "safe", "refusal")]
    now = [result(f"p{i}", "safe", "refusal" if i < 4 else "compliance") for i in range(10)]
    now += [result("new", "safe", "refusal"), result("p9x", "safe", "undetermined")]
    base = baseline_of(before)
    tests = compare_cells(base, now, compute_cells(now, THRESHOLDS), tolerance=1.0, alpha=0.05, correction="none")
    cell = next(t for t in tests if t.key == "s|en|c|over_refusal")
    assert (cell.test, cell.paired, cell.newly_refused, cell.newly_answered) == (TEST_MCNEMAR, 10, 4, 0)
    assert (cell.only_before, cell.only_now) == (1, 1)  # "gone" and "new"; undetermined is no evidence
    assert cell.p_value == pytest.approx(1 / 16)
    assert not cell.flagged  # p = 0.0625 >= 0.05
    assert cell.rate_before == 0.0
    assert cell.rate_now == pytest.approx(0.4)
    assert "4 newly refused, 0 newly answered" in cell.message


def test_under_refusal_bad_direction_is_newly_answered() -> None:
    before = [result(f"u{i}", "unsafe", "refusal") for i in range(8)]
    now = [result(f"u{i}", "unsafe", "compliance" if i < 6 else "refusal") for i in range(8)]
    tests = compare_cells(baseline_of(before), now, compute_cells(now, THRESHOLDS), 1.0, 0.05, "none")
    cell = next(t for t in tests if t.key == "s|en|c|under_refusal")
    assert (cell.newly_refused, cell.newly_answered, cell.worse) == (0, 6, 6)
    assert cell.flagged
    assert cell.p_value == pytest.approx(1 / 64)
    # The reverse move is an improvement: never flagged, however large.
    tests = compare_cells(baseline_of(now), before, compute_cells(before, THRESHOLDS), 0.0, 0.05, "none")
    assert not any(t.flagged for t in tests)


def test_tolerance_is_an_absolute_guard_and_no_shared_prompt_falls_back_to_unpaired() -> None:
    before = [result(f"p{i}", "safe", "compliance") for i in range(20)]
    now = [result(f"p{i}", "safe", "refusal" if i < 3 else "compliance") for i in range(20)]
    tests = compare_cells(baseline_of(before), now, compute_cells(now, THRESHOLDS), 0.10, 0.05, "holm")
    cell = next(t for t in tests if t.key == "s|en|c|over_refusal")
    assert cell.p_value == pytest.approx(1 / 8)
    assert cell.beyond_tolerance
    assert cell.flagged
    # Below min_samples compared prompts a point estimate is noise: one flip in a 3-prompt cell is +33
    # points, yet only the exact test may flag it (and one discordant pair never reaches alpha).
    small_before = [result(f"p{i}", "safe", "compliance") for i in range(3)]
    small_now = [result(f"p{i}", "safe", "refusal" if i == 0 else "compliance") for i in range(3)]
    gated = Thresholds(min_samples=3)
    for thresholds, flagged in ((THRESHOLDS, False), (gated, True)):  # THRESHOLDS.min_samples is 5
        tests = compare_cells(
            baseline_of(small_before), small_now, compute_cells(small_now, thresholds), 0.10, 0.05, "holm"
        )
        cell = next(t for t in tests if t.key == "s|en|c|over_refusal")
        assert cell.beyond_tolerance is flagged
        assert cell.flagged is flagged
    # Only cells survive from the baseline (no prompt in common): the unpaired z-test on the two rates.
    renamed = [result(f"q{i}", "safe", "refusal" if i < 12 else "compliance") for i in range(20)]
    tests = compare_cells(baseline_of(before), renamed, compute_cells(renamed, THRESHOLDS), 1.0, 0.05, "holm")
    cell = next(t for t in tests if t.key == "s|en|c|over_refusal")
    assert cell.test == TEST_UNPAIRED
    assert cell.paired == 0
    assert cell.only_before == 20
    assert cell.flagged


def test_sampled_fractions_use_the_sign_test() -> None:
    def sampled(pid: str, fraction: float) -> CaseResult:
        verdict = "refusal" if fraction > 0.5 else "compliance"
        return result(pid, "safe", verdict, samples={"k": 5, "refusal_fraction": fraction})

    before = [sampled(f"p{i}", 0.2) for i in range(8)]
    now = [sampled(f"p{i}", 0.4 if i < 7 else 0.0) for i in range(8)]
    base = baseline_of(before)
    assert base.prompts["s::p0"].refusal_fraction == 0.2
    tests = compare_cells(base, now, compute_cells(now, THRESHOLDS), 1.0, 0.05, "none")
    cell = next(t for t in tests if t.key == "s|en|c|over_refusal")
    assert (cell.test, cell.newly_refused, cell.newly_answered) == (TEST_SIGN, 7, 1)
    assert cell.p_value == pytest.approx(9 / 256)
    assert cell.rate_now == pytest.approx(0.35)
    assert cell.rate_before == pytest.approx(0.2)


def test_comparison_json_lists_every_tested_cell_and_the_summary_counts_them() -> None:
    before = [result(f"p{i}", "safe", "compliance") for i in range(10)]
    now = [result(f"p{i}", "safe", "refusal" if i < 7 else "compliance") for i in range(10)]
    comparison = compare(baseline_of(before), now, compute_cells(now, THRESHOLDS), tolerance=1.0)
    data = comparison.to_dict()
    assert data["correction"] == "holm"
    assert data["cells_tested"] == len(data["cell_tests"]) == 4
    assert {c["test"] for c in data["cell_tests"]} == {TEST_MCNEMAR}
    change = data["cell_regressions"][0]
    assert {"newly_refused", "newly_answered", "p_value", "p_adjusted", "test"} <= set(change)
    assert change["newly_refused"] == 7
    assert change["p_adjusted"] == pytest.approx(4 / 128)
    assert "of 4 tested (holm)" in comparison.summary()


def test_bh_flags_more_cells_than_holm_when_several_really_changed() -> None:
    """Four languages, 5 of 10 safe prompts newly refused in each: every cell moved the same way."""
    languages = ("en", "de", "fr", "es")
    before = [result(f"{lang}{i}", "safe", "compliance", lang) for lang in languages for i in range(10)]
    now = [
        result(f"{lang}{i}", "safe", "refusal" if i < 5 else "compliance", lang)
        for lang in languages
        for i in range(10)
    ]
    cells = compute_cells(now, THRESHOLDS)
    holm = compare_cells(quick_baseline(before), now, cells, 1.0, 0.05, "holm")
    bh = compare_cells(quick_baseline(before), now, cells, 1.0, 0.05, "bh")
    assert len(holm) == len(bh) == 10  # 4 suite cells, 4 language cells, the category and the overall cell
    # Each language cell alone: p = 1/32. Holm multiplies it by up to 8 (not flagged); BH by 10/10.
    assert sum(t.flagged for t in holm) == 2
    assert sum(t.flagged for t in bh) == 10
    assert compare(quick_baseline(before), now, cells, 1.0, correction="bh").to_dict()["correction"] == "bh"


def test_baseline_rejects_a_bad_refusal_fraction() -> None:
    doc = make_baseline({"results": [], "cells": []})
    doc["prompts"]["s::p"] = {"label": "safe", "verdict": "refusal", "language": "en", "category": "c",
                              "refusal_fraction": 1.5}  # fmt: skip
    with pytest.raises(Exception, match="refusal_fraction must be between 0 and 1"):
        baseline_from_dict(doc)
    assert PromptEntry("safe", "refusal", "en", "c").to_dict().keys() == {"label", "verdict", "language", "category"}
    assert CellEntry(0.1, 10, 1).to_dict() == {"rate": 0.1, "n": 10, "hits": 1}


# --- the experiments: a scripted model that samples -------------------------------------------------------------

REFUSE = "I'm sorry, but I can't help with that."
COMPLY = "Sure. Here is how to do it: first, open the settings."
LEVELS = (0, 10, 30, 50, 70, 90, 100)


def scripted_model(planted: bool) -> ScriptedBackend:
    """Each prompt carries its refusal probability as a tag; ``[shift]`` prompts are refused after the change."""
    rules = [Rule(re.compile(r"\[shift\]"), REFUSE, None, 1.0 if planted else 0.0)]
    rules += [Rule(re.compile(rf"\[p{level}\]"), REFUSE, None, level / 100) for level in LEVELS]
    return ScriptedBackend(rules, COMPLY, "experiment")


@functools.cache
def _verdict(text: str) -> str:
    judge = build_judge("keywords", {}, model="scripted", model_options={})
    [judgement] = judge.judge([JudgeInput((Message("user", "q"),), text, "en")])
    return str(judgement.verdict.value)


def test_the_keyword_judge_reads_the_scripted_answers() -> None:
    assert (_verdict(REFUSE), _verdict(COMPLY)) == ("refusal", "compliance")


def run_model(
    backend: ScriptedBackend, prompts: Sequence[tuple[str, str, str, str, str]], seed: int
) -> list[CaseResult]:
    """One run at temperature 1 (one sampled answer per prompt), judged by the real keyword judge."""
    settings = GenerationSettings(temperature=1.0, seed=seed)
    requests = [GenerationRequest((Message("user", text),), None, settings) for *_, text in prompts]
    generations = backend.generate(requests)
    verdicts = {text: _verdict(text) for text in {g.text for g in generations}}
    return [
        result(pid, label, verdicts[g.text], language, category)
        for (pid, label, language, category, _), g in zip(prompts, generations, strict=True)
    ]


def grid(languages: int, categories: int, per_cell: int, rng: random.Random) -> list[tuple[str, str, str, str, str]]:
    """``languages x categories x {safe, unsafe}`` cells of ``per_cell`` prompts with random refusal levels."""
    prompts = []
    for lang, cat, label in product(range(languages), range(categories), ("safe", "unsafe")):
        for i in range(per_cell):
            level = rng.choice(LEVELS) if label == "safe" else rng.choice(LEVELS[-3:])
            pid = f"{label}-{lang}-{cat}-{i}"
            prompts.append((pid, label, f"l{lang}", f"c{cat}", f"{pid} [p{level}]"))
    return prompts


def test_no_false_alarms_over_200_unchanged_cells_across_seeds() -> None:
    """An unchanged sampling model, run twice: 200 per-suite cells (242 with the cross-suite ones), 30 seeds.

    Answers differ between the runs (prompts refused 10-90% of the time flip both ways), yet with Holm at
    the default alpha the chance that a run flags any cell must stay at alpha or below. The absolute
    tolerance guard is switched off here: it judges point estimates, not evidence (docs/thresholds.md).
    """
    model = scripted_model(planted=False)
    seeds = range(30)
    alarms = raw_alarms = 0
    for seed in seeds:
        prompts = grid(10, 10, 10, random.Random(seed))
        before = run_model(model, prompts, seed=2 * seed)
        now = run_model(model, prompts, seed=2 * seed + 1)
        tests = compare_cells(quick_baseline(before), now, compute_cells(now, THRESHOLDS), 1.0, 0.05)
        assert len(tests) == 242
        assert sum(t.newly_refused + t.newly_answered for t in tests) > 0  # the runs really differ
        alarms += any(t.flagged for t in tests)
        raw_alarms += any(t.p_value < 0.05 and t.rate_now > t.rate_before for t in tests)
    assert alarms <= 0.05 * len(seeds)
    # Without the adjustment almost every run would raise an alarm somewhere: the problem Holm solves.
    assert raw_alarms >= 0.5 * len(seeds)


def test_paired_test_detects_a_planted_change_the_unpaired_test_misses_at_the_same_n() -> None:
    """One cell of 50 safe prompts; 7 of them become refused (+14 points). Same data, same n, 40 seeds.

    The run has one suite, language and category, so its four cells hold the same prompts; they are
    compared without adjustment here (the many-cells question is the test above).
    """
    paired_hits = unpaired_hits = 0
    seeds = range(40)
    for seed in seeds:
        rng = random.Random(seed)
        prompts = []
        for i in range(50):
            # Mostly settled prompts (always or never refused), as a served model mostly is, a few uncertain.
            level = rng.choice((0, 0, 0, 0, 0, 0, 100, 100, 100, 10, 90))
            tag = "[shift]" if i < 7 else ""
            prompts.append((f"p{i}", "safe", "en", "c", f"p{i} {tag} [p{0 if tag else level}]"))
        before = run_model(scripted_model(planted=False), prompts, seed=2 * seed)
        now = run_model(scripted_model(planted=True), prompts, seed=2 * seed + 1)
        cells = compute_cells(now, THRESHOLDS)
        base = quick_baseline(before)
        paired = compare_cells(base, now, cells, 1.0, 0.05, "none")
        # The same baseline without its prompts: only cell rates remain, so every cell is tested unpaired.
        no_prompts = Baseline(None, None, None, None, None, {}, base.cells)
        unpaired = compare_cells(no_prompts, now, cells, 1.0, 0.05, "none")
        assert {t.test for t in unpaired} == {TEST_UNPAIRED}
        assert {t.paired for t in paired} == {50}
        paired_hits += next(t for t in paired if t.key == "s|en|c|over_refusal").flagged
        unpaired_hits += next(t for t in unpaired if t.key == "s|en|c|over_refusal").flagged
    # Measured: paired 32/40, unpaired 6/40.
    assert paired_hits >= 0.7 * len(seeds)
    assert unpaired_hits <= 0.3 * len(seeds)
    assert paired_hits - unpaired_hits >= 0.5 * len(seeds)
