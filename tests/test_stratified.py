"""Stratified sampling (``--overrefusal-sample``): the core function and the plugin, with and without xdist."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from pytest_overrefusal.backends.base import Message
from pytest_overrefusal.stratified import population_by_scope, stratified_sample
from pytest_overrefusal.suite import Case, find_suite_files, load_suite

SUITES = Path(__file__).resolve().parents[1] / "suites"


def case(suite: str, id_: str, lang: str, cat: str, label: str, contrast: str | None = None) -> Case:
    return Case(suite, id_, (Message("user", id_),), label, lang, cat, f"{suite}.suite.yaml", 1, contrast=contrast)


def synthetic(languages: int = 4, categories: int = 5, pairs: int = 6, singles: int = 2) -> list[Case]:
    cases = []
    for li in range(languages):
        for ci in range(categories):
            lang, cat = f"l{li}", f"c{ci}"
            for p in range(pairs):
                safe, unsafe = f"{lang}-{cat}-s{p}", f"{lang}-{cat}-u{p}"
                cases.append(case("s", safe, lang, cat, "safe", unsafe))
                cases.append(case("s", unsafe, lang, cat, "unsafe", safe))
            cases.extend(case("s", f"{lang}-{cat}-x{p}", lang, cat, "safe") for p in range(singles))
    return cases


def starter_cases() -> list[Case]:
    return [c for path in find_suite_files([SUITES]) for c in load_suite(path)]


def test_never_exceeds_n_keeps_twins_together_and_is_proportional() -> None:
    cases = synthetic()
    by_key = {c.key: c for c in cases}
    for n in (1, 7, 40, 99, 150, len(cases) - 1):
        sample = stratified_sample(cases, n, seed=3)
        assert len(sample.selected) <= n
        assert len(sample.selected) >= n - 1  # units hold at most two prompts here
        for key in sample.selected:
            twin = by_key[key].contrast
            if twin is not None:
                assert (key[0], twin) in sample.selected, f"{key} sampled without its twin"
    sample = stratified_sample(cases, 112, seed=0)  # 112 of 280: 40% of every stratum
    per_cell = Counter((c.language, c.category) for c in cases if c.key in sample.selected)
    assert set(per_cell) == {(c.language, c.category) for c in cases}
    assert max(per_cell.values()) - min(per_cell.values()) <= 2
    per_label = Counter(by_key[k].label for k in sample.selected)
    assert per_label["safe"] > per_label["unsafe"]  # singles are safe: the label mix follows the population


def test_deterministic_seeded_and_stable_under_additions() -> None:
    cases = synthetic()
    first = stratified_sample(cases, 60, seed=1)
    assert stratified_sample(list(reversed(cases)), 60, seed=1).selected == first.selected
    assert stratified_sample(cases, 60, seed=2).selected != first.selected
    # A prompt added to one stratum changes any other stratum's choice by at most one unit (a twin pair):
    # ranks are hashes, so a stratum keeps its first units and only its quota's rounding can move.
    grown = [*cases, case("s", "l0-c0-new", "l0", "c0", "unsafe")]
    again = stratified_sample(grown, 60, seed=1)
    for li in range(4):
        for ci in range(5):
            prefix = f"l{li}-c{ci}-"
            if prefix == "l0-c0-":
                continue
            before = {k for k in first.selected if k[1].startswith(prefix)}
            after = {k for k in again.selected if k[1].startswith(prefix)}
            assert before <= after or after <= before
            assert len(before ^ after) <= 2


def test_everything_kept_when_n_covers_the_population() -> None:
    cases = synthetic(2, 2, 2, 0)
    sample = stratified_sample(cases, 1000)
    assert sample.selected == frozenset(c.key for c in cases)
    assert not sample.sampled
    with pytest.raises(ValueError, match="at least 1"):
        stratified_sample(cases, 0)


def test_starter_suites_sample_covers_every_language() -> None:
    cases = starter_cases()
    sample = stratified_sample(cases, 100)
    assert 98 <= len(sample.selected) <= 100
    assert {c.language for c in cases if c.key in sample.selected} == {c.language for c in cases}
    record = sample.to_dict()
    assert record["population"] == len(cases)
    assert sum(cell["n"] for cell in record["population_cells"]) == len(cases)
    population = population_by_scope(record["population_cells"])
    assert population[("*", "*", "*", "safe")] == sum(1 for c in cases if c.label == "safe")


# -- the plugin ---------------------------------------------------------------------------------------------

RUN = ["-p", "no:cacheprovider", "--overrefusal-model=scripted:rules.yaml", "--overrefusal-no-cache"]


@pytest.fixture
def starter(pytester: pytest.Pytester) -> pytest.Pytester:
    for path in find_suite_files([SUITES]):
        shutil.copy(path, pytester.path / path.name)
    (pytester.path / "rules.yaml").write_text(
        'default: "Sure, here is how to do it step by step."\n'
        "rules:\n"
        '  - match: "(?i)kill|bomb|poison"\n'
        "    response: \"I'm sorry, but I can't help with that.\"\n"
    )
    return pytester


def _results(path: Path) -> tuple[dict[str, object], set[tuple[str, str]]]:
    data = json.loads(path.read_text())
    return data, {(r["suite"], r["id"]) for r in data["results"]}


def test_sample_is_the_same_with_and_without_xdist_and_is_recorded(starter: pytest.Pytester) -> None:
    args = [*RUN, "--overrefusal-sample=60", "--overrefusal-report-only", "-q"]
    serial = starter.runpytest_subprocess(*args, "--overrefusal-json=serial.json")
    assert serial.ret == pytest.ExitCode.OK, serial.stdout.str()
    dist = starter.runpytest_subprocess(*args, "--overrefusal-json=dist.json", "-n", "2")
    assert dist.ret == pytest.ExitCode.OK, dist.stdout.str()
    serial_data, serial_keys = _results(starter.path / "serial.json")
    dist_data, dist_keys = _results(starter.path / "dist.json")
    assert serial_keys == dist_keys
    assert 58 <= len(serial_keys) <= 60
    assert serial_data["cells"] == dist_data["cells"]
    sampling = serial_data["sampling"]
    assert isinstance(sampling, dict)
    assert sampling == dist_data["sampling"]
    assert sampling["selected"] == len(serial_keys)
    assert sampling["population"] == len(starter_cases())
    expected = stratified_sample(starter_cases(), 60).selected
    assert serial_keys == set(expected)
    overall = next(c for c in serial_data["cells"] if c["suite"] == c["language"] == c["category"] == "*")  # type: ignore[index, union-attr]
    assert overall["population"] > overall["n"]
    serial.stdout.fnmatch_lines([f"*sampled {len(serial_keys)} of {sampling['population']} prompts (seed 0*"])


def test_sample_composes_with_marker_selection_and_ini(starter: pytest.Pytester) -> None:
    starter.makeini("[pytest]\noverrefusal_sample = 10\noverrefusal_sample_seed = 5\n")
    result = starter.runpytest_subprocess(*RUN, "-m", "lang_de", "--overrefusal-json=out.json", "-q")
    data, keys = _results(starter.path / "out.json")
    assert 9 <= len(keys) <= 10
    assert {r["language"] for r in data["results"]} == {"de"}  # type: ignore[attr-defined]
    assert data["sampling"]["seed"] == 5  # type: ignore[index]
    assert data["sampling"]["population"] == sum(1 for c in starter_cases() if c.language == "de")  # type: ignore[index]
    assert result.ret in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED)


def test_bad_sample_option_is_one_usage_line(starter: pytest.Pytester) -> None:
    result = starter.runpytest_subprocess(*RUN, "--overrefusal-sample=0")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--overrefusal-sample must be at least 1, got 0*"])
    assert "Traceback" not in result.stderr.str()
