"""``overrefusal report RESULTS.json -o report.html``: the HTML report from saved results, with no model.

With ``--baseline`` the comparison is recomputed from the record's results and cells; without it, a
comparison stored in the record (``regressions``) is shown as it was.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..baseline import DEFAULT_ALPHA, DEFAULT_TOLERANCE, compare, load_baseline, make_baseline, save_baseline
from ..errors import OverrefusalError
from ..record import read_record
from ..regression import CORRECTIONS, DEFAULT_CORRECTION

__all__ = ["HELP", "add_arguments", "run"]

HELP = "render the self-contained HTML report from a saved results file (--overrefusal-json), optionally vs a baseline"


def _rate(value: str, name: str, low_open: bool) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{name} must be a number, got {value!r}") from None
    if not (0.0 < x < 1.0 if low_open else 0.0 <= x <= 1.0):
        allowed = "in (0, 1)" if low_open else "between 0 and 1"
        raise argparse.ArgumentTypeError(f"{name} must be {allowed}, got {value}")
    return x


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = HELP
    add = parser.add_argument
    add("results", metavar="RESULTS.json", help="a results file written with --overrefusal-json")
    add("-o", "--output", required=True, metavar="REPORT.html", help="where to write the HTML report")
    add("--baseline", metavar="BASELINE.json", help="compare with this baseline (recomputed from the results)")
    add(
        "--tolerance",
        type=lambda v: _rate(v, "--tolerance", False),
        default=DEFAULT_TOLERANCE,
        metavar="RATE",
        help=f"absolute rise of a cell's rate flagged as a regression without a significance test "
        f"(default: {DEFAULT_TOLERANCE:g})",
    )
    add(
        "--alpha",
        type=lambda v: _rate(v, "--alpha", True),
        default=DEFAULT_ALPHA,
        metavar="P",
        help=f"significance level of the one-sided paired test, across all cells (default: {DEFAULT_ALPHA:g})",
    )
    add(
        "--correction",
        choices=CORRECTIONS,
        default=DEFAULT_CORRECTION,
        help=f"adjustment for testing many cells: holm, bh or none (default: {DEFAULT_CORRECTION})",
    )
    add("--save-baseline", metavar="BASELINE.json", help="also write these results as a new baseline")


def run(args: argparse.Namespace) -> int:
    from ..report.html import render_html, write_html

    try:
        record = read_record(args.results)
        comparison: dict[str, Any] | None = None
        if args.baseline:
            baseline = load_baseline(args.baseline)
            comparison = compare(
                baseline,
                record.results,
                record.cells,
                args.tolerance,
                args.alpha,
                model_fingerprint=record.info.model_fingerprint,
                judge_fingerprint=record.info.judge_fingerprint,
                correction=args.correction,
            ).to_dict()
        else:
            comparison = dict(record.regressions) if record.regressions is not None else None
        html = render_html(record, comparison, source=args.results)
    except OverrefusalError as exc:
        print(" ".join(str(exc).split()), file=sys.stderr)
        return 1
    try:
        write_html(args.output, html)
        if args.save_baseline:
            save_baseline(args.save_baseline, make_baseline(record))
    except OSError as exc:
        print(f"cannot write {exc.filename or args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    failing_cells = sum(1 for c in record.cells if c.status == "fail")
    failing = sum(
        1
        for r in record.results
        if r.error is not None or r.verdict in (None, "undetermined") or r.matches_label is False
    )
    line = f"{args.output}: {len(record.results)} prompts, {failing} not as expected, {failing_cells} failing cells"
    if comparison is not None:
        line += f"; {comparison.get('summary') or 'compared with a baseline'}"
    print(line)
    if args.save_baseline:
        print(f"baseline written to {args.save_baseline}")
    return 0
