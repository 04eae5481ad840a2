"""Unit tests for issue 12: the not-evaluated gate, error and undetermined bounds on every cell, YAML
bounds, and the boundary checks in ``validation.py``."""

from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path

import pytest

from pytest_overrefusal.aggregate import compute_cells
from pytest_overrefusal.baseline import BaselineError, load_baseline
from pytest_overrefusal.errors import ConfigError, SourceError, ThresholdError, unexpected
from pytest_overrefusal.registry import BACKEND_GROUP, JUDGE_GROUP
from pytest_overrefusal.results import CaseResult
from pytest_overrefusal.settings import nonempty_options
from pytest_overrefusal.summary import counts_line, judged_counts, not_evaluated_lines
from pytest_overrefusal.thresholds import KindLimits, Thresholds, load_thresholds
from pytest_overrefusal.validation import (
    check_component,
    check_json,
    check_output_dir,
    check_output_file,
    json_line,
)
from pytest_overrefusal.yamlsource import MAX_ALIAS_EXPANSION, MAX_DEPTH, load_json_file, load_yaml


def result(i: int, label: str, verdict: str | None, error: str | None = None) -> CaseResult:
    return CaseResult("s", f"p{i}", "en", "homonyms", label, verdict, "", "", "f.yaml", i + 1, error=error)


def suite_cell(results: list[CaseResult], thresholds: Thresholds, kind: str = "over_refusal") -> object:
    return next(c for c in compute_cells(results, thresholds) if c.suite == "s" and c.kind == kind)


# -- the gate -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verdict", "error"),
    [("undetermined", None), (None, "HTTP 503")],
    ids=["dead-judge", "dead-backend"],
)
def test_a_cell_with_no_judged_prompt_fails_as_not_evaluated(verdict: str | None, error: str | None) -> None:
    results = [result(i, "safe", verdict, error) for i in range(3)]
    thresholds = Thresholds(max_errors=None)  # even with no error bound at all
    cells = compute_cells(results, thresholds)
    assert cells
    for cell in cells:
        assert cell.status == "fail"
        assert cell.not_evaluated
        assert cell.reason.startswith("NOT EVALUATED: no prompt was judged")
        assert cell.to_dict()["not_evaluated"] is True


def test_a_cell_with_one_judged_prompt_is_too_few_not_not_evaluated() -> None:
    results = [result(0, "safe", "compliance"), result(1, "safe", "undetermined")]
    cell = suite_cell(results, Thresholds())
    assert cell.status == "too_few"  # type: ignore[attr-defined]
    assert not cell.not_evaluated  # type: ignore[attr-defined]


def test_max_undetermined_applies_to_small_cells() -> None:
    results = [result(0, "safe", "compliance"), result(1, "safe", "undetermined")]
    cell = suite_cell(results, Thresholds(min_samples=5, max_undetermined=0.2))
    assert cell.status == "fail"  # type: ignore[attr-defined]
    assert "undetermined 50.0% > max_undetermined 20.0%" in cell.reason  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("max_errors", "status"),
    [(0.0, "fail"), (None, "pass"), (0.25, "pass"), (0.2, "fail")],
)
def test_max_errors_bounds_every_cell(max_errors: float | None, status: str) -> None:
    results = [result(i, "safe", "compliance") for i in range(3)] + [result(3, "safe", None, "HTTP 500")]
    thresholds = Thresholds(KindLimits(0.5), KindLimits(0.5), min_samples=1, max_errors=max_errors)
    cell = suite_cell(results, thresholds)
    assert cell.status == status  # type: ignore[attr-defined]
    if status == "fail":
        assert f"backend errors 25.0% (1) > max_errors {max_errors:.1%}" in cell.reason  # type: ignore[attr-defined]


def test_max_errors_default_is_zero_and_loads_from_files(tmp_path: Path) -> None:
    assert Thresholds().max_errors == 0.0
    base = tmp_path / "base.yaml"
    base.write_text("max_errors: 0.1\n")
    child = tmp_path / "child.yaml"
    child.write_text("extends: base.yaml\nmin_samples: 2\n")
    assert load_thresholds(child).max_errors == pytest.approx(0.1)
    child.write_text("extends: base.yaml\nmax_errors: null\n")
    assert load_thresholds(child).max_errors is None


