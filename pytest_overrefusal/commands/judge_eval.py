"""``overrefusal judge-eval``: measure a judge against human-labelled completions.

Exit status: 0 when measured (and at or above ``--fail-under``), 1 when below ``--fail-under``,
2 on a usage error, an unreadable file or a judge that cannot be built.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from ..backends.base import Message
from ..errors import ConfigError, JudgeError, OverrefusalError
from ..judges.base import Judge, JudgeInput
from ..judges.evaluate import LabelledRow, Metrics, file_names, load_labelled, measure, strmatch_verdict
from ..registry import JUDGE_GROUP, build
from ..results import Judgement, Verdict

__all__ = ["HELP", "add_arguments", "run"]

HELP = "measure a judge's agreement with human-labelled completions (XSTest or generic CSV)"

_BATCH = 256


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="labelled CSV files (XSTest or generic layout)")
    parser.add_argument(
        "--judge", default="keywords", metavar="SPEC", help="judge to measure, NAME[:ARG] (default: keywords)"
    )
    parser.add_argument(
        "--judge-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="option passed to the judge factory, e.g. phrases=team_phrases/ (repeatable)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.add_argument("--baseline", action="store_true", help="also measure XSTest's string-match baseline")
    parser.add_argument(
        "--show-errors",
        type=int,
        default=0,
        metavar="N",
        help="list up to N disagreements with file:line, label, verdict and evidence",
    )
    parser.add_argument(
        "--fail-under",
        type=float,
        default=None,
        metavar="RATE",
        help="exit 1 when overall agreement is below RATE (0-1), e.g. 0.95",
    )


def _options(pairs: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--judge-option expects KEY=VALUE, got {pair!r}")
        out[key.strip()] = value
    return out


def _judge_rows(judge: Judge, rows: Sequence[LabelledRow]) -> list[Judgement]:
    out: list[Judgement] = []
    for start in range(0, len(rows), _BATCH):
        chunk = rows[start : start + _BATCH]
        inputs = [JudgeInput((Message("user", r.prompt),), r.completion, r.language) for r in chunk]
        got = judge.judge(inputs)
        if len(got) != len(inputs):
            raise JudgeError(f"judge {judge.name!r} returned {len(got)} verdicts for {len(inputs)} responses")
        out.extend(got)
    return out


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def _render(judge_name: str, fingerprint: str, m: Metrics, base: Metrics | None) -> str:
    lines = [f"judge: {judge_name} ({fingerprint})", f"responses: {m.n}   undetermined: {m.undetermined}", ""]
    head = f"{'':22}{judge_name:>12}" + (f"{'strmatch':>12}" if base else "")
    lines.append(head)
    for label, attr in (
        ("agreement", "agreement"),
        ("refusal precision", "precision"),
        ("refusal recall", "recall"),
        ("refusal F1", "f1"),
    ):
        row = f"{label:22}{_pct(getattr(m, attr)):>12}"
        if base:
            row += f"{_pct(getattr(base, attr)):>12}"
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
            row = f"  {key:{width}}n={tally.n:<6}{_pct(tally.agreement):>8}"
            if tally.undetermined:
                row += f"  ({tally.undetermined} undetermined)"
            if base_slices is not None:
                row += f"   strmatch {_pct(base_slices[key].agreement)}"
            lines.append(row)
    return "\n".join(lines)


def _render_errors(rows: Sequence[LabelledRow], judgements: Sequence[Judgement], limit: int) -> str:
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


def run(args: argparse.Namespace) -> int:
    try:
        if args.fail_under is not None and not 0.0 <= args.fail_under <= 1.0:
            raise ConfigError(f"--fail-under must be between 0 and 1, got {args.fail_under}")
        if args.show_errors < 0:
            raise ConfigError("--show-errors must not be negative")
        judge = build(JUDGE_GROUP, args.judge, _options(args.judge_option))
        if not isinstance(judge, Judge):
            raise JudgeError(f"judge {args.judge!r} does not provide name, fingerprint() and judge()")
        rows: list[LabelledRow] = []
        for path in args.files:
            rows.extend(load_labelled(path))
        judgements = _judge_rows(judge, rows)
    except OverrefusalError as exc:
        print(f"overrefusal judge-eval: {exc}", file=sys.stderr)
        return 2
    metrics = measure(rows, [j.verdict for j in judgements])
    base = measure(rows, [strmatch_verdict(r.completion) for r in rows]) if args.baseline else None
    if args.json:
        payload: dict[str, Any] = {"judge": str(args.judge), "fingerprint": judge.fingerprint(), **metrics.to_dict()}
        if base is not None:
            payload["baseline"] = {"name": "strmatch", **base.to_dict()}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(_render(judge.name, judge.fingerprint(), metrics, base))
        if args.show_errors:
            print(_render_errors(rows, judgements, args.show_errors))
    if args.fail_under is not None and metrics.agreement < args.fail_under:
        print(
            f"overrefusal judge-eval: agreement {metrics.agreement:.4f} is below --fail-under {args.fail_under}",
            file=sys.stderr,
        )
        return 1
    return 0
