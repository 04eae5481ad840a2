"""The controller-side session: gathers results from test reports, gates, and writes outputs.

Registered only on the controller (never on xdist workers). Per-prompt results arrive as plain dicts on
test reports, so a run with ``-n 2`` sees exactly the data a run without xdist sees. Thresholds are
enforced here, in ``pytest_sessionfinish``, from the complete set of results: rate items may have
been deselected, and under xdist each worker saw only part of the run.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest

from .aggregate import Cell, compute_cells
from .errors import OverrefusalError
from .plugin import State
from .record import build_record, write_json
from .results import CaseResult
from .summary import format_summary

__all__ = ["ControllerSession"]


class ControllerSession:
    def __init__(self, config: pytest.Config, state: State) -> None:
        self.config = config
        self.state = state
        self.results: dict[tuple[str, str], CaseResult] = {}
        self.cells: list[Cell] = []
        self.record: dict[str, Any] | None = None
        self.comparison: Any = None
        self.messages: list[str] = []
        self.started = dt.datetime.now(dt.timezone.utc)
        self._t0 = time.monotonic()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data = getattr(report, "overrefusal", None)
        if isinstance(data, dict) and "result" in data:
            result = CaseResult.from_dict(data["result"])
            self.results[result.key] = result
            self.config.hook.pytest_overrefusal_result(config=self.config, result=result)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if not self.results:
            return
        state = self.state
        results = list(self.results.values())
        self.cells = compute_cells(results, state.thresholds)
        runner = state.runner
        backend, judge = runner.backend, runner.judge
        suites = _suite_info(results)
        self.record = build_record(
            model=state.settings.model,
            model_fingerprint=_safe_fingerprint(backend),
            judge=state.settings.judge,
            judge_fingerprint=_safe_fingerprint(judge),
            started=self.started.isoformat(timespec="seconds"),
            duration=time.monotonic() - self._t0,
            suites=suites,
            settings=state.settings.generation,
            system_prompt=state.settings.system_prompt,
            thresholds=state.thresholds,
            results=results,
            cells=self.cells,
        )
        failed = [c for c in self.cells if c.status == "fail"]
        regressed = self._compare(results)
        if state.settings.xsb.triggers:
            self._triggers(results)
        if state.settings.mitigations:
            self._mitigate(results)
        self.config.hook.pytest_overrefusal_record(config=self.config, record=self.record)
        try:
            self._write_outputs()
        except OverrefusalError as exc:
            self.messages.append(f"could not write outputs: {exc}")
        except OSError as exc:
            self.messages.append(f"could not write outputs: {exc}")
        if (failed or regressed) and not state.settings.report_only and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def _mitigate(self, results: list[CaseResult]) -> None:
        """XSB-style diagnostics: which rewording of a refused safe prompt restores compliance."""
        assert self.record is not None
        components = self.state.runner.components()
        if components is None:
            self.messages.append(f"mitigations skipped: {self.state.runner.setup_error}")
            return
        from .steering.mitigation import diagnose_mitigations

        backend, judge = components
        data = diagnose_mitigations(results, backend, judge, settings=self.state.settings.generation)
        self.record["mitigations"] = data
        from .steering.attributor import attention_steering_for_run

        cache = Path(self.config.rootpath) / ".overrefusal-cache" / "steering"
        self.messages.append(attention_steering_for_run(data, results, self.state.settings, judge, cache))
        restored = data.get("restored", {})
        self.messages.append(
            f"mitigations: {restored.get('either', 0)} of {data.get('candidates', 0)} refused safe prompts with focus "
            f"words restored (harmless sense {restored.get('harmless_sense', 0)}, "
            f"rephrased {restored.get('rephrased', 0)})"
        )

    def _triggers(self, results: list[CaseResult]) -> None:
        """The suite-level trigger table and focus agreement, from the triggers each result carries."""
        from .steering.attributor import section

        assert self.record is not None
        data = section(results)
        self.record["triggers"] = data
        rate = data["agreement"]["rate"]
        self.messages.append(
            f"triggers: {len(data['prompts'])} of {data['candidates']} refused safe prompts attributed "
            f"({', '.join(data['methods']) or 'none'})"
            + ("" if rate is None else f"; top-1 agrees with the focus words for {rate:.0%} of annotated prompts")
        )

    def _compare(self, results: list[CaseResult]) -> bool:
        baseline = self.state.baseline
        if baseline is None or self.record is None:
            return False
        from .baseline import compare

        settings = self.state.settings
        self.comparison = compare(
            baseline,
            results,
            self.cells,
            settings.baseline_tolerance,
            settings.baseline_alpha,
            model_fingerprint=self.record["model_fingerprint"],
            judge_fingerprint=self.record["judge_fingerprint"],
        )
        self.record["regressions"] = self.comparison.to_dict()
        return bool(self.comparison.regressed)

    def _write_outputs(self) -> None:
        settings = self.state.settings
        assert self.record is not None
        if settings.json_path is not None:
            write_json(settings.json_path, self.record)
            self.messages.append(f"results written to {settings.json_path}")
        if settings.html_path is not None:
            from .report.html import render_html, write_html

            write_html(settings.html_path, render_html(self.record, self.record.get("regressions")))
            self.messages.append(f"HTML report written to {settings.html_path}")
        if settings.update_baseline:
            from .baseline import make_baseline, save_baseline

            target = settings.baseline or Path(self.config.rootpath) / "overrefusal-baseline.json"
            save_baseline(target, make_baseline(self.record))
            self.messages.append(f"baseline written to {target}")

    def pytest_terminal_summary(self, terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
        if not self.cells:
            return
        state = self.state
        terminalreporter.section(f"overrefusal: {state.settings.model} judged by {state.settings.judge}")
        for line in format_summary(self.cells, verbose=config.getoption("verbose") > 0):
            terminalreporter.write_line(line)
        errors = sum(1 for r in self.results.values() if r.error is not None)
        if errors:
            terminalreporter.write_line(
                f"{errors} prompt(s) had backend errors and are excluded from every rate", red=True
            )
        if self.comparison is not None:
            comparison = self.comparison
            terminalreporter.write_line(comparison.summary(), red=comparison.regressed)
            for change in (*comparison.prompt_regressions, *comparison.cell_regressions):
                terminalreporter.write_line(f"REGRESSION {change.key}: {change.message}", red=True)
        for message in self.messages:
            terminalreporter.write_line(message)


def _safe_fingerprint(component: Any) -> str | None:
    if component is None:
        return None
    try:
        return str(component.fingerprint())
    except Exception as exc:  # a fingerprint failure must not lose the run's results
        return f"unavailable: {exc}"


def _suite_info(results: list[CaseResult]) -> list[dict[str, Any]]:
    """Name, version, path and run size of each suite; read from the files because under xdist the
    controller collects nothing itself."""
    from .suite import load_suite

    out: dict[str, dict[str, Any]] = {}
    for path in sorted({r.file for r in results}):
        try:
            suite = load_suite(path)
            name, version = suite.name, suite.version
        except OverrefusalError:
            name, version = next(r.suite for r in results if r.file == path), None
        out[name] = {"name": name, "version": version, "path": path, "n": sum(1 for r in results if r.file == path)}
    return sorted(out.values(), key=lambda s: str(s["name"]))