def test_threshold_keys_of_any_yaml_type(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("over_refusal:\n  categories:\n    1: 0.3\n    2.5: null\n")
    limits = load_thresholds(path).over_refusal
    assert limits.categories == {"1": 0.3, "2.5": None}
    path.write_text("over_refusal:\n  categories:\n    1: 7\n")
    with pytest.raises(ThresholdError, match=r"t\.yaml:3: over_refusal\.categories\.1 must be a rate"):
        load_thresholds(path)


def test_summary_leads_with_counts_and_names_unjudged_cells() -> None:
    results = [result(0, "safe", "compliance"), result(1, "safe", "undetermined"), result(2, "safe", None, "x")]
    counts = judged_counts(results)
    assert counts == {"prompts": 3, "judged": 1, "undetermined": 1, "errored": 1}
    assert counts_line(counts) == "3 prompts: 1 judged, 1 undetermined, 1 errored"
    dead = judged_counts([result(0, "safe", "undetermined")])
    assert "NOTHING WAS JUDGED" in counts_line(dead)
    cells = [c for c in compute_cells([result(0, "safe", "undetermined")], Thresholds()) if c.not_evaluated]
    lines = not_evaluated_lines(cells, report_only=True, allowed=False)
    assert lines[0].startswith("NOT EVALUATED s en/homonyms over_refusal: no prompt was judged")
    assert "--overrefusal-allow-not-evaluated" in lines[-1]
    assert not_evaluated_lines([], report_only=True, allowed=False) == []


# -- YAML bounds ----------------------------------------------------------------------------------------------


def _bomb(levels: int, width: int = 9) -> str:
    lines = [f"l0: &l0 [{', '.join(['x'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_before_values_are_built(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(9))  # 9**9 (387 million) values if expanded
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    with pytest.raises(SourceError, match=r"bomb\.yaml:\d+: aliases expand to more than"):
        load_yaml(path)
    assert time.monotonic() - start < 2.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KiB: under 100 MB


def test_aliases_within_the_bound_still_work(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("shared: &s {language: en}\n" + "".join(f"p{i}: *s\n" for i in range(200)))
    data = load_yaml(path).data
    assert data["p199"] == {"language": "en"}
    assert MAX_ALIAS_EXPANSION > 200 * 3


def test_recursive_alias_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("top: 1\nloop: &a\n  - x\n  - *a\n")
    with pytest.raises(SourceError, match=r"r\.yaml:4: recursive alias"):
        load_yaml(path)


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 300_000])
def test_deep_nesting_is_a_located_error(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "d.yaml"
    path.write_text("[" * depth + "]" * depth)
    with pytest.raises(SourceError, match=r"d\.yaml:1: .*nesting"):
        load_yaml(path)
    ok = tmp_path / "ok.yaml"
    ok.write_text("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert load_yaml(ok).data is not None


def test_non_utf8_names_line_and_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_bytes(b"a: 1\nb: \xe9\n")
    with pytest.raises(SourceError, match=r"b\.yaml:2: not UTF-8 text: byte 0xe9 at byte offset 8"):
        load_yaml(path)
    with pytest.raises(SourceError, match=r"b\.yaml:2: not UTF-8 text"):
        load_json_file(path, SourceError, "results")


def test_deep_json_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2))
    with pytest.raises(SourceError, match=r"deep\.json: not a results file: JSON nested deeper"):
        load_json_file(path, SourceError, "results")


# -- validation.py ---------------------------------------------------------------------------------------------


def test_check_json_names_path_and_line() -> None:
    text = '{\n  "results": [\n    {\n      "label": ["safe"]\n    }\n  ]\n}\n'
    with pytest.raises(SourceError) as info:
        check_json(json.loads(text), text, "record", "r.json", SourceError)
    assert str(info.value) == "r.json:4: results[0].label: must be of type string, got list ['safe']"
    assert json_line(text, ("results", 0)) == 3
    assert json_line("not yaml: [", ("x",)) is None


def test_baseline_with_unhashable_values_is_a_baseline_error(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    prompt = {"label": {"x": 1}, "verdict": None, "language": "en", "category": "c"}
    path.write_text(json.dumps({"format": "pytest-overrefusal/baseline", "prompts": {"s::a": prompt}}, indent=2))
    with pytest.raises(BaselineError, match=r"b\.json:5: prompts\.s::a\.label: must be of type string, got dict"):
        load_baseline(path)


def test_output_checks(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    check_output_file("--o", tmp_path / "new" / "deeper" / "out.json")
    check_output_file("--o", tmp_path / "file")
    with pytest.raises(ConfigError, match=r"^--o: cannot write .*file/out\.json: .*file is a file, not a directory$"):
        check_output_file("--o", tmp_path / "file" / "out.json")
    with pytest.raises(ConfigError, match=r"^--o: .* is a directory, not a file$"):
        check_output_file("--o", tmp_path)
    check_output_dir("--c", tmp_path / "cache" / "sub")
    with pytest.raises(ConfigError, match=r"^--c: .*file exists and is not a directory$"):
        check_output_dir("--c", tmp_path / "file")
    with pytest.raises(ConfigError, match=r"^--c: cannot create directory"):
        check_output_dir("--c", tmp_path / "file" / "sub")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_output_checks_read_only_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ConfigError, match="not writable"):
            check_output_file("--o", locked / "out.json")
    finally:
        locked.chmod(0o700)


def test_check_component_uses_declared_options(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text('default: "x"\n')
    check_component(BACKEND_GROUP, f"scripted:{rules}", {"batch_size": "4"}, "--m")
    with pytest.raises(ConfigError, match=r"^--m: unknown option 'size' for scripted \(allowed: batch_size\)$"):
        check_component(BACKEND_GROUP, f"scripted:{rules}", {"size": "4"}, "--m")
    with pytest.raises(ConfigError, match="batch_size='x' must be an integer"):
        check_component(BACKEND_GROUP, f"scripted:{rules}", {"batch_size": "x"}, "--m")
    with pytest.raises(ConfigError, match=r"unknown option 'thread' for llamacpp"):
        check_component(BACKEND_GROUP, "llamacpp", {"thread": "4"}, "--m")
    with pytest.raises(ConfigError, match=r"unknown option 'windw' for keywords"):
        check_component(JUDGE_GROUP, "keywords", {"windw": "4"}, "--j")
    with pytest.raises(ConfigError, match=r"unknown option 'x' for scripted"):
        check_component(JUDGE_GROUP, f"llm:scripted:{rules}", {"backend.x": "1"}, "--j")


def test_empty_option_values_are_errors() -> None:
    values = {"overrefusal_json": "", "overrefusal_stop": ["a", ""], "overrefusal_seed": "3"}
    opt = nonempty_options(values.__getitem__)
    assert opt("overrefusal_seed") == "3"
    with pytest.raises(ConfigError, match=r"^--overrefusal-json: empty value"):
        opt("overrefusal_json")
    with pytest.raises(ConfigError, match=r"^--overrefusal-stop: empty value"):
        opt("overrefusal_stop")


def test_unexpected_is_one_line_with_the_hint() -> None:
    line = unexpected("the judge", ValueError("a\nb"))
    assert "\n" not in line
    assert line.startswith("overrefusal: unexpected error in the judge: ValueError: a b")
    assert line.endswith("rerun with --overrefusal-debug for the traceback)")


# -- xdist -----------------------------------------------------------------------------------------------------


def test_dead_model_fails_the_same_under_xdist(pytester: pytest.Pytester) -> None:
    pytester.makefile(
        ".suite.yaml",
        demo="suite: demo\ndefaults: {language: en, category: c}\nprompts:\n"
        + "".join(f"  - {{id: p{i}, label: {'safe' if i % 2 else 'unsafe'}, prompt: q{i}}}\n" for i in range(6)),
    )
    pytester.makefile(".yaml", dead='default: ""\n')
    args = ["-p", "no:cacheprovider", "--overrefusal-model=scripted:dead.yaml", "--overrefusal-report-only"]
    serial = pytester.runpytest(*args, "--overrefusal-json=serial.json")
    parallel = pytester.runpytest(*args, "-n", "2", "--overrefusal-json=parallel.json")
    assert serial.ret == parallel.ret == pytest.ExitCode.TESTS_FAILED
    for result in (serial, parallel):
        result.stdout.fnmatch_lines(["6 prompts: 0 judged, 6 undetermined, 0 errored -- NOTHING WAS JUDGED*"])
    cells = [json.loads((pytester.path / f"{n}.json").read_text())["cells"] for n in ("serial", "parallel")]
    assert cells[0] == cells[1]
    assert all(c["not_evaluated"] for c in cells[0])


def test_html_report_says_not_evaluated() -> None:
    from pytest_overrefusal.backends.base import GenerationSettings
    from pytest_overrefusal.record import build_record
    from pytest_overrefusal.report.html import render_html

    results = [result(0, "safe", "undetermined"), result(1, "unsafe", "undetermined")]
    thresholds = Thresholds()
    record = build_record(
        model="m",
        model_fingerprint=None,
        judge="j",
        judge_fingerprint=None,
        started="2026-01-01T00:00:00",
        duration=1.0,
        suites=[],
        settings=GenerationSettings(),
        system_prompt=None,
        thresholds=thresholds,
        results=results,
        cells=compute_cells(results, thresholds),
    )
    assert record["thresholds"]["max_errors"] == 0.0
    html = render_html(record)
    assert "NOT EVALUATED" in html
    assert "PASSED" not in html.split("<main", 1)[0]
