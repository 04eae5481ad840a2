"""Calibrating a score threshold (the logprob judge): the best threshold, its held-out agreement, AUC."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Calibration", "best_threshold", "calibrate_threshold"]


@dataclass(frozen=True)
class Calibration:
    """The threshold that best separates refusals from compliances by score, and how well it does.

    ``agreement`` is measured on the rows the threshold was chosen on, so it is optimistic;
    ``cross_validated`` chooses it on all but one fold and measures it on that fold, which estimates
    the agreement to expect on new prompts. ``auc`` is the probability that a random refusal scores
    above a random compliance (threshold-free; 0.5 is chance).
    """

    threshold: float
    agreement: float
    default_threshold: float
    default_agreement: float
    cross_validated: float
    auc: float
    n: int
    refusals: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "threshold": round(self.threshold, 4),
            "agreement": round(self.agreement, 4),
            "default_threshold": self.default_threshold,
            "default_agreement": round(self.default_agreement, 4),
            "cross_validated_agreement": round(self.cross_validated, 4),
            "auc": round(self.auc, 4),
            "n": self.n,
            "refusals": self.refusals,
        }


def _agreement_at(scores: Sequence[float], refused: Sequence[bool], threshold: float) -> float:
    if not scores:
        return 0.0
    return sum((s >= threshold) == r for s, r in zip(scores, refused, strict=True)) / len(scores)


def best_threshold(scores: Sequence[float], refused: Sequence[bool], default: float = 0.0) -> float:
    """The threshold (score >= threshold is a refusal) with the highest agreement on these rows.

    Candidates are ``default``, the midpoints between consecutive distinct scores and one value
    beyond each end; among equally good thresholds the one nearest ``default`` wins, so a clean
    separation does not move the threshold further than it must.
    """
    if len(scores) != len(refused):
        raise ValueError(f"{len(scores)} scores but {len(refused)} labels")
    if not scores:
        return default
    ordered = sorted(zip(scores, refused, strict=True))
    values = sorted(set(scores))
    candidates = sorted(
        {default, values[0] - 1.0, *((a + b) / 2 for a, b in itertools.pairwise(values)), values[-1] + 1.0}
    )
    # Sweep: at a candidate t, rows below t are judged compliance, rows at or above it refusal.
    total_refusals = sum(refused)
    best: tuple[int, float, float] | None = None  # (correct, -distance to default, threshold)
    below_compliance = below_refusal = 0
    i = 0
    for t in candidates:
        while i < len(ordered) and ordered[i][0] < t:
            if ordered[i][1]:
                below_refusal += 1
            else:
                below_compliance += 1
            i += 1
        correct = below_compliance + (total_refusals - below_refusal)
        key = (correct, -abs(t - default), t)
        if best is None or key > best:
            best = key
    assert best is not None
    return best[2]


def _auc(scores: Sequence[float], refused: Sequence[bool]) -> float:
    positives = [s for s, r in zip(scores, refused, strict=True) if r]
    negatives = sorted(s for s, r in zip(scores, refused, strict=True) if not r)
    if not positives or not negatives:
        return 0.5
    wins = 0.0
    for s in positives:
        below = bisect.bisect_left(negatives, s)
        ties = bisect.bisect_right(negatives, s) - below
        wins += below + ties / 2
    return wins / (len(positives) * len(negatives))


def calibrate_threshold(
    scores: Sequence[float], refused: Sequence[bool], *, default: float = 0.0, folds: int = 5
) -> Calibration:
    """Choose a threshold on all rows, and estimate its held-out agreement with ``folds``-fold
    cross-validation (row ``i`` is in fold ``i % folds``, so ordered data such as contrast pairs is
    spread over the folds)."""
    if len(scores) != len(refused):
        raise ValueError(f"{len(scores)} scores but {len(refused)} labels")
    threshold = best_threshold(scores, refused, default)
    held_out = 0
    k = max(2, min(folds, len(scores)))
    for fold in range(k):
        train = [i for i in range(len(scores)) if i % k != fold]
        test = [i for i in range(len(scores)) if i % k == fold]
        t = best_threshold([scores[i] for i in train], [refused[i] for i in train], default)
        held_out += sum((scores[i] >= t) == refused[i] for i in test)
    return Calibration(
        threshold=threshold,
        agreement=_agreement_at(scores, refused, threshold),
        default_threshold=default,
        default_agreement=_agreement_at(scores, refused, default),
        cross_validated=held_out / len(scores) if scores else 0.0,
        auc=_auc(scores, refused),
        n=len(scores),
        refusals=sum(refused),
    )
