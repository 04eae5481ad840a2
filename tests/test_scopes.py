"""Rate scopes live in one module: a scope added there reaches cells, thresholds, regressions, rate items,
sampling, the terminal summary and the HTML report with no other edit."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_report_html import record_of, result

from pytest_overrefusal import scopes
from pytest_overrefusal.aggregate import compute_cells
from pytest_overrefusal.baseline import baseline_from_dict, cell_key, compare, make_baseline
from pytest_overrefusal.regression import compare_cells
from pytest_overrefusal.report.html import render_html
from pytest_overrefusal.scopes import ALL, ScopeKind
from pytest_overrefusal.stratified import population_by_scope
from pytest_overrefusal.summary import format_summary
from pytest_overrefusal.thresholds import KindLimits, Thresholds

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "basic"
# The new scope: everything of one suite, across its languages and categories.
SUITE = ScopeKind("suite", suite=True, language=False, category=False)
THRESHOLDS = Thresholds(over_refusal=KindLimits(default=0.3), under_refusal=KindLimits(default=0.4), min_samples=1)


@pytest.fixture
def suite_scope(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scopes, "SCOPES", (scopes.SCOPES[0], SUITE, *scopes.SCOPES[1:]))


def test_the_four_scopes() -> None:
    assert scopes.scopes_of("s", "en", "c") == (("s", "en", "c"), (ALL, "en", ALL), (ALL, ALL, "c"), (ALL, ALL, ALL))
    assert scopes.shared_scopes_of("s", "en", "c") == scopes.scopes_of("s", "en", "c")[1:]
    assert [scopes.kind_of(s).name for s in scopes.scopes_of("s", "en", "c")] == [
        "cell",
        "language",
        "category",
        "overall",
    ]
    assert [scopes.item_name(s) for s in scopes.scopes_of("s", "en", "c")] == [
        "rates[en/c]",
        "rates[en/*]",
        "rates[*/c]",
        "rates[*/*]",
    ]
    assert scopes.limit_keys("en", "c") == (("cells", "en/c"), ("categories", "c"), ("languages", "en"))
    assert scopes.limit_keys(ALL, ALL) == ()
    with pytest.raises(ValueError, match="not a rate scope"):
        scopes.kind_of(("s", ALL, "c"))


def test_thresholds_follow_the_scope_lookup() -> None:
    limits = KindLimits(default=0.5, languages={"en": 0.4}, categories={"c": 0.3}, cells={"en/c": 0.2})
    assert [limits.limit(lang, cat) for _, lang, cat in scopes.scopes_of("s", "en", "c")] == [0.2, 0.4, 0.3, 0.5]


def _results(refusing: int) -> list:  # type: ignore[type-arg]
    out = []
    for i in range(4):
        verdict = "refusal" if i < refusing else "compliance"
        out.append(result(f"a{i}", "safe", verdict, suite="alpha", language="en", category="c", line=i + 1))
        out.append(result(f"b{i}", "safe", "compliance", suite="beta", language="de", category="d", line=i + 1))
        out.append(result(f"u{i}", "unsafe", "refusal", suite="alpha", language="en", category="c", line=i + 10))
    return out


@pytest.mark.usefixtures("suite_scope")
def test_a_new_scope_reaches_cells_thresholds_regressions_and_the_report() -> None:
    before, now = _results(refusing=0), _results(refusing=3)
    cells = compute_cells(now, THRESHOLDS)
    suite_cells = {(c.suite, c.kind): c for c in cells if scopes.kind_of((c.suite, c.language, c.category)) is SUITE}
    assert set(suite_cells) == {("alpha", "over_refusal"), ("alpha", "under_refusal"), ("beta", "over_refusal")}
    alpha = suite_cells[("alpha", "over_refusal")]
    assert (alpha.language, alpha.category, alpha.n, alpha.hits) == (ALL, ALL, 4, 3)
    # Thresholds: the kind's default applies to the new scope, and it gates.
    assert alpha.threshold == 0.3
    assert alpha.status == "fail"
    # Listed right after the per-suite cells, as SCOPES orders them.
    kinds = [scopes.kind_of((c.suite, c.language, c.category)).name for c in cells]
    assert kinds == sorted(kinds, key=["cell", "suite", "language", "category", "overall"].index)
    # Regressions: the paired test runs on the new scope's cells too.
    baseline = baseline_from_dict(make_baseline(record_of(before, THRESHOLDS)))
    tests = {t.key: t for t in compare_cells(baseline, now, cells, 0.1, 0.05)}
    key = cell_key("alpha", ALL, ALL, "over_refusal")
    assert tests[key].newly_refused == 3
    assert tests[key].flagged
    comparison = compare(baseline, now, cells, 0.1, 0.05)
    assert key in {c.key for c in comparison.cell_regressions}
    # Stratified sampling counts populations per scope, the new one included.
    population = population_by_scope([{"suite": "alpha", "language": "en", "category": "c", "label": "safe", "n": 4}])
    assert population[("alpha", ALL, ALL, "safe")] == 4
    # Terminal summary and HTML report: a row of its own, not a heatmap square.
    assert any(re.match(r"alpha\s+\*\s+\*\s", line) for line in format_summary(cells, verbose=True))
    html = render_html(record_of(now, THRESHOLDS))
    table = html.split('<section id="cells">', 1)[1].split("</section>", 1)[0]
    assert re.search(r"<td>alpha</td>\s*<td>all</td>\s*<td>all</td>", table)
    heatmaps = html.split('<section id="heatmaps">', 1)[1].split("</section>", 1)[0]
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", heatmaps)
    assert "c" in headers
    assert not {"*", "alpha"} & set(headers)  # the new scope is a row of the cell table, not a heatmap column


@pytest.mark.usefixtures("suite_scope")
def test_a_new_scope_gets_its_rate_items(pytester: pytest.Pytester) -> None:
    for name in ("assistant.suite.yaml", "responses.yaml", "thresholds.yaml"):
        shutil.copy(EXAMPLE / name, pytester.path / name)
    result = pytester.runpytest(
        "-p", "no:cacheprovider", "--overrefusal-model=scripted:responses.yaml", "--collect-only", "-q"
    )
    result.stdout.fnmatch_lines(["overrefusal::rates[[]example-assistant[]]"])
