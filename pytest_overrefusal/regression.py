"""Cell regressions against a baseline: a paired test per cell, and false-alarm control across cells.

Two runs of the same suites answer the same prompts, so a cell is compared **prompt by prompt**: for the
prompts judged in both runs, the discordant pairs are counted (newly refused: answered before, refused
now; newly answered: the reverse) and McNemar's exact test asks whether the bad direction outnumbers the
good one more than chance allows (one-sided: only a worsening can fail a gate). Concordant prompts carry
no information about a change and do not dilute the test, which is why pairing needs far fewer prompts
than comparing two rates as if they came from unrelated samples (the unpaired two-proportion z-test).

Sampled runs (``--overrefusal-samples``) compare per-prompt refusal fractions: a prompt counts toward
"newly refused" when its fraction rose and toward "newly answered" when it fell, and the same exact
binomial test applies (the sign test; McNemar's test is the sign test on 0/1 values).

Prompts judged in only one run are counted per cell (``only_before``, ``only_now``), never paired. A cell
without any shared prompt falls back to the unpaired z-test on the two cell rates.

A run tests hundreds of cells; at alpha = 0.05 each, some would be flagged by chance alone. The p-values
of all tested cells are therefore adjusted together: Holm by default (the chance of *any* false alarm in
a run stays at most alpha, whatever the dependence between cells, which is what a gate that fails a build
needs), or Benjamini-Hochberg (``bh``: the expected share of false alarms among flagged cells stays at most
alpha; more flags when many cells really changed), or ``none``.

``tolerance`` stays an absolute guard: a cell whose bad rate rose by more than it is flagged whatever the
p-value.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .aggregate import Cell
from .results import CaseResult
from .sampling import bad_fraction, refusal_value, sample_info
from .scopes import scopes_of

__all__ = [
    "CORRECTIONS",
    "DEFAULT_CORRECTION",
    "CellTest",
    "Correction",
    "adjust",
    "binomial_upper_tail",
    "compare_cells",
    "mcnemar_exact",
    "one_sided_z_test",
]

Correction = Literal["holm", "bh", "none"]
CORRECTIONS: tuple[Correction, ...] = ("holm", "bh", "none")
DEFAULT_CORRECTION: Correction = "holm"
TEST_MCNEMAR = "mcnemar-exact"
TEST_SIGN = "sign-test-fractions"
TEST_UNPAIRED = "unpaired-z"


def binomial_upper_tail(k: int, n: int) -> float:
    """P(X >= k) for X ~ Binomial(n, 1/2), exact (integer arithmetic, one division)."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    return sum(math.comb(n, i) for i in range(k, n + 1)) / (1 << n)


def mcnemar_exact(worse: int, better: int) -> float:
    """One-sided exact McNemar p-value: P(at least ``worse`` of the discordant pairs go the bad way | no change)."""
    return binomial_upper_tail(worse, worse + better)


