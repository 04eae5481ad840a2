"""The cascade judge in a pytest run: escalations counted in the summary and the JSON, same with -n 2."""

from __future__ import annotations

import json

import pytest

# A second judge that calls everything it is asked a refusal.
JUDGE_RULES = 'default: "<class>REFUSAL</class>"\n'


@pytest.fixture
def example(example: pytest.Pytester) -> pytest.Pytester:
    """conftest's examples/basic project, plus the second judge's rules."""
    pytester = example
    (pytester.path / "judge.yaml").write_text(JUDGE_RULES, encoding="utf-8")
    return pytester


def _run(example: pytest.Pytester, out: str, *extra: str) -> tuple[pytest.RunResult, dict[str, object]]:
    result = example.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        "--overrefusal-model=scripted:responses.yaml",
        "--overrefusal-thresholds=thresholds.yaml",
        "--overrefusal-judge=cascade:llm:scripted:judge.yaml",
        "--overrefusal-judge-option=threshold=0.8",
        "--overrefusal-no-cache",
        f"--overrefusal-json={out}",
        *extra,
    )
    return result, json.loads((example.path / out).read_text())


def test_cascade_counts_escalations_in_summary_and_json_with_and_without_xdist(example: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    plain, a = _run(example, "plain.json")
    results = a["results"]
    assert isinstance(results, list)
    escalated = [r for r in results if r["evidence"].startswith("escalated")]
    assert a["escalated"] == len(escalated)
    assert 0 < len(escalated) < len(results)  # only verdicts below confidence 0.8 went to the second judge
    assert all(r["verdict"] == "refusal" for r in escalated)
    plain.stdout.fnmatch_lines([f"cascade judge: {len(escalated)} of {len(results)} verdict(s) escalated*"])
    dist, b = _run(example, "dist.json", "-n", "2")
    assert b["escalated"] == a["escalated"]
    assert [(r["id"], r["verdict"], r["evidence"]) for r in results] == [
        (r["id"], r["verdict"], r["evidence"])
        for r in b["results"]  # type: ignore[attr-defined]
    ]
    assert plain.parseoutcomes() == dist.parseoutcomes()
