"""How many prompts a cell needs to see a change: sample sizes for the paired and the unpaired test.

Used by ``overrefusal plan``. Both answers come from the usual normal approximations (one-sided, level
``alpha``, the given power):

* unpaired: two independent samples of n prompts, the pooled two-proportion z-test (what comparing two
  cell rates as unrelated samples needs);
* paired: n prompts answered in both runs, McNemar's test on the discordant pairs (Connor 1987): of the
  prompts, ``rate_worse`` become bad and ``churn`` become good between the runs, with
  ``rate_worse - churn = detect``. ``churn`` is what two runs of an unchanged model disagree on the good
  side; measure it from a comparison's ``newly_answered`` / ``paired`` (0 for a greedy, deterministic
  backend rerun on the same machine).

With K sampled answers per prompt, the per-prompt fraction varies less than one answer, by the factor
``icc + (1 - icc) / K``: ``icc`` is the share of the answer-to-answer variation that lies between prompts
(1: every prompt always or never refused, more samples add nothing; 0: all prompts alike, K samples count
as K prompts). The prompt counts are scaled by that factor, an approximation for the paired case.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

__all__ = ["Plan", "paired_prompts", "plan", "sample_factor", "unpaired_prompts"]


def _z(q: float) -> float:
    return NormalDist().inv_cdf(q)


def unpaired_prompts(rate: float, detect: float, alpha: float, power: float) -> int:
    """Prompts per run for the one-sided pooled two-proportion z-test to see ``rate -> rate + detect``."""
    p0, p1 = rate, rate + detect
    pbar = (p0 + p1) / 2
    top = _z(1 - alpha) * math.sqrt(2 * pbar * (1 - pbar)) + _z(power) * math.sqrt(p0 * (1 - p0) + p1 * (1 - p1))
    return math.ceil((top / detect) ** 2)


def paired_prompts(detect: float, alpha: float, power: float, churn: float) -> int:
    """Prompts (answered in both runs) for the one-sided McNemar test to see a net ``detect`` worsening."""
    psi = detect + 2 * churn  # share of discordant prompts: detect + churn bad-ward, churn good-ward
    top = _z(1 - alpha) * math.sqrt(psi) + _z(power) * math.sqrt(max(psi - detect * detect, 0.0))
    return math.ceil((top / detect) ** 2)


def sample_factor(samples: int, icc: float) -> float:
    """How much the variance of a prompt's fraction shrinks with K samples (1 for K = 1)."""
    return icc + (1 - icc) / max(1, samples)


@dataclass(frozen=True)
class Plan:
    rate: float
    detect: float
    alpha: float
    power: float
    samples: int
    churn: float
    icc: float
    paired: int
    unpaired: int
    cells: int = 1

    def lines(self) -> list[str]:
        sampled = (
            f", {self.samples} sampled answers per prompt (icc {self.icc:g})"
            if self.samples > 1
            else ", one answer per prompt"
        )
        return [
            f"to detect a rise from {self.rate:.1%} to {self.rate + self.detect:.1%} (one-sided alpha {self.alpha:g}, "
            f"power {self.power:.0%}{sampled}):",
            f"  paired (same prompts in both runs, churn {self.churn:.1%}): {self.paired} prompts per cell",
            f"  unpaired (two-proportion z-test):               {self.unpaired} prompts per cell",
            (
                f"sized for {self.cells} cells tested together: each at alpha {self.alpha:g} / {self.cells} (Holm's "
                "strictest step)"
                if self.cells > 1
                else "alpha applies to this cell alone: with Holm over m cells, pass --cells m"
            ),
        ]


def plan(
    rate: float,
    detect: float,
    alpha: float = 0.05,
    power: float = 0.8,
    samples: int = 1,
    churn: float = 0.0,
    icc: float = 0.5,
    cells: int = 1,
) -> Plan:
    if not 0 <= rate < 1 or not 0 < detect <= 1 - rate:
        raise ValueError(f"need 0 <= rate < 1 and 0 < detect <= 1 - rate, got rate={rate}, detect={detect}")
    if not 0 < alpha < 1 or not 0 < power < 1:
        raise ValueError(f"alpha and power must be between 0 and 1, got alpha={alpha}, power={power}")
    if not 0 <= churn <= 1 - rate - detect or not 0 <= icc <= 1 or samples < 1:
        raise ValueError(
            f"need 0 <= churn <= 1 - rate - detect, 0 <= icc <= 1, samples >= 1 (churn={churn}, icc={icc})"
        )
    if cells < 1:
        raise ValueError(f"cells must be at least 1, got {cells}")
    factor = sample_factor(samples, icc)
    level = alpha / cells  # Holm's first step is Bonferroni: the bound a single changed cell must meet
    return Plan(
        rate,
        detect,
        alpha,
        power,
        samples,
        churn,
        icc,
        paired=max(1, math.ceil(paired_prompts(detect, level, power, churn) * factor)),
        unpaired=max(1, math.ceil(unpaired_prompts(rate, detect, level, power) * factor)),
        cells=cells,
    )
