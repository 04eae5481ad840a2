"""The steering plugin's report section: the refusal boundary (the run record's ``steering`` entry).

The steering plugin writes the entry in its ``pytest_overrefusal_record`` and registers this module as
a section provider; ``overrefusal report`` finds it through ``report.sections.PROVIDERS``. The core
report knows nothing of the entry's shape: it is read here, through ``SectionReader`` (a malformed
entry is one ``ReportDataError`` naming its path), and rendered from ``templates/boundary.html.j2``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..report.format import highlight, render_template
from ..report.reader import SectionReader
from ..report.sections import Section, hookimpl
from ..results import CaseResult

if TYPE_CHECKING:
    from ..record import RunRecord

__all__ = ["boundary_context", "pytest_overrefusal_report_sections"]


# A change that prints as +0.000 (or 0%) is not shown as a movement.
_STILL = 0.0005


def _toward(delta: float | None, change: float | None, refused: bool | None) -> tuple[str, str]:
    """Which way the margin and the boundary distance moved since the baseline: "refusal", "compliance" or "".

    The margin rises toward the average unsafe prompt. The distance is measured on the side the prompt
    is on: for an answered prompt a shorter distance is closer to refusal, for a refused one closer to
    compliance.
    """
    by_margin = by_distance = ""
    if delta is not None and abs(delta) >= _STILL:
        by_margin = "refusal" if delta > 0 else "compliance"
    if change is not None and abs(change) >= _STILL and refused is not None:
        by_distance = "refusal" if (change < 0) != refused else "compliance"
    return by_margin, by_distance


def _movement(by_margin: str, by_distance: str) -> str:
    votes = {v for v in (by_margin, by_distance) if v}
    if not votes:
        return "none"
    return votes.pop() if len(votes) == 1 else "mixed"


def _boundary_prompt(
    read: SectionReader, raw: Any, where: str, lookup: Mapping[tuple[str, str], CaseResult]
) -> dict[str, Any]:
    p = read.obj(raw, where)
    suite, pid = read.text(p.get("suite"), f"{where}.suite"), read.text(p.get("id"), f"{where}.id")
    label = read.text(p.get("label"), f"{where}.label")
    margin = read.num(p.get("margin"), f"{where}.margin")
    alpha = read.num(p.get("alpha"), f"{where}.alpha")
    distance = read.num(p.get("distance"), f"{where}.distance")
    if distance is None and alpha is not None:
        distance = abs(alpha)
    refused = read.flag(p.get("refused"), f"{where}.refused")
    comparison = read.opt_obj(p.get("comparison"), f"{where}.comparison")
    status = "recorded"
    reasons: list[str] = []
    delta = change = None
    if comparison is not None:
        status = read.text(comparison.get("status"), f"{where}.comparison.status") or "recorded"
        reasons = read.words(comparison.get("reasons"), f"{where}.comparison.reasons")
        delta = read.num(comparison.get("margin_delta"), f"{where}.comparison.margin_delta")
        change = read.num(comparison.get("distance_change"), f"{where}.comparison.distance_change")
    by_margin, by_distance = _toward(delta, change, refused)
    moved = _movement(by_margin, by_distance)
    original = lookup.get((suite, pid))
    file, line = read.text(p.get("file"), f"{where}.file"), read.text(p.get("line"), f"{where}.line")
    return {
        "key": read.text(p.get("key"), f"{where}.key") or f"{suite}::{pid}",
        "suite": suite,
        "id": pid,
        "label": label,
        "language": read.text(p.get("language"), f"{where}.language"),
        "category": read.text(p.get("category"), f"{where}.category"),
        "where": f"{file}:{line}" if file else "",
        "prompt_html": None if original is None else highlight(original.prompt, original.focus),
        "margin": margin,
        "baseline_margin": None if margin is None or delta is None else margin - delta,
        "margin_delta": delta,
        "alpha": alpha,
        "distance": distance,
        "distance_change": change,
        "max_alpha": read.num(p.get("max_alpha"), f"{where}.max_alpha"),
        "score": read.num(p.get("score"), f"{where}.score"),
        "threshold": read.num(p.get("threshold"), f"{where}.threshold"),
        "refused": refused,
        "status": status,
        "reasons": reasons,
        "moved": moved,
        "margin_toward": by_margin,
        "distance_toward": by_distance,
        # A safe prompt drifting toward refusal is the over-refusal early warning; an unsafe one toward compliance
        # is its mirror. Either is flagged even when it stays within the tolerances.
        "concern": (label == "safe" and moved == "refusal") or (label == "unsafe" and moved == "compliance"),
    }


def boundary_context(
    data: Any, lookup: Mapping[tuple[str, str], CaseResult], read: SectionReader
) -> dict[str, Any] | None:
    if data is None:
        return None
    s = read.obj(data, "steering")
    direction = read.opt_obj(s.get("direction"), "steering.direction") or {}
    drift_raw = read.opt_obj(s.get("drift"), "steering.drift")
    drift = None
    if drift_raw is not None:
        drift = {
            "cosine": read.num(drift_raw.get("cosine"), "steering.drift.cosine"),
            "threshold": read.num(drift_raw.get("threshold"), "steering.drift.threshold"),
            "drifted": bool(read.flag(drift_raw.get("drifted"), "steering.drift.drifted")),
            "message": read.text(drift_raw.get("message"), "steering.drift.message"),
            "layer": read.text(drift_raw.get("layer"), "steering.drift.layer"),
            "baseline_layer": read.text(drift_raw.get("baseline_layer"), "steering.drift.baseline_layer"),
            "position": read.text(drift_raw.get("position"), "steering.drift.position"),
            "baseline_position": read.text(drift_raw.get("baseline_position"), "steering.drift.baseline_position"),
        }
    prompts = [
        _boundary_prompt(read, raw, f"steering.prompts[{i}]", lookup)
        for i, raw in enumerate(read.seq(s.get("prompts"), "steering.prompts"))
    ]
    # Nearest the boundary first; prompts that never flipped within max_alpha are the farthest.
    prompts.sort(key=lambda r: (r["distance"] is None, r["distance"] or 0.0, r["key"]))
    regressed_raw = s.get("regressed")
    regressed = (
        read.count(regressed_raw, "steering.regressed")
        if regressed_raw is not None
        else sum(1 for r in prompts if r["status"] == "regressed")
    )
    thresholds = sorted({r["threshold"] for r in prompts if r["threshold"] is not None})
    compared = [r for r in prompts if r["status"] in ("pass", "regressed")]
    reached = [r for r in prompts if r["distance"] is not None]
    return {
        "model": read.text(s.get("model"), "steering.model"),
        "layer": read.text(direction.get("layer"), "steering.direction.layer"),
        "position": read.text(direction.get("position"), "steering.direction.position"),
        "auroc": read.num(direction.get("auroc"), "steering.direction.auroc"),
        "separation": read.num(direction.get("separation"), "steering.direction.separation"),
        "n_safe": read.text(direction.get("n_safe"), "steering.direction.n_safe"),
        "n_unsafe": read.text(direction.get("n_unsafe"), "steering.direction.n_unsafe"),
        "hidden_size": read.text(direction.get("hidden_size"), "steering.direction.hidden_size"),
        "fingerprint": read.text(direction.get("model"), "steering.direction.model"),
        "drift": drift,
        "baseline": read.text(s.get("baseline"), "steering.baseline"),
        "baseline_written": read.text(s.get("baseline_written"), "steering.baseline_written"),
        "regressed": regressed,
        "prompts": prompts,
        "n_safe_prompts": sum(1 for r in prompts if r["label"] == "safe"),
        "n_unsafe_prompts": sum(1 for r in prompts if r["label"] == "unsafe"),
        "compared": len(compared),
        "toward_refusal": sum(1 for r in prompts if r["label"] == "safe" and r["moved"] == "refusal"),
        "toward_compliance": sum(1 for r in prompts if r["label"] == "unsafe" and r["moved"] == "compliance"),
        "nearest": reached[0] if reached else None,
        "thresholds": thresholds,
    }


@hookimpl
def pytest_overrefusal_report_sections(record: RunRecord, source: str) -> list[Section] | None:
    st = boundary_context(record.extra("steering"), record.by_key, SectionReader(source))
    if not st:
        return None
    warn = st["regressed"] or (st["drift"] and st["drift"]["drifted"])
    count = (
        Markup(' <span class="count warn">!</span>')
        if warn
        else Markup(' <span class="count">{}</span>').format(len(st["prompts"]))
    )
    tile = None
    if st["regressed"]:
        tile = Markup(
            '<div class="tile tile-fail">\n      <div class="tile-label">Boundary regressions</div>\n'
            '      <div class="tile-value">{}</div>\n      <div class="tile-note">prompts that moved toward the wrong '
            'side of the refusal boundary · <a href="#boundary">details</a></div>\n    </div>'
        ).format(st["regressed"])
    html = render_template("pytest_overrefusal.steering:boundary.html.j2", {"st": st})
    # Boundary regressions fail their pytest items, so the page's banner must not say PASSED over them.
    return [Section("boundary", Markup("Boundary") + count, html, order=300, tile=tile, failed=bool(st["regressed"]))]
