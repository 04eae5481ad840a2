"""``overrefusal judge-eval``: measure a judge against human-labelled completions, cross-validate a
learned judge by holding out whole sources (``--cross-validate``), or calibrate the logprob judge's
threshold for a model (``--calibrate-logprob MODEL_SPEC``, judge_calibrate.py).

Exit status: 0 when measured (and at or above ``--fail-under``), 1 when below ``--fail-under``,
2 on a usage error, an unreadable file or a judge that cannot be built.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from ..errors import ConfigError, OverrefusalError
from ..judges.base import Judge
from ..judges.crossval import GROUPINGS, LEARNED, cross_validate, rate_errors
from ..judges.evaluate import LabelledRow, load_labelled, measure, strmatch_verdict
from ..registry import parse_spec
from ..results import Judgement
from ..settings import DEFAULT_JUDGE
from .judge_calibrate import add_calibration_arguments, run_calibration
from .judge_common import build_judge, close, evenly_spaced, judge_rows, options, undetermined_reasons
from .judge_render import render, render_errors, render_rates

__all__ = ["HELP", "add_arguments", "run"]

HELP = "measure a judge's agreement with human-labelled completions (XSTest or generic CSV)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="labelled CSV files (XSTest or generic layout)")
    parser.add_argument(
        "--judge",
        default=DEFAULT_JUDGE,
        metavar="SPEC",
        help=f"judge to measure, NAME[:ARG] (default: {DEFAULT_JUDGE})",
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
        "--sample",
        type=int,
        default=None,
        metavar="N",
        help="judge only N evenly spaced rows of each file (for slow model judges); the same rows every time",
    )
    parser.add_argument(
        "--fail-under",
        type=float,
        default=None,
        metavar="RATE",
        help="exit 1 when overall agreement is below RATE (0-1), e.g. 0.95",
    )
    cv = parser.add_argument_group(
        "cross-validation",
        "For a judge fitted to data (classifier, combined): hold out each group of FILES in turn, train on the "
        "rest (and on --train-also), and report the held-out verdicts.",
    )
    cv.add_argument("--cross-validate", action="store_true", help="report held-out figures, one fit per group")
    cv.add_argument(
        "--cv-group",
        choices=GROUPINGS,
        default="file",
        help="what is held out together: a file (one model; default), a voice (across files), or a language",
    )
    cv.add_argument(
        "--train-also",
        nargs="+",
        default=[],
        metavar="FILE",
        help="labelled files always in training and never measured (e.g. judge-corpus/*.csv)",
    )
    cv.add_argument("--cv-c", type=float, default=None, metavar="C", help="inverse regularisation for each fit")
    cv.add_argument(
        "--cv-max-chars", type=int, default=None, metavar="N", help="answer characters each fit reads (default 600)"
    )
    add_calibration_arguments(parser)


def _cross_validated(args: argparse.Namespace, rows: list[LabelledRow], judge_options: dict[str, str]) -> Judge:
    """A stand-in judge whose verdicts for ``rows`` come from held-out fits; built per fold."""
    spec = parse_spec(args.judge)
    if spec.name not in LEARNED:
        raise ConfigError(
            f"--cross-validate applies to judges fitted to data ({', '.join(LEARNED)}), not {spec.name!r}"
        )
    from ..judges.classifier import ClassifierJudge, ClassifierModel

    extra: list[LabelledRow] = []
    for path in args.train_also:
        extra.extend(load_labelled(path))
    build: Callable[[ClassifierModel], Judge]
    if spec.name == "classifier":
        threshold = judge_options.get("threshold")

        def build(model: ClassifierModel) -> Judge:
            return ClassifierJudge(model, threshold=None if threshold is None else float(threshold))

    else:
        from ..judges.combined import with_model

        combined_options = {k: v for k, v in judge_options.items() if k != "model"}
        keywords = with_model(ClassifierModel(_no_weights(), 0.0), combined_options).keywords

        def build(model: ClassifierModel) -> Judge:
            return with_model(model, combined_options, keywords)

    def fold(held: str, n: int) -> None:
        print(f"overrefusal judge-eval: held out {held} ({n} rows)", file=sys.stderr)

    from ..judges.features import DEFAULT_MAX_CHARS

    max_chars = DEFAULT_MAX_CHARS if args.cv_max_chars is None else args.cv_max_chars
    if max_chars < 1:
        raise ConfigError(f"--cv-max-chars must be positive, got {max_chars}")
    verdicts = cross_validate(
        rows, args.cv_group, build, train_also=extra, c=args.cv_c, max_chars=max_chars, on_fold=fold
    )
    return _Fixed(f"{args.judge} (cross-validated by {args.cv_group})", verdicts)


def _no_weights() -> Any:
    import numpy as np

    from ..judges.features import DIM

    return np.zeros(DIM, dtype=np.float32)


class _Fixed:
    """Verdicts computed already, handed out in order (the cross-validated ones)."""

    def __init__(self, name: str, verdicts: list[Judgement]) -> None:
        self.name = name
        self._verdicts = verdicts
        self._next = 0

    def fingerprint(self) -> str:
        return "cross-validated"

    def judge(self, inputs: Any) -> list[Judgement]:
        out = self._verdicts[self._next : self._next + len(inputs)]
        self._next += len(inputs)
        return out


def run(args: argparse.Namespace) -> int:
    if args.calibrate_logprob is not None:
        return run_calibration(args)
    judge: Judge | None = None
    try:
        if args.fail_under is not None and not 0.0 <= args.fail_under <= 1.0:
            raise ConfigError(f"--fail-under must be between 0 and 1, got {args.fail_under}")
        if args.show_errors < 0:
            raise ConfigError("--show-errors must not be negative")
        if args.sample is not None and args.sample < 1:
            raise ConfigError("--sample must be at least 1")
        if args.train_also and not args.cross_validate:
            raise ConfigError("--train-also applies only with --cross-validate")
        judge_options = options(args.judge_option)
        rows: list[LabelledRow] = []
        for path in args.files:
            rows.extend(evenly_spaced(load_labelled(path), args.sample))
        judge = (
            _cross_validated(args, rows, judge_options)
            if args.cross_validate
            else build_judge(args.judge, judge_options)
        )
        judgements = judge_rows(judge, rows)
        fingerprint = judge.fingerprint()
    except OverrefusalError as exc:
        print(f"overrefusal judge-eval: {exc}", file=sys.stderr)
        return 2
    finally:
        close(judge)
    verdicts = [j.verdict for j in judgements]
    metrics = measure(rows, verdicts)
    rates = rate_errors(rows, verdicts)
    base = measure(rows, [strmatch_verdict(r.completion) for r in rows]) if args.baseline else None
    reasons = undetermined_reasons(judgements)
    escalated = sum(1 for j in judgements if j.evidence.startswith("escalated"))
    if args.json:
        payload: dict[str, Any] = {"judge": str(args.judge), "fingerprint": fingerprint, **metrics.to_dict()}
        payload["cross_validated"] = bool(args.cross_validate)
        if args.cross_validate:
            payload["cv_group"] = args.cv_group
        payload["undetermined_reasons"] = reasons
        payload["rates"] = [e.to_dict() for e in rates]
        if parse_spec(args.judge).name == "cascade":
            payload["escalated"] = escalated
        if base is not None:
            payload["baseline"] = {"name": "strmatch", **base.to_dict()}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(render(judge.name, fingerprint, metrics, base, reasons))
        print(render_rates(rates))
        if parse_spec(args.judge).name == "cascade":
            print(f"\nescalated to the second judge: {escalated} of {len(judgements)}")
        if args.show_errors:
            print(render_errors(rows, judgements, args.show_errors))
    if args.fail_under is not None and metrics.agreement < args.fail_under:
        print(
            f"overrefusal judge-eval: agreement {metrics.agreement:.4f} is below --fail-under {args.fail_under}",
            file=sys.stderr,
        )
        return 1
    return 0
