"""``overrefusal judge-eval --calibrate-logprob MODEL_SPEC``: choose the logprob judge's threshold.

The logprob judge predicts, from the prompt alone, whether the model will open its answer with a
refusal. Its threshold is calibrated against what the same model actually does: labelled rows whose
label is the model's own behaviour, taken from a CSV (prompt + label) or produced here by generating
each suite prompt with MODEL_SPEC and judging the response with --judge (keywords).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..backends.base import Backend, Generation, GenerationSettings, Message
from ..errors import ConfigError, JudgeError, OverrefusalError
from ..judges.base import Judge, JudgeInput
from ..judges.evaluate import LabelledRow, Metrics, load_labelled, measure
from ..progress import make_progress
from ..registry import BACKEND_GROUP, build
from ..results import Verdict
from ..suite import load_suite
from .judge_common import build_judge as _build_judge
from .judge_common import close as _close
from .judge_common import options as _options
from .judge_common import pct as _pct

__all__ = ["add_calibration_arguments", "run_calibration"]


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


def add_calibration_arguments(parser: argparse.ArgumentParser) -> None:
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


def run_calibration(args: argparse.Namespace) -> int:
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