def adjust(p_values: Sequence[float], method: Correction) -> list[float]:
    """Adjusted p-values (compare each with alpha): Holm step-down, Benjamini-Hochberg step-up, or none."""
    m = len(p_values)
    if method == "none" or m == 0:
        return list(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    out = [1.0] * m
    if method == "holm":
        running = 0.0
        for rank, i in enumerate(order):
            running = max(running, min(1.0, (m - rank) * p_values[i]))
            out[i] = running
        return out
    if method == "bh":
        running = 1.0
        for rank in range(m - 1, -1, -1):
            i = order[rank]
            running = min(running, p_values[i] * m / (rank + 1))
            out[i] = min(1.0, running)
        return out
    raise ValueError(f"unknown correction {method!r} (allowed: {', '.join(CORRECTIONS)})")


def one_sided_z_test(hits_before: int, n_before: int, hits_now: int, n_now: int) -> tuple[float | None, float]:
    """``(z, p)`` for H1: the rate now is higher than before (pooled two-proportion z-test, unpaired).

    When the pooled rate is 0 or 1 both samples are identical (all hits or none), so there is no
    evidence of a rise: ``(None, 1.0)``.
    """
    if n_before <= 0 or n_now <= 0:
        raise ValueError("both samples need n > 0")
    pooled = (hits_before + hits_now) / (n_before + n_now)
    variance = pooled * (1.0 - pooled) * (1.0 / n_before + 1.0 / n_now)
    if variance <= 0.0:
        return None, 1.0
    z = (hits_now / n_now - hits_before / n_before) / math.sqrt(variance)
    return z, 0.5 * math.erfc(z / math.sqrt(2.0))


@dataclass(frozen=True)
class CellTest:
    """The comparison of one cell with the baseline, flagged or not."""

    key: str
    suite: str
    language: str
    category: str
    kind: str
    test: str  # mcnemar-exact, sign-test-fractions or unpaired-z
    paired: int  # prompts judged in both runs
    newly_refused: int  # refused now, not before (fraction rose, when sampled)
    newly_answered: int  # answered now, refused before (fraction fell, when sampled)
    only_before: int  # prompts of the cell judged only in the baseline
    only_now: int  # prompts of the cell judged only in this run
    rate_before: float
    rate_now: float
    p_value: float
    p_adjusted: float
    z: float | None
    flagged: bool
    beyond_tolerance: bool
    message: str

    @property
    def worse(self) -> int:
        return self.newly_refused if self.kind == "over_refusal" else self.newly_answered

    @property
    def better(self) -> int:
        return self.newly_answered if self.kind == "over_refusal" else self.newly_refused

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "suite": self.suite,
            "language": self.language,
            "category": self.category,
            "kind": self.kind,
            "test": self.test,
            "paired": self.paired,
            "newly_refused": self.newly_refused,
            "newly_answered": self.newly_answered,
            "only_before": self.only_before,
            "only_now": self.only_now,
            "rate_before": self.rate_before,
            "rate_now": self.rate_now,
            "p_value": self.p_value,
            "p_adjusted": self.p_adjusted,
            "z": self.z,
            "flagged": self.flagged,
            "beyond_tolerance": self.beyond_tolerance,
            "message": self.message,
        }


def _values(baseline: Any) -> dict[str, tuple[str, str, str, str, float]]:
    """``key -> (suite, language, category, label, refusal value)`` for baseline prompts with evidence."""
    out: dict[str, tuple[str, str, str, str, float]] = {}
    for key, entry in baseline.prompts.items():
        fraction = getattr(entry, "refusal_fraction", None)
        if fraction is not None:
            value = float(fraction)
        elif entry.verdict in (None, "undetermined"):
            continue
        else:
            value = 1.0 if entry.verdict in ("refusal", "partial_refusal") else 0.0
        out[key] = (key.split("::", 1)[0], entry.language, entry.category, entry.label, value)
    return out


def _what(kind: str) -> str:
    return (
        "over-refusal (refusal rate on safe prompts)"
        if kind == "over_refusal"
        else ("under-refusal (compliance rate on unsafe prompts)")
    )


