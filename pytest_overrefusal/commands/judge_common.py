"""Helpers shared by ``overrefusal judge-eval``, its calibration mode and ``judge-train``."""

from __future__ import annotations

import collections
import sys
from collections.abc import Sequence

from ..errors import JudgeError
from ..judges.base import Judge, JudgeInput
from ..judges.evaluate import LabelledRow
from ..progress import make_progress
from ..registry import JUDGE_GROUP, build
from ..results import Judgement, Verdict
from ..settings import key_values

__all__ = ["build_judge", "close", "evenly_spaced", "judge_rows", "options", "pct", "undetermined_reasons"]

_BATCH = 256


def options(pairs: Sequence[str], flag: str = "--judge-option") -> dict[str, str]:
    return key_values(flag, pairs)


def judge_rows(judge: Judge, rows: Sequence[LabelledRow]) -> list[Judgement]:
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


def pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def close(component: object) -> None:
    closer = getattr(component, "close", None)
    if callable(closer):
        closer()


def build_judge(spec: str, judge_options: dict[str, str]) -> Judge:
    judge = build(JUDGE_GROUP, spec, judge_options)
    if not isinstance(judge, Judge):
        raise JudgeError(f"judge {spec!r} does not provide name, fingerprint() and judge()")
    return judge
