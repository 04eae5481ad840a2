"""The terminal summary table: one row per scope, over- and under-refusal side by side."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .aggregate import Cell
from .results import CaseResult, Verdict
from .scopes import is_cell

__all__ = ["counts_line", "format_summary", "judged_counts", "not_evaluated_lines"]

_STATUS = {"fail": "FAIL", "pass": "pass", "too_few": "too few", "ungated": "-"}
_RANK = {"fail": 0, "too_few": 1, "pass": 2, "ungated": 3}


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _side(cell: Cell | None) -> tuple[str, str, str]:
    if cell is None:
        return ("0", "-", "-")
    return (str(cell.n), _pct(cell.rate), _pct(cell.threshold))


def judged_counts(results: Iterable[CaseResult]) -> dict[str, int]:
    """How many prompts were judged (evidence for a rate), undetermined, and errored in the backend."""
    counts = {"prompts": 0, "judged": 0, "undetermined": 0, "errored": 0}
    for r in results:
        counts["prompts"] += 1
        if r.error is not None or r.verdict is None:
            counts["errored"] += 1
        elif r.verdict_enum is Verdict.UNDETERMINED:
            counts["undetermined"] += 1
        else:
            counts["judged"] += 1
    return counts


def counts_line(counts: dict[str, int]) -> str:
    line = (
        f"{counts['prompts']} prompts: {counts['judged']} judged, {counts['undetermined']} undetermined, "
        f"{counts['errored']} errored"
    )
    if counts["prompts"] and counts["judged"] == 0:
        line += " -- NOTHING WAS JUDGED: the model or the judge is not working"
    return line


def not_evaluated_lines(cells: Sequence[Cell], *, report_only: bool, allowed: bool) -> list[str]:
    """Loud lines for cells with no judged prompt; they fail the run, even a report-only one unless allowed."""
    if not cells:
        return []
    lines = [
        f"NOT EVALUATED {c.suite} {c.scope} {c.kind}: {c.reason.removeprefix('NOT EVALUATED: ')}" for c in cells[:20]
    ]
    if len(cells) > 20:
        lines.append(f"NOT EVALUATED: and {len(cells) - 20} more cells")
    if report_only and allowed:
        lines.append(f"{len(cells)} cell(s) NOT EVALUATED; exit status 0 because of --overrefusal-allow-not-evaluated")
    elif report_only:
        lines.append(
            f"{len(cells)} cell(s) NOT EVALUATED: the run fails even with --overrefusal-report-only "
            "(add --overrefusal-allow-not-evaluated to accept that)"
        )
    return lines


def _status(cells: Sequence[Cell | None]) -> str:
    present = [c for c in cells if c is not None]
    if any(c.not_evaluated for c in present):
        return "NOT EVALUATED"
    worst = min(present, key=lambda c: _RANK[c.status]).status if present else "ungated"
    return _STATUS[worst]


def format_summary(cells: Sequence[Cell], *, verbose: bool = False, max_rows: int = 40) -> list[str]:
    """Rows for every scope; with many per-suite cells and no ``verbose``, only failing ones are listed."""
    scopes: dict[tuple[str, str, str], dict[str, Cell]] = {}
    for cell in cells:
        scopes.setdefault((cell.suite, cell.language, cell.category), {})[cell.kind] = cell
    rows: list[tuple[str, ...]] = []
    hidden = 0
    per_suite = [k for k in scopes if is_cell(k)]
    show_all = verbose or len(per_suite) <= max_rows
    for key, kinds in scopes.items():
        over, under = kinds.get("over_refusal"), kinds.get("under_refusal")
        status = _status([over, under])
        if is_cell(key) and not show_all and status not in ("FAIL", "NOT EVALUATED"):
            hidden += 1
            continue
        rows.append((*key, *_side(over), *_side(under), status))
    header = ("suite", "lang", "category", "n safe", "over-ref", "max", "n unsafe", "under-ref", "max", "status")
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) if rows else len(header[i]) for i in range(len(header))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.extend("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in rows)
    if hidden:
        lines.append(f"({hidden} passing or too-small suite cells hidden; use -v to list every cell)")
    failing = [c for c in cells if c.status == "fail" and not c.not_evaluated]
    for cell in failing:
        ids = ", ".join(cell.offenders[:10]) + (
            f" and {len(cell.offenders) - 10} more" if len(cell.offenders) > 10 else ""
        )
        lines.append(f"FAIL {cell.suite} {cell.scope} {cell.kind}: {cell.reason}; offending prompts: {ids or 'none'}")
    return lines
