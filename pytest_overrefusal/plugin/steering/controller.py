"""Controller side of the steering plugin: boundary data gathered from reports (any xdist worker), the
boundary baseline written at the end, the ``steering`` section of the run record, and the terminal table.
"""

from __future__ import annotations

from typing import Any

import pytest

from ..scaffold import BOUNDARY_ATTR, read_attached
from .items import fmt_alpha as _fmt
from .runtime import RUNTIME_KEY, Runtime

__all__ = ["SteeringController", "steering_results"]


class SteeringController:
    """Collects boundary data from reports (any process) and writes the baseline at the end."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data = read_attached(report, BOUNDARY_ATTR)
        if data is None:
            return
        rt = self.runtime
        record = dict(data["record"])
        record["comparison"] = data.get("comparison")
        rt.reported[str(data["key"])] = record
        if data.get("direction"):
            rt.reported_direction = data["direction"]
        if data.get("drift"):
            rt.reported_drift = data["drift"]

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        rt = self.runtime
        if not rt.boundary.update or not rt.reported or rt.boundary.baseline is None:
            return
        from ...steering.baseline import write_boundary_baseline

        direction = dict(rt.reported_direction or {})
        vector = direction.pop("vector", None)
        if vector is None:
            return
        prompts = {k: {f: v for f, v in r.items() if f != "comparison"} for k, r in rt.reported.items()}
        thresholds = {r.get("threshold") for r in prompts.values()}
        rt.written = write_boundary_baseline(
            rt.boundary.baseline,
            model={"spec": rt.steering.model, "fingerprint": direction.get("model", "")},
            direction=direction,
            vector=vector,
            prompts=prompts,
            search={
                "threshold": thresholds.pop() if len(thresholds) == 1 else None,
                "max_alpha": rt.steering.max_alpha,
                "tolerance": rt.steering.tolerance,
                "openers": list(rt.steering.openers) if rt.steering.openers else "default",
            },
        )

    @pytest.hookimpl(optionalhook=True)
    def pytest_overrefusal_record(self, config: pytest.Config, record: dict[str, Any]) -> None:
        summary = steering_results(config)
        if summary is not None:
            record["steering"] = summary

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        rt = self.runtime
        tr = terminalreporter
        if not rt.reported:
            if rt.notes:
                tr.section("overrefusal boundary")
                for note in rt.notes:
                    tr.write_line(note)
            return
        tr.section("overrefusal boundary")
        if rt.reported_direction:
            d = rt.reported_direction
            tr.write_line(
                f"direction: layer {d.get('layer')}, position {d.get('position')}, |v| {float(d.get('norm', 0)):.3f}, "
                f"{d.get('n_safe')} safe / {d.get('n_unsafe')} unsafe prompts, held-out AUROC {_num(d.get('auroc'))}"
            )
        width = max(len(k) for k in rt.reported)
        tr.write_line(f"{'prompt'.ljust(width)}  label   margin  (delta)   alpha     (change)  status")
        for key, r in sorted(rt.reported.items()):
            comp = r.get("comparison") or {}
            delta = comp.get("margin_delta")
            change = comp.get("distance_change")
            tr.write_line(
                f"{key.ljust(width)}  {r['label']:<6}  {r['margin']:+.3f}  ({_signed(delta)})  "
                f"{_fmt(r.get('alpha')):>9} ({'' if change is None else f'{change:+.0%}':>6})  "
                f"{comp.get('status', 'recorded')}"
            )
        if rt.reported_drift is not None:
            drift = rt.reported_drift
            tr.write_line(("WARNING: " if drift.get("drifted") else "") + str(drift.get("message")))
        if rt.written is not None:
            tr.write_line(f"boundary baseline written to {rt.written} ({len(rt.reported)} prompts)")


def _num(value: Any) -> str:
    return "n/a" if value is None else f"{float(value):.3f}"


def _signed(value: Any) -> str:
    return "   n/a" if value is None else f"{float(value):+.3f}"


def steering_results(config: pytest.Config) -> dict[str, Any] | None:
    """Plain data for the JSON record and the HTML report: direction, drift and per-prompt boundary results.

    None when no boundary item ran. On the controller this includes results from every xdist worker.
    """
    runtime = config.stash.get(RUNTIME_KEY, None)
    if runtime is None or not runtime.reported:
        return None
    direction = {k: v for k, v in (runtime.reported_direction or {}).items() if k != "vector"}
    prompts = [dict(record, key=key) for key, record in sorted(runtime.reported.items())]
    regressed = sum(1 for p in prompts if (p.get("comparison") or {}).get("status") == "regressed")
    return {
        "model": runtime.steering.model,
        "direction": direction,
        "drift": runtime.reported_drift,
        "baseline": None if runtime.boundary.baseline is None else str(runtime.boundary.baseline),
        "baseline_written": None if runtime.written is None else str(runtime.written),
        "prompts": prompts,
        "regressed": regressed,
    }
