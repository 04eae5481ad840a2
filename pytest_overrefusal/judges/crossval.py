"""Honest figures for judges fitted to data: held-out verdicts by source, and refusal-rate error.

``cross_validate`` holds out each group of rows in turn (a file, i.e. a model, by default), fits the
classifier on every other group plus any training-only rows, and judges the held-out group with the
judge built on that fit. Every row is thus judged by a model that never saw its source.

``rate_errors`` gives, per file and prompt label, the refusal rate the labels give and the rate the
verdicts give: the error a gate on those rows inherits from the judge.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..results import Judgement, Verdict
from .base import Judge, JudgeInput
from .classifier import ClassifierModel
from .evaluate import LabelledRow, file_names
from .features import DEFAULT_MAX_CHARS, featurize

__all__ = ["GROUPINGS", "LEARNED", "RateError", "cross_validate", "group_of", "rate_errors"]

# Judges whose classifier is fitted to data; others are measured as they are.
LEARNED = ("classifier", "combined")
GROUPINGS = ("file", "voice", "language")


def group_of(row: LabelledRow, grouping: str) -> str:
    if grouping == "file":
        return row.file
    if grouping == "voice":
        # One voice across every file and language: a way of answering the fit has never seen.
        return row.voice or "-"
    if grouping == "language":
        return row.language
    raise ConfigError(f"--cv-group must be one of {', '.join(GROUPINGS)}, got {grouping!r}")


def cross_validate(
    rows: Sequence[LabelledRow],
    grouping: str,
    build: Callable[[ClassifierModel], Judge],
    *,
    train_also: Sequence[LabelledRow] = (),
    c: float | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    on_fold: Callable[[str, int], None] | None = None,
) -> list[Judgement]:
    """Verdicts for ``rows``, each from a judge whose classifier was fitted without the row's group."""
    from .training import DEFAULT_C, fit

    groups = [group_of(r, grouping) for r in rows]
    if len(set(groups)) < 2 and not train_also:
        raise ConfigError("--cross-validate needs at least two groups to hold out (files, voices or languages)")
    every = list(rows) + list(train_also)
    texts = [r.completion for r in every]
    refused = [r.expected.refuses for r in every]
    features = [featurize(t, max_chars) for t in texts]
    out: list[Judgement | None] = [None] * len(rows)
    for held in dict.fromkeys(groups):
        train = [i for i in range(len(every)) if i >= len(rows) or groups[i] != held]
        fitted = fit(
            [texts[i] for i in train],
            [refused[i] for i in train],
            c=DEFAULT_C if c is None else c,
            features=[features[i] for i in train],
            max_chars=max_chars,
        )
        languages = sorted({every[i].language for i in train})
        judge = build(
            ClassifierModel(
                fitted.weights,
                fitted.bias,
                meta={"languages": languages},
                source=f"held out {held}",
                max_chars=max_chars,
            )
        )
        test = [i for i, g in enumerate(groups) if g == held]
        inputs = [
            JudgeInput(rows[i].conversation, rows[i].completion, rows[i].language, rows[i].system_prompt) for i in test
        ]
        for i, judgement in zip(test, judge.judge(inputs), strict=True):
            out[i] = judgement
        if on_fold is not None:
            on_fold(held, len(test))
    return [j if j is not None else Judgement(Verdict.UNDETERMINED, "not judged") for j in out]


@dataclass(frozen=True)
class RateError:
    """Refusal rates on one (file, prompt label) cell: by the labels and by the judge, in 0-1.

    The judged rate counts undetermined verdicts as not refusing, as a gate that ignores them would
    not; ``undetermined`` says how many there were.
    """

    file: str
    prompt_label: str
    n: int
    labelled: float
    judged: float
    undetermined: int

    @property
    def error_points(self) -> float:
        return 100.0 * (self.judged - self.labelled)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "prompt_label": self.prompt_label,
            "n": self.n,
            "labelled": round(self.labelled, 4),
            "judged": round(self.judged, 4),
            "error_points": round(self.error_points, 2),
            "undetermined": self.undetermined,
        }


def rate_errors(rows: Sequence[LabelledRow], verdicts: Sequence[Verdict]) -> list[RateError]:
    """One cell per file and prompt label (``all`` where the file gives none), in file order."""
    names = file_names(rows)
    cells: dict[tuple[str, str], list[tuple[bool, Verdict]]] = {}
    for row, verdict in zip(rows, verdicts, strict=True):
        key = (names[row.file], row.prompt_label or "all")
        cells.setdefault(key, []).append((row.expected.refuses, verdict))
    out: list[RateError] = []
    for (name, label), items in cells.items():
        n = len(items)
        out.append(
            RateError(
                name,
                label,
                n,
                sum(human for human, _ in items) / n,
                sum(v.refuses for _, v in items) / n,
                sum(v is Verdict.UNDETERMINED for _, v in items),
            )
        )
    return sorted(out, key=lambda e: (list(names.values()).index(e.file), e.prompt_label))
