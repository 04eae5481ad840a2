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

from ..aggregate import Cell, compute_cells
from ..early_stop import stopped_line
from ..errors import OverrefusalError, unexpected
from ..record import build_record, write_json
from ..results import CaseResult
from ..summary import counts_line, format_summary, judged_counts, not_evaluated_lines
from . import xdist_compat
from .scaffold import RESULT_ATTR, SAMPLING_KEY, debug, read_attached
from .state import State

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
        self.sampling: dict[str, Any] | None = None
        self.failed_outputs = False  # a requested output could not be written
        self.not_evaluated: list[Cell] = []
        self.started = dt.datetime.now(dt.timezone.utc)
        self._t0 = time.monotonic()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data = read_attached(report, RESULT_ATTR)
        if data is not None and "result" in data:
            result = CaseResult.from_dict(data["result"])
            self.results[result.key] = result
            self.config.hook.pytest_overrefusal_result(config=self.config, result=result)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        """Under xdist the controller collects nothing: a worker tells it what the sample was drawn from."""
        sampling = xdist_compat.node_output(node, SAMPLING_KEY)
        if isinstance(sampling, dict) and self.sampling is None:
            self.sampling = sampling

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if not self.results:
            return
        try:
            self._finish(session)
        except Exception as exc:
            if debug(self.config):
                raise
            # Never an INTERNALERROR, and never a pass: the gate could not be computed.
            self.messages.append(unexpected("the session's gate and outputs", exc))
            self.failed_outputs = True
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def _finish(self, session: pytest.Session) -> None:
        state = self.state
        results = list(self.results.values())
        self.cells = compute_cells(results, state.thresholds)
        runner = state.runner
        backend, judge = runner.backend or _controller_backend(state), runner.judge
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
        self._record_sampling()
        replay_source = getattr(backend, "replay_source", None)
        if callable(replay_source):  # the answers were read from a file, not generated (replay backend)
            self.record["replayed"] = replay_source()
        failed = [c for c in self.cells if c.status == "fail"]
        regressed = self._compare(results)
        if state.settings.xsb.triggers:
            self._triggers(results)
        if state.settings.mitigations:
            self._mitigate(results)
        self.config.hook.pytest_overrefusal_record(config=self.config, record=self.record)
        self._write_outputs()
        self.not_evaluated = [c for c in self.cells if c.not_evaluated]
        gate_fails = bool(failed or regressed) and not state.settings.report_only
        # Report-only never fails on rates, but a cell nobody judged is no report at all: that still
        # fails unless the user says, explicitly, that it may not.
        unjudged_fails = bool(self.not_evaluated) and not self.config.getoption("overrefusal_allow_not_evaluated")
        if (gate_fails or unjudged_fails or self.failed_outputs) and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def _record_sampling(self) -> None:
        """A sampled run says so: the sample's size and seed, and "k of n" prompts per cell."""
        assert self.record is not None
        sample = self.state.sample
        sampling = sample.to_dict() if sample is not None else self.sampling
        if sampling is None:
            return
        from ..stratified import population_by_scope

        self.record["sampling"] = sampling
        population = population_by_scope(sampling["population_cells"])
        for cell in self.record["cells"]:
            label = "safe" if cell["kind"] == "over_refusal" else "unsafe"
            cell["population"] = population.get((cell["suite"], cell["language"], cell["category"], label), 0)
        self.messages.insert(
            0,
            f"sampled {sampling['selected']} of {sampling['population']} prompts (seed {sampling['seed']}, "
            f"stratified over {sampling['strata']} strata; contrast twins kept together)",
        )

    def _mitigate(self, results: list[CaseResult]) -> None:
        """XSB-style diagnostics: which rewording of a refused safe prompt restores compliance."""
        assert self.record is not None
        components = self.state.runner.components()
        if components is None:
            self.messages.append(f"mitigations skipped: {self.state.runner.setup_error}")
            return
        from ..steering.mitigation import diagnose_mitigations

        backend, judge = components
        data = diagnose_mitigations(
            results, backend, judge, settings=self.state.settings.generation, runner=self.state.runner
        )
        self.record["mitigations"] = data
        from ..steering.attributor import attention_steering_for_run

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
        from ..steering.attributor import section

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
        from ..baseline import compare

        settings = self.state.settings
        self.comparison = compare(
            baseline,
            results,
            self.cells,
            settings.baseline_tolerance,
            settings.baseline_alpha,
            model_fingerprint=self.record["model_fingerprint"],
            judge_fingerprint=self.record["judge_fingerprint"],
            correction=settings.baseline_correction,
        )
        self.record["regressions"] = self.comparison.to_dict()
        return bool(self.comparison.regressed)

    def _write_outputs(self) -> None:
        """Write every requested output; one that cannot be written fails the run, naming option and path."""
        settings = self.state.settings
        record = self.record
        assert record is not None

        def write(option: str, target: Path, action: Any, done: str) -> None:
            try:
                action()
            except (OSError, OverrefusalError) as exc:
                reason = getattr(exc, "strerror", None) or " ".join(str(exc).split())
                self.messages.append(f"{option}: could not write {target}: {reason}")
                self.failed_outputs = True
            else:
                self.messages.append(f"{done} {target}")

        if settings.json_path is not None:
            write(
                "--overrefusal-json",
                settings.json_path,
                lambda: write_json(settings.json_path, record),
                "results written to",
            )
        if settings.html_path is not None:
            from ..report.html import render_html, write_html

            html_path = settings.html_path
            write(
                "--overrefusal-html",
                html_path,
                lambda: write_html(html_path, render_html(record, record.get("regressions"), hook=self.config.hook)),
                "HTML report written to",
            )
        if settings.update_baseline:
            from ..baseline import make_baseline, save_baseline

            target = settings.baseline or Path(self.config.rootpath) / "overrefusal-baseline.json"
            write(
                "--overrefusal-update-baseline",
                target,
                lambda: save_baseline(target, make_baseline(record)),
                "baseline written to",
            )

    def pytest_terminal_summary(self, terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
        try:
            self._summary(terminalreporter, config)
        except Exception as exc:
            if debug(config):
                raise
            terminalreporter.write_line(unexpected("the terminal summary", exc), red=True)

    def _summary(self, terminalreporter: Any, config: pytest.Config) -> None:
        if not self.cells:
            for message in self.messages:
                terminalreporter.write_line(message, red=self.failed_outputs)
            return
        state = self.state
        terminalreporter.section(f"overrefusal: {state.settings.model} judged by {state.settings.judge}")
        replayed = (self.record or {}).get("replayed")
        if replayed:
            models = ", ".join(replayed["models"]) or "model unknown"
            terminalreporter.write_line(
                f"answers replayed from {replayed['path']} (sha256 {replayed['sha256'][:12]}, {models}), not generated"
            )
        counts = judged_counts(self.results.values())
        terminalreporter.write_line(counts_line(counts), red=counts["judged"] == 0, bold=True)
        for line in format_summary(self.cells, verbose=config.getoption("verbose") > 0):
            terminalreporter.write_line(line)
        if self.record is not None and "escalated" in self.record:
            judged = sum(1 for r in self.results.values() if r.verdict is not None)
            terminalreporter.write_line(
                f"cascade judge: {self.record['escalated']} of {judged} verdict(s) escalated to the second judge"
            )
        if line := stopped_line(self.results.values()):
            terminalreporter.write_line(line)
        errors = counts["errored"]
        if errors:
            terminalreporter.write_line(
                f"{errors} prompt(s) had backend errors and are excluded from every rate", red=True
            )
        for line in not_evaluated_lines(
            self.not_evaluated,
            report_only=state.settings.report_only,
            allowed=bool(config.getoption("overrefusal_allow_not_evaluated")),
        ):
            terminalreporter.write_line(line, red=True, bold=True)
        if self.comparison is not None:
            comparison = self.comparison
            terminalreporter.write_line(comparison.summary(), red=comparison.regressed)
            for change in (*comparison.prompt_regressions, *comparison.cell_regressions):
                terminalreporter.write_line(f"REGRESSION {change.key}: {change.message}", red=True)
        for message in self.messages:
            terminalreporter.write_line(message, red=message.startswith(("--overrefusal-", "overrefusal: unexpected")))


def _controller_backend(state: State) -> Any:
    """Under xdist the controller generates nothing and has no backend. One whose factory says it is
    cheap to build (``replay`` reads a file) is built here, so the record has its fingerprint and says
    where replayed answers came from."""
    from ..registry import BACKEND_GROUP, parse_spec, resolve_factory

    try:
        spec = parse_spec(state.settings.model)
        factory = resolve_factory(BACKEND_GROUP, spec.name)
        if not getattr(factory, "cheap_to_build", False):
            return None
        return factory(spec.arg, dict(state.settings.model_options))
    except OverrefusalError:
        return None


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
    from ..suite import load_suite

    out: dict[str, dict[str, Any]] = {}
    for path in sorted({r.file for r in results}):
        try:
            suite = load_suite(path)
            name, version = suite.name, suite.version
        except OverrefusalError:
            name, version = next(r.suite for r in results if r.file == path), None
        out[name] = {"name": name, "version": version, "path": path, "n": sum(1 for r in results if r.file == path)}
    return sorted(out.values(), key=lambda s: str(s["name"]))
