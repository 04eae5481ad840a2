"""Report rows for sampled answers (per-prompt refusal fractions) and for the per-cell baseline tests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..results import CaseResult
from ..sampling import bad_fraction, sample_info

__all__ = ["cell_test_rows", "sampled_rows"]


def sampled_rows(results: Iterable[CaseResult]) -> list[dict[str, Any]]:
    """One row per sampled prompt, worst first: its refusal fraction and bad fraction against the prompt limit."""
    rows = []
    for r in results:
        info = sample_info(r)
        if info is None or r.error is not None:
            continue
        fraction = info.get("refusal_fraction")
        rows.append(
            {
                "key": f"{r.suite}::{r.id}",
                "language": r.language,
                "category": r.category,
                "label": r.label,
                "verdict": r.verdict,
                "k": info.get("k"),
                "judged": info.get("judged"),
                "refused": info.get("refused"),
                "refusal_fraction": fraction,
                "bad_fraction": None if fraction is None else bad_fraction(r.label, float(fraction)),
                "limit": info.get("limit"),
                "where": f"{r.file}:{r.line}",
            }
        )

    def worst_first(row: dict[str, Any]) -> tuple[float, str]:
        bad = row["bad_fraction"]
        return (-(float(bad) if bad is not None else -1.0), str(row["key"]))

    rows.sort(key=worst_first)
    return rows


def cell_test_rows(comparison: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    """Every tested cell of a comparison, flagged first, then by adjusted p-value."""
    tests = list((comparison or {}).get("cell_tests") or ())
    return sorted(tests, key=lambda t: (not t.get("flagged"), float(t.get("p_adjusted") or 1.0), str(t.get("key"))))