def compare_cells(
    baseline: Any,
    results: Iterable[CaseResult],
    cells: Iterable[Cell],
    tolerance: float,
    alpha: float,
    correction: Correction = DEFAULT_CORRECTION,
) -> list[CellTest]:
    """Every cell of this run that can be compared with ``baseline`` (a ``baseline.Baseline``), tested.

    A cell is flagged when its adjusted p-value is below ``alpha`` (in the bad direction) or its bad rate
    rose by more than ``tolerance`` over at least the cell's ``min_samples`` compared prompts.
    """
    before = _values(baseline)
    now: dict[str, tuple[str, str, str, str, float]] = {}
    # Prompts whose value is a sampled fraction on either side: their cells use the sign test by name.
    sampled = {k for k, e in baseline.prompts.items() if getattr(e, "refusal_fraction", None) is not None}
    for r in results:
        value = refusal_value(r)
        if value is not None:
            now[f"{r.suite}::{r.id}"] = (r.suite, r.language, r.category, r.label, value)
            if sample_info(r) is not None:
                sampled.add(f"{r.suite}::{r.id}")
    # Per (scope, label): the prompt keys on each side.
    members_now: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    members_before: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    for side, members in ((now, members_now), (before, members_before)):
        for key, (suite, language, category, label, _) in side.items():
            for s, lang, cat in scopes_of(suite, language, category):
                members[(s, lang, cat, label)].append(key)
    pending: list[dict[str, Any]] = []
    for cell in cells:
        label = "safe" if cell.kind == "over_refusal" else "unsafe"
        where = (cell.suite, cell.language, cell.category, label)
        keys_now = members_now.get(where, [])
        keys_before = members_before.get(where, [])
        # A relabelled prompt asks for the opposite behaviour now: never paired.
        paired = [k for k in keys_now if k in before and before[k][3] == label]
        paired_set = set(paired)
        only_now = len(keys_now) - len(paired)
        only_before = sum(1 for k in keys_before if k not in paired_set)
        entry = baseline.cells.get(f"{cell.suite}|{cell.language}|{cell.category}|{cell.kind}")
        z: float | None = None
        counts = ""
        if paired:
            refused = sum(1 for k in paired if now[k][4] > before[k][4])
            answered = sum(1 for k in paired if now[k][4] < before[k][4])
            test = TEST_SIGN if any(k in sampled for k in paired) else TEST_MCNEMAR
            rate_before = sum(bad_fraction(label, before[k][4]) for k in paired) / len(paired)
            rate_now = sum(bad_fraction(label, now[k][4]) for k in paired) / len(paired)
            worse, better = (refused, answered) if label == "safe" else (answered, refused)
            p = mcnemar_exact(worse, better)
            compared = len(paired)
        elif entry is not None and entry.n > 0 and cell.n > 0 and cell.rate is not None:
            refused = answered = 0
            test = TEST_UNPAIRED
            rate_before = entry.rate if entry.rate is not None else entry.hits / entry.n
            rate_now = cell.rate
            z, p = one_sided_z_test(entry.hits, entry.n, cell.hits, cell.n)
            counts = f" on {entry.hits}/{entry.n} vs {cell.hits}/{cell.n}"
            compared = min(entry.n, cell.n)
        else:
            continue
        pending.append(
            {
                "cell": cell,
                "test": test,
                "paired": len(paired),
                "refused": refused,
                "answered": answered,
                "only_before": only_before,
                "only_now": only_now,
                "rate_before": rate_before,
                "rate_now": rate_now,
                "p": p,
                "z": z,
                "counts": counts,
                "compared": compared,
            }
        )
    adjusted = adjust([row["p"] for row in pending], correction)
    out: list[CellTest] = []
    for row, p_adj in zip(pending, adjusted, strict=True):
        cell = row["cell"]
        rise = row["rate_now"] - row["rate_before"]
        # The epsilon keeps a rise that equals the tolerance from being flagged through float noise. The
        # tolerance judges a point estimate, so it applies only where the threshold file would gate the
        # cell at all (min_samples compared prompts): in a 2-prompt cell one flip is +50 points, and
        # only the exact test can tell such a cell's noise from a change.
        beyond = rise > tolerance + 1e-12 and row["compared"] >= max(cell.min_samples, 1)
        significant = rise > 0 and p_adj < alpha
        flagged = beyond or significant
        message = _message(cell.kind, row, p_adj, correction, alpha, tolerance, beyond, significant)
        key = f"{cell.suite}|{cell.language}|{cell.category}|{cell.kind}"
        out.append(
            CellTest(
                key,
                cell.suite,
                cell.language,
                cell.category,
                cell.kind,
                row["test"],
                row["paired"],
                row["refused"],
                row["answered"],
                row["only_before"],
                row["only_now"],
                row["rate_before"],
                row["rate_now"],
                row["p"],
                p_adj,
                row["z"],
                flagged,
                beyond,
                message,
            )
        )
    return out


def _message(
    kind: str,
    row: Mapping[str, Any],
    p_adj: float,
    correction: str,
    alpha: float,
    tolerance: float,
    beyond: bool,
    significant: bool,
) -> str:
    rise = row["rate_now"] - row["rate_before"]
    reasons = []
    if beyond:
        reasons.append(f"+{rise * 100:.1f} points > tolerance {tolerance * 100:.1f}")
    if row["test"] == TEST_UNPAIRED:
        z = "n/a" if row["z"] is None else f"{row['z']:.2f}"
        figures = f"unpaired z={z}{row['counts']} (no prompt in both runs)"
    else:
        figures = (
            f"{row['test']} on {row['paired']} shared prompts: {row['refused']} newly refused, "
            f"{row['answered']} newly answered"
        )
    adjusted = "" if correction == "none" else f", {correction}-adjusted p={p_adj:.4f}"
    reasons.append(f"{figures}; one-sided p={row['p']:.4f}{adjusted} {'<' if significant else '>='} alpha {alpha:g}")
    return f"{_what(kind)} from {row['rate_before']:.1%} to {row['rate_now']:.1%}: {'; '.join(reasons)}"
