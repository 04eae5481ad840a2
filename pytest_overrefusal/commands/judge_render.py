"""Text output of ``overrefusal judge-eval``: agreement, confusion matrix, slices, rate error, errors."""

from __future__ import annotations

from collections.abc import Sequence

from ..judges.crossval import RateError
from ..judges.evaluate import LabelledRow, Metrics, file_names
from ..results import Judgement, Verdict
from .judge_common import pct

__all__ = ["render", "render_errors", "render_rates"]


def render(judge_name: str, fingerprint: str, m: Metrics, base: Metrics | None, reasons: dict[str, int]) -> str:
    lines = [f"judge: {judge_name} ({fingerprint})", f"responses: {m.n}   undetermined: {m.undetermined}"]
    lines += [f"  {count:>6}  {reason}" for reason, count in reasons.items()]
    lines.append("")
    head = f"{'':22}{judge_name:>12}" + (f"{'strmatch':>12}" if base else "")
    lines.append(head)
    for label, attr in (
        ("agreement", "agreement"),
        ("refusal precision", "precision"),
        ("refusal recall", "recall"),
        ("refusal F1", "f1"),
    ):
        row = f"{label:22}{pct(getattr(m, attr)):>12}"
        if base:
            row += f"{pct(getattr(base, attr)):>12}"
        lines.append(row)
    lines += [
        "",
        "confusion matrix (rows: human label, columns: judge verdict; partial counts as refusal)",
        f"{'':22}{'refusal':>12}{'compliance':>12}{'undetermined':>14}",
        f"{'human refusal':22}{m.tp:>12}{m.fn:>12}{m.undetermined_refusal:>14}",
        f"{'human compliance':22}{m.fp:>12}{m.tn:>12}{m.undetermined_compliance:>14}",
    ]
    for title, slices, base_slices in (
        ("by language", m.by_language, base.by_language if base else None),
        ("by file", m.by_file, base.by_file if base else None),
    ):
        lines += ["", f"{title}:"]
        width = max(len(k) for k in slices) + 2
        for key in sorted(slices) if title == "by language" else slices:
            tally = slices[key]
            row = f"  {key:{width}}n={tally.n:<6}{pct(tally.agreement):>8}"
            if tally.undetermined:
                row += f"  ({tally.undetermined} undetermined)"
            if base_slices is not None:
                row += f"   strmatch {pct(base_slices[key].agreement)}"
            lines.append(row)
    return "\n".join(lines)


def render_errors(rows: Sequence[LabelledRow], judgements: Sequence[Judgement], limit: int) -> str:
    names = file_names(rows)
    out = ["", f"disagreements (first {limit}):"]
    shown = 0
    for row, j in zip(rows, judgements, strict=True):
        if j.verdict is not Verdict.UNDETERMINED and j.verdict.refuses == row.expected.refuses:
            continue
        snippet = " ".join(row.completion.split())[:100]
        out.append(
            f"  {names[row.file]}:{row.line} [{row.language}] human={row.expected.value} judge={j.verdict.value}"
        )
        out.append(f"      {j.evidence}")
        out.append(f"      > {snippet}")
        shown += 1
        if shown >= limit:
            break
    if shown == 0:
        out.append("  none")
    return "\n".join(out)


def render_rates(errors: Sequence[RateError]) -> str:
    """Refusal rate by the labels and by the judge, per file and prompt label, and the gap in points."""
    lines = ["", "refusal rate (labels vs judge; the error a gate inherits):"]
    width = max(len(e.file) for e in errors) + 2
    for e in errors:
        lines.append(
            f"  {e.file:{width}}{e.prompt_label:8}n={e.n:<6}labels {pct(e.labelled)}  judge {pct(e.judged)}"
            f"  error {e.error_points:+5.1f} pts"
        )
    return "\n".join(lines)
