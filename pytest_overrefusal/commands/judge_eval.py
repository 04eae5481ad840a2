"""``overrefusal judge-eval``: measure a judge against human-labelled completions, or calibrate the
logprob judge's threshold for a model (``--calibrate-logprob MODEL_SPEC``).

Exit status: 0 when measured (and at or above ``--fail-under``), 1 when below ``--fail-under``,
2 on a usage error, an unreadable file or a judge that cannot be built.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..backends.base import Backend, Generation, GenerationSettings, Message
from ..errors import ConfigError, JudgeError, OverrefusalError
from ..judges.base import Judge, JudgeInput
from ..judges.evaluate import LabelledRow, Metrics, file_names, load_labelled, measure, strmatch_verdict
from ..progress import make_progress
from ..registry import BACKEND_GROUP, JUDGE_GROUP, build
from ..results import Judgement, Verdict
from ..suite import load_suite

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
    _add_calibration_arguments(parser)


def _options(pairs: Sequence[str], flag: str = "--judge-option") -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"{flag} expects KEY=VALUE, got {pair!r}")
        out[key.strip()] = value
    return out


def _judge_rows(judge: Judge, rows: Sequence[LabelledRow]) -> list[Judgement]:
    """Verdicts for every row, one ``judge.judge`` call per batch (a model judge batches its calls)."""
    out: list[Judgement] = []
    # Model judges take seconds per batch: show progress on a terminal.
    slow = bool(getattr(judge, "cacheable", False)) and sys.stderr.isatty()
    with make_progress(len(rows), f"judging with {judge.name}", slow) as bar:
        for start in range(0, len(rows), _BATCH):
            chunk = rows[start : start + _BATCH]
            inputs = [JudgeInput(r.conversation, r.completion, r.language, r.system_prompt) for r in chunk]
            got = judge.judge(inputs)
            if len(got) != len(inputs):
                raise JudgeError(f"judge {judge.name!r} returned {len(got)} verdicts for {len(inputs)} responses")
            out.extend(got)
            bar.update(len(chunk))
    return out


def evenly_spaced(rows: Sequence[LabelledRow], n: int | None) -> list[LabelledRow]:
    """``n`` rows spread over the whole file (labelled files are often sorted by category or label)."""
    if n is None or n >= len(rows):
        return list(rows)
    return [rows[(i * len(rows)) // n] for i in range(n)]


def undetermined_reasons(judgements: Sequence[Judgement]) -> dict[str, int]:
    """How many verdicts were undetermined, by reason (the evidence up to its first colon)."""
    counts = collections.Counter(
        j.evidence.split(":", 1)[0].strip() or "no evidence" for j in judgements if j.verdict is Verdict.UNDETERMINED
    )
    return dict(counts.most_common())


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def _render(judge_name: str, fingerprint: str, m: Metrics, base: Metrics | None, reasons: dict[str, int]) -> str:
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


def _close(component: object) -> None:
    close = getattr(component, "close", None)
    if callable(close):
        close()


def _build_judge(spec: str, options: dict[str, str]) -> Judge:
    judge = build(JUDGE_GROUP, spec, options)
    if not isinstance(judge, Judge):
        raise JudgeError(f"judge {spec!r} does not provide name, fingerprint() and judge()")
    return judge


def run(args: argparse.Namespace) -> int:
    if args.calibrate_logprob is not None:
        return _run_calibration(args)
    judge: Judge | None = None
    try:
        if args.fail_under is not None and not 0.0 <= args.fail_under <= 1.0:
            raise ConfigError(f"--fail-under must be between 0 and 1, got {args.fail_under}")
        if args.show_errors < 0:
            raise ConfigError("--show-errors must not be negative")
        judge = _build_judge(args.judge, _options(args.judge_option))
        if args.sample is not None and args.sample < 1:
            raise ConfigError("--sample must be at least 1")
        rows: list[LabelledRow] = []
        for path in args.files:
            rows.extend(evenly_spaced(load_labelled(path), args.sample))
        judgements = _judge_rows(judge, rows)
        fingerprint = judge.fingerprint()
    except OverrefusalError as exc:
        print(f"overrefusal judge-eval: {exc}", file=sys.stderr)
        return 2
    finally:
        _close(judge)
    metrics = measure(rows, [j.verdict for j in judgements])
    base = measure(rows, [strmatch_verdict(r.completion) for r in rows]) if args.baseline else None
    reasons = undetermined_reasons(judgements)
    if args.json:
        payload: dict[str, Any] = {"judge": str(args.judge), "fingerprint": fingerprint, **metrics.to_dict()}
        payload["undetermined_reasons"] = reasons
        if base is not None:
            payload["baseline"] = {"name": "strmatch", **base.to_dict()}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(_render(judge.name, fingerprint, metrics, base, reasons))
        if args.show_errors:
            print(_render_errors(rows, judgements, args.show_errors))
    if args.fail_under is not None and metrics.agreement < args.fail_under:
        print(
            f"overrefusal judge-eval: agreement {metrics.agreement:.4f} is below --fail-under {args.fail_under}",
            file=sys.stderr,
        )
        return 1
    return 0


# ==================================================================================================
# --calibrate-logprob MODEL_SPEC
#
# The logprob judge predicts, from the prompt alone, whether the model will open its answer with a
# refusal. Its threshold is calibrated against what the same model actually does: labelled rows
# whose label is the model's own behaviour, taken from a CSV (prompt + label) or produced here by
# generating each suite prompt with MODEL_SPEC and judging the response with --judge (keywords).


@dataclass(frozen=True)
class _BehaviourRow:
    file: str
    line: int
    messages: tuple[Message, ...]
    system_prompt: str | None
    language: str
    refused: bool
    response: str = ""
    evidence: str = ""

    @property
    def prompt(self) -> str:
        return self.messages[-1].content if self.messages else ""


def _add_calibration_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "calibrating the logprob judge",
        "With --calibrate-logprob, FILEs are labelled CSVs whose labels describe MODEL_SPEC's own responses, or "
        "suite files (.yaml) whose prompts MODEL_SPEC answers here and --judge labels.",
    )
    group.add_argument(
        "--calibrate-logprob",
        metavar="MODEL_SPEC",
        default=None,
        help="choose the logprob judge's threshold for this local model (llamacpp[:FILE.gguf], hf:DIR)",
    )
    group.add_argument(
        "--model-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="option for MODEL_SPEC, used both to generate and to score (repeatable), e.g. n_ctx=4096",
    )
    group.add_argument(
        "--logprob-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="option for the logprob judge: openers=..., phrases=DIR (repeatable)",
    )
    group.add_argument(
        "--max-new-tokens", type=int, default=96, metavar="N", help="tokens generated per suite prompt (default 96)"
    )
    group.add_argument("--system-prompt", default=None, help="system prompt for suite prompts that set none")
    group.add_argument(
        "--save-scores",
        metavar="FILE.csv",
        default=None,
        help="write each prompt's refusal log-odds, P and label as CSV",
    )
    group.add_argument(
        "--save-labels",
        metavar="FILE.csv",
        default=None,
        help="write the generated and judged suite rows as a labelled CSV, to calibrate again without generating",
    )


def _behaviour_from_csv(path: str) -> list[_BehaviourRow]:
    return [
        _BehaviourRow(r.file, r.line, r.conversation, r.system_prompt, r.language, r.expected.refuses, r.completion)
        for r in load_labelled(path)
        if r.prompt.strip()
    ]


def _behaviour_from_suites(
    paths: Sequence[str], args: argparse.Namespace, labeller: Judge, model_options: dict[str, str]
) -> tuple[list[_BehaviourRow], int, float]:
    """Generate every suite prompt with the model and label the responses; (rows, skipped, seconds)."""
    import time

    cases = [case for path in paths for case in load_suite(path)]
    backend = build(BACKEND_GROUP, args.calibrate_logprob, model_options)
    if not isinstance(backend, Backend):
        raise ConfigError(f"{args.calibrate_logprob!r} did not build a model backend")
    settings = GenerationSettings(max_new_tokens=args.max_new_tokens)
    requests = [case.request(settings, args.system_prompt) for case in cases]
    generations: list[Generation] = []
    started = time.perf_counter()
    try:
        size = max(1, backend.batch_size)
        with make_progress(len(requests), "generating", sys.stderr.isatty()) as bar:
            for start in range(0, len(requests), size):
                chunk = requests[start : start + size]
                generations.extend(backend.generate(chunk))
                bar.update(len(chunk))
    finally:
        backend.close()
    seconds = time.perf_counter() - started
    ok = [i for i, g in enumerate(generations) if g.ok]
    inputs = [
        JudgeInput(cases[i].messages, generations[i].text, cases[i].language, requests[i].system_prompt) for i in ok
    ]
    verdicts = labeller.judge(inputs)
    rows: list[_BehaviourRow] = []
    for i, judgement in zip(ok, verdicts, strict=True):
        if judgement.verdict is Verdict.UNDETERMINED:
            continue
        case, request = cases[i], requests[i]
        rows.append(
            _BehaviourRow(
                case.file,
                case.line,
                case.messages,
                request.system_prompt,
                case.language,
                judgement.verdict.refuses,
                generations[i].text,
                judgement.evidence,
            )
        )
    return rows, len(cases) - len(rows), seconds


def _save_labels(path: str, rows: Sequence[_BehaviourRow]) -> None:
    import csv

    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["prompt", "completion", "label", "language", "system_prompt", "messages", "evidence"])
            for row in rows:
                label = "refusal" if row.refused else "compliance"
                # The whole conversation goes along, so multi-turn prompts are scored as they were asked.
                messages = json.dumps([m.to_dict() for m in row.messages], ensure_ascii=False)
                writer.writerow(
                    [
                        row.prompt,
                        row.response,
                        label,
                        row.language,
                        row.system_prompt or "",
                        messages,
                        row.evidence,
                    ]
                )
    except OSError as exc:
        raise ConfigError(f"--save-labels: cannot write {path}: {exc.strerror or exc}") from None


def _save_scores(path: str, rows: Sequence[_BehaviourRow], scored: Sequence[tuple[float, float, int] | str]) -> None:
    import csv

    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["file", "line", "language", "label", "score", "p", "prompt", "error"])
            for row, result in zip(rows, scored, strict=True):
                label = "refusal" if row.refused else "compliance"
                if isinstance(result, str):
                    writer.writerow([row.file, row.line, row.language, label, "", "", row.prompt, result])
                else:
                    score, mass, _ = result
                    writer.writerow(
                        [row.file, row.line, row.language, label, f"{score:.4f}", f"{mass:.6f}", row.prompt, ""]
                    )
    except OSError as exc:
        raise ConfigError(f"--save-scores: cannot write {path}: {exc.strerror or exc}") from None


def _run_calibration(args: argparse.Namespace) -> int:
    import time

    from ..judges.logprob import LogprobJudge

    labeller: Judge | None = None
    scorer: Judge | None = None
    try:
        if args.max_new_tokens < 1:
            raise ConfigError("--max-new-tokens must be at least 1")
        model_options = _options(args.model_option, "--model-option")
        suites = [f for f in args.files if f.lower().endswith((".yaml", ".yml"))]
        tables = [f for f in args.files if f not in suites]
        rows: list[_BehaviourRow] = []
        for path in tables:
            rows.extend(_behaviour_from_csv(path))
        skipped, generation_seconds = 0, 0.0
        if suites:
            labeller = _build_judge(args.judge, _options(args.judge_option))
            generated, skipped, generation_seconds = _behaviour_from_suites(suites, args, labeller, model_options)
            rows.extend(generated)
            if args.save_labels:
                _save_labels(args.save_labels, generated)
        if not rows:
            raise ConfigError("no labelled prompts to calibrate on")
        options = _options(args.logprob_option, "--logprob-option")
        options.update({f"backend.{k}": v for k, v in model_options.items()})
        scorer = _build_judge(f"logprob:{args.calibrate_logprob}", options)
        if not isinstance(scorer, LogprobJudge):
            raise JudgeError("the logprob judge did not build")
        started = time.perf_counter()
        scored = scorer.scores([JudgeInput(r.messages, "", r.language, r.system_prompt) for r in rows])
        scoring_seconds = time.perf_counter() - started
        fingerprint = scorer.fingerprint()
        if args.save_scores:
            _save_scores(args.save_scores, rows, scored)
    except OverrefusalError as exc:
        print(f"overrefusal judge-eval: {exc}", file=sys.stderr)
        return 2
    finally:
        _close(labeller)
        _close(scorer)
    kept = [(row, s) for row, s in zip(rows, scored, strict=True) if not isinstance(s, str)]
    report = _CalibrationReport(
        spec=f"logprob:{args.calibrate_logprob}",
        fingerprint=fingerprint,
        rows=[row for row, _ in kept],
        scores=[s[0] for _, s in kept],
        unscored=len(rows) - len(kept),
        skipped=skipped,
        source=f"labels from {args.judge} on {args.calibrate_logprob} generations" if suites else "labels from files",
        generation_seconds=generation_seconds,
        scoring_seconds=scoring_seconds,
        max_new_tokens=args.max_new_tokens if suites else None,
    )
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if args.json else report.render())
    return 0


@dataclass
class _CalibrationReport:
    spec: str
    fingerprint: str
    rows: list[_BehaviourRow]
    scores: list[float]
    unscored: int
    skipped: int
    source: str
    generation_seconds: float
    scoring_seconds: float
    max_new_tokens: int | None

    def __post_init__(self) -> None:
        from ..judges.evaluate import calibrate_threshold

        self.calibration = calibrate_threshold(self.scores, [r.refused for r in self.rows])
        self.calibrated = self.at(self.calibration.threshold)
        self.default = self.at(self.calibration.default_threshold)

    def at(self, threshold: float) -> Metrics:
        """Agreement of the verdicts at ``threshold`` with the model's behaviour, overall and per language."""
        labelled = [
            LabelledRow(r.file, r.line, r.prompt, "", Verdict.REFUSAL if r.refused else Verdict.COMPLIANCE, r.language)
            for r in self.rows
        ]
        return measure(labelled, [Verdict.REFUSAL if v >= threshold else Verdict.COMPLIANCE for v in self.scores])

    def to_dict(self) -> dict[str, Any]:
        return {
            "judge": self.spec,
            "fingerprint": self.fingerprint,
            **self.calibration.to_dict(),
            "unscored": self.unscored,
            "skipped": self.skipped,
            "labels": self.source,
            "calibrated": self.calibrated.to_dict(),
            "default": self.default.to_dict(),
            "seconds": {"generation": round(self.generation_seconds, 2), "scoring": round(self.scoring_seconds, 2)},
        }

    def render(self) -> str:
        cal, n = self.calibration, self.calibration.n
        lines = [
            f"logprob calibration: {self.spec} ({self.fingerprint})",
            f"prompts: {n} scored ({cal.refusals} refusal, {n - cal.refusals} compliance; {self.source})",
        ]
        if self.skipped or self.unscored:
            lines.append(f"left out: {self.skipped} undetermined or failed generations, {self.unscored} unscored")
        if self.max_new_tokens is not None:
            per = 1000 * self.generation_seconds / max(1, n + self.skipped + self.unscored)
            lines.append(
                f"generation: {self.generation_seconds:.1f} s ({per:.0f} ms per prompt, "
                f"max_new_tokens {self.max_new_tokens})"
            )
        per_score = 1000 * self.scoring_seconds / max(1, n + self.unscored)
        lines += [
            f"scoring: {self.scoring_seconds:.1f} s ({per_score:.0f} ms per prompt)",
            f"AUC (refusals scored above compliances): {cal.auc:.3f}",
            "",
            f"{'':30}{'threshold':>10}{'agreement':>11}{'precision':>11}{'recall':>9}",
        ]
        for name, threshold, m in (
            ("default", cal.default_threshold, self.default),
            ("calibrated", cal.threshold, self.calibrated),
        ):
            lines.append(
                f"{name:30}{threshold:>10.2f}{_pct(m.agreement):>11}{_pct(m.precision):>11}{_pct(m.recall):>9}"
            )
        lines += [
            f"{'calibrated, 5-fold held out':30}{'':>10}{_pct(cal.cross_validated):>11}",
            "",
            "by language (agreement at the calibrated threshold; at the default):",
        ]
        for lang in sorted(self.calibrated.by_language):
            tally, base = self.calibrated.by_language[lang], self.default.by_language[lang]
            lines.append(f"  {lang:6}n={tally.n:<6}{_pct(tally.agreement):>8}   ({_pct(base.agreement)})")
        lines += ["", f"use: --overrefusal-judge {self.spec} --overrefusal-judge-option threshold={cal.threshold:.2f}"]
        return "\n".join(lines)
