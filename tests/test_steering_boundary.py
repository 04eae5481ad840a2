"""Bracketing and bisection of boundary distances, and the first-token refusal score, on known functions."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest

from pytest_overrefusal.errors import ConfigError
from pytest_overrefusal.steering.boundary import BoundarySearch, default_openers, find_boundaries, refusal_score


def linear(slopes: Sequence[float], offsets: Sequence[float], calls: list[int]):  # type: ignore[no-untyped-def]
    """score_i(alpha) = slope_i * alpha + offset_i: the flip is at -offset_i / slope_i."""
    s = np.asarray(slopes, dtype=float)
    o = np.asarray(offsets, dtype=float)

    def score(indices: Sequence[int], alphas: np.ndarray) -> np.ndarray:
        calls.append(len(indices))
        idx = np.asarray(indices, dtype=int)
        return s[idx] * alphas + o[idx]

    return score


def test_finds_known_flip_points_on_both_sides() -> None:
    calls: list[int] = []
    # Answered prompts (negative score) flip at +1.3 and +7.9; a refused one (positive) at -0.6.
    fn = linear([2.0, 0.5, 5.0], [-2.6, -3.95, 3.0], calls)
    found = find_boundaries(fn, ["a", "b", "c"], BoundarySearch(tolerance=1e-4))
    assert [r.refused for r in found] == [False, False, True]
    for result, expected in zip(found, [1.3, 7.9, -0.6], strict=True):
        assert result.alpha == pytest.approx(expected, abs=1e-4)
        assert result.bracket is not None
        assert min(result.bracket) <= expected <= max(result.bracket)
        assert result.distance == pytest.approx(abs(expected), abs=1e-4)
    # Every step evaluates only the prompts still being searched, all in one call.
    assert calls[0] == 3
    assert max(calls) <= 3
    assert min(calls) >= 1


def test_evaluations_are_logarithmic() -> None:
    calls: list[int] = []
    found = find_boundaries(linear([1.0], [-5.123], calls), ["x"], BoundarySearch(tolerance=0.01))
    # 1 (alpha 0) + brackets 0.25..8 (6) + bisection of [4, 8] to 0.01 (9) = 16
    assert found[0].evaluations == len(calls) == 16


def test_threshold_moves_the_flip_point() -> None:
    found = find_boundaries(linear([1.0], [-3.0], []), ["x"], BoundarySearch(threshold=-1.0, tolerance=1e-5))
    assert found[0].alpha == pytest.approx(2.0, abs=1e-5)
    assert found[0].threshold == -1.0


def test_unreached_boundary_and_exact_edge() -> None:
    found = find_boundaries(linear([0.1, 1.0], [-5.0, 0.0], []), ["far", "edge"], BoundarySearch(max_alpha=10.0))
    far, edge = found
    assert far.alpha is None
    assert far.distance is None
    assert far.bracket is None
    assert far.max_alpha == 10.0
    assert edge.alpha == 0.0
    assert edge.distance == 0.0


def test_flat_score_never_flips() -> None:
    found = find_boundaries(linear([0.0], [-1.0], []), ["flat"], BoundarySearch(max_alpha=4.0))
    assert found[0].alpha is None
    assert found[0].evaluations == 1 + 5  # 0, then 0.25, 0.5, 1, 2, 4


def test_search_settings_are_validated() -> None:
    with pytest.raises(ConfigError):
        BoundarySearch(initial=0.0)
    with pytest.raises(ConfigError):
        BoundarySearch(tolerance=0.0)
    assert find_boundaries(linear([], [], []), []) == []


def test_refusal_score_is_log_odds_of_the_mass() -> None:
    p = np.array([0.5, 0.9, 1e-3, 1.0])
    scores = refusal_score(np.log(p))
    assert scores[0] == pytest.approx(0.0, abs=1e-9)
    assert scores[1] == pytest.approx(math.log(0.9 / 0.1), rel=1e-6)
    assert scores[2] == pytest.approx(math.log(1e-3 / (1 - 1e-3)), rel=1e-5)
    assert math.isfinite(scores[3])
    assert scores[3] > 20


def test_default_openers_cover_the_starter_languages() -> None:
    openers = default_openers()
    for lang in ("en", "de", "fr", "es", "zh", "ja", "ar", "hi"):
        assert openers[lang], lang
    assert "Sorry" in openers["en"]
