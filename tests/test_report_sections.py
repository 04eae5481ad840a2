"""Report sections come from providers through ``pytest_overrefusal_report_sections``, in pytest and in the CLI."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest
from markupsafe import Markup
from test_report_html import record_of, result, sections_record

from pytest_overrefusal.cli import main
from pytest_overrefusal.record import RunRecord
from pytest_overrefusal.report import html as core_html
from pytest_overrefusal.report.html import render_html
from pytest_overrefusal.report.sections import PROVIDERS, Section, collect_sections, section_manager

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "basic"
RUN = [
    "-p",
    "no:cacheprovider",
    "--overrefusal-model=scripted:responses.yaml",
    "--overrefusal-thresholds=thresholds.yaml",
]
# Entries written by other producers; the core page must not know any of them.
PROVIDED = ("steering", "mitigations", "triggers", "attention_steering", "drift", "boundary")
CORE_MODULES = ("html", "cells", "format", "reader", "sampled")
CORE_TEMPLATES = ("report.html.j2", "macros.html.j2")


def section_ids(html: str) -> list[str]:
    return re.findall(r'<section id="([^"]+)">', html)


def sections_of(html: str) -> dict[str, str]:
    return {name: html.split(f'<section id="{name}">', 1)[1].split("</section>", 1)[0] for name in section_ids(html)}


def test_core_report_names_no_provided_entry() -> None:
    package = resources.files("pytest_overrefusal.report")
    for name in CORE_MODULES:
        source = package.joinpath(f"{name}.py").read_text(encoding="utf-8")
        quoted = re.findall(r"""["']([a-z_]+)["']""", source)
        assert not set(quoted) & set(PROVIDED), (name, set(quoted) & set(PROVIDED))
    for name in CORE_TEMPLATES:
        text = package.joinpath("templates", name).read_text(encoding="utf-8").lower()
        for word in ("steering", "mitigation", "trigger", "boundary"):
            assert word not in text, (name, word)
    assert core_html.__name__ not in PROVIDERS


def test_sections_come_from_their_providers(tmp_path: Path) -> None:
    record = RunRecord.from_dict(sections_record(tmp_path))
    sections = collect_sections(record, "run record")
    assert [s.id for s in sections] == ["mitigations", "boundary"]
    by_provider = {name: _ids(impl, record) for name, impl in _impls()}
    assert by_provider == {PROVIDERS[0]: ["mitigations"], PROVIDERS[1]: [], PROVIDERS[2]: ["boundary"]}
    html = render_html(record)
    assert section_ids(html)[-2:] == ["mitigations", "boundary"]
    assert '<a href="#boundary">Boundary' in html
    # Without the entries, no provider says anything and the page has only its own sections.
    bare = {k: v for k, v in sections_record(tmp_path).items() if k not in ("steering", "mitigations")}
    assert collect_sections(RunRecord.from_dict(bare), "run record") == []
    assert not set(section_ids(render_html(bare))) & {"mitigations", "boundary"}


def _impls() -> list[tuple[str, object]]:
    manager = section_manager()
    return [(name, manager.get_plugin(name).pytest_overrefusal_report_sections) for name in PROVIDERS]


def _ids(impl: object, record: RunRecord) -> list[str]:
    return [s.id for s in impl(record=record, source="r") or ()]  # type: ignore[operator]


@pytest.fixture
def project(pytester: pytest.Pytester, tmp_path: Path) -> pytest.Pytester:
    for name in ("assistant.suite.yaml", "responses.yaml", "thresholds.yaml"):
        shutil.copy(EXAMPLE / name, pytester.path / name)
    entries = sections_record(tmp_path)
    (pytester.path / "entries.json").write_text(
        json.dumps({"steering": entries["steering"], "mitigations": entries["mitigations"]}), encoding="utf-8"
    )
    # A stand-in producer: the run record gets a steering and a mitigations entry, as those producers write them.
    pytester.makeconftest(
        """
        import json, pathlib

        def pytest_overrefusal_record(config, record):
            record.update(json.loads(pathlib.Path(config.rootpath, "entries.json").read_text()))
        """
    )
    return pytester


@pytest.mark.parametrize("dist", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_pytest_and_cli_render_the_same_sections(project: pytest.Pytester, dist: list[str]) -> None:
    project.runpytest(*RUN, *dist, "--overrefusal-json=out.json", "--overrefusal-html=out.html")
    in_pytest = (project.path / "out.html").read_text(encoding="utf-8")
    assert main(["report", str(project.path / "out.json"), "-o", str(project.path / "cli.html")]) == 0
    from_cli = (project.path / "cli.html").read_text(encoding="utf-8")
    assert {"mitigations", "boundary"} <= set(section_ids(in_pytest))
    assert section_ids(in_pytest) == section_ids(from_cli)
    assert sections_of(in_pytest) == sections_of(from_cli)


def test_steering_section_is_the_steering_plugins(project: pytest.Pytester) -> None:
    """Without the steering plugin, the pytest report has no boundary section: the core page cannot draw it."""
    project.runpytest(*RUN, "-p", "no:overrefusal-steering", "--overrefusal-json=out.json", "--overrefusal-html=o.html")
    ids = section_ids((project.path / "o.html").read_text(encoding="utf-8"))
    assert "mitigations" in ids
    assert "boundary" not in ids
    assert "steering" in json.loads((project.path / "out.json").read_text(encoding="utf-8"))


def test_a_plugin_adds_its_own_section(pytester: pytest.Pytester) -> None:
    for name in ("assistant.suite.yaml", "responses.yaml", "thresholds.yaml"):
        shutil.copy(EXAMPLE / name, pytester.path / name)
    pytester.makeconftest(
        """
        from markupsafe import Markup
        from pytest_overrefusal.report.sections import Section

        def pytest_overrefusal_report_sections(record, source):
            n = len(record.results)
            html = Markup('<section id="dashboard"><h2>Dashboard</h2><p>{} results</p></section>').format(n)
            return [Section("dashboard", Markup("Dashboard"), html, order=50, failed=True)]
        """
    )
    pytester.runpytest(*RUN, "--overrefusal-html=out.html")
    html = (pytester.path / "out.html").read_text(encoding="utf-8")
    assert '<section id="dashboard"><h2>Dashboard</h2><p>' in html
    assert '<a href="#dashboard">Dashboard</a>' in html


class _Hook:
    def __init__(self, failed: bool) -> None:
        self.failed = failed

    def pytest_overrefusal_report_sections(self, record: RunRecord, source: str) -> list[list[Section]]:
        return [[Section("extra", Markup("Extra"), Markup('<section id="extra"></section>'), failed=self.failed)]]


def test_a_failed_section_turns_the_banner() -> None:
    record = record_of([result("a", "safe", "compliance"), result("b", "unsafe", "refusal")])
    assert not any(c["status"] == "fail" for c in record["cells"])
    for failed in (False, True):
        banner = render_html(record, hook=_Hook(failed)).split("<main", 1)[0]
        assert ("FAILED" in banner) is failed
        assert ("PASSED" in banner) is not failed
