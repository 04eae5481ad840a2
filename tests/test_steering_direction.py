"""Difference-in-means directions, the held-out split and the layer sweep, on synthetic activations."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pytest_overrefusal.errors import ConfigError
from pytest_overrefusal.steering.base import as_prompts, data_hash
from pytest_overrefusal.steering.direction import (
    HeldOutSplit,
    RefusalDirection,
    auroc,
    fit_direction,
    held_out_split,
)

HIDDEN = 32
LAYERS = [1, 2, 3, 4]
POSITIONS = [-2, -1]


def synthetic(n: int, planted_layer: int, gap: float, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Activations where only ``planted_layer`` at position -1 separates the classes, along a known unit vector."""
    rng = np.random.default_rng(seed)
    d = rng.standard_normal(HIDDEN)
    d /= np.linalg.norm(d)
    safe = rng.standard_normal((n, len(LAYERS), len(POSITIONS), HIDDEN))
    unsafe = rng.standard_normal((n, len(LAYERS), len(POSITIONS), HIDDEN))
    unsafe[:, LAYERS.index(planted_layer), POSITIONS.index(-1)] += gap * d
    return safe, unsafe, d


def split_for(n: int) -> HeldOutSplit:
    safe = as_prompts([f"safe prompt {i}" for i in range(n)])
    unsafe = as_prompts([f"unsafe prompt {i}" for i in range(n)])
    return held_out_split(safe, unsafe, pairs=[(i, i) for i in range(n)])


def test_sweep_finds_the_planted_layer_and_position() -> None:
    safe, unsafe, d = synthetic(80, planted_layer=3, gap=4.0)
    direction = fit_direction(safe, unsafe, LAYERS, POSITIONS, split_for(80))
    assert (direction.layer, direction.position) == (3, -1)
    assert direction.cosine(d) > 0.9
    chosen = direction.chosen
    assert chosen is not None
    assert chosen.auroc > 0.95
    others = [c for c in direction.sweep if (c.layer, c.position) != (3, -1)]
    assert max(c.separation for c in others) < chosen.separation / 2
    assert len(direction.sweep) == len(LAYERS) * len(POSITIONS)


def test_direction_is_unnormalised_difference_of_means_in_float64() -> None:
    safe, unsafe, _ = synthetic(20, planted_layer=2, gap=3.0)
    direction = fit_direction(
        safe.astype(np.float32), unsafe.astype(np.float32), LAYERS, POSITIONS, split_for(20), layer=2, position=-1
    )
    j, k = LAYERS.index(2), POSITIONS.index(-1)
    expected = unsafe[:, j, k].astype(np.float32).astype(np.float64).mean(0) - safe[:, j, k].astype(np.float32).astype(
        np.float64
    ).mean(0)
    assert direction.vector.dtype == np.float64
    np.testing.assert_allclose(direction.vector, expected, rtol=0, atol=1e-12)
    # Margins: 0 at the safe mean, 1 at the unsafe mean, linear in between.
    assert direction.margin(safe[:, j, k]).mean() == pytest.approx(0.0, abs=1e-9)
    assert direction.margin(unsafe[:, j, k]).mean() == pytest.approx(1.0, abs=1e-9)
    mid = (safe[:, j, k].mean(0) + unsafe[:, j, k].mean(0)) / 2
    assert float(direction.margin(mid)) == pytest.approx(0.5, abs=1e-9)


def test_restricting_layer_and_position_limits_the_sweep() -> None:
    safe, unsafe, _ = synthetic(30, planted_layer=3, gap=4.0)
    direction = fit_direction(safe, unsafe, LAYERS, POSITIONS, split_for(30), layer=1)
    assert direction.layer == 1
    assert {c.layer for c in direction.sweep} == {1}
    with pytest.raises(ConfigError, match="layer 9 was not captured"):
        fit_direction(safe, unsafe, LAYERS, POSITIONS, split_for(30), layer=9)


def test_identical_classes_are_an_error_not_a_direction() -> None:
    acts = np.ones((4, len(LAYERS), len(POSITIONS), HIDDEN))
    with pytest.raises(ConfigError, match="identical activations"):
        fit_direction(acts, acts.copy(), LAYERS, POSITIONS, split_for(4))


def test_held_out_split_keeps_pairs_together_and_is_stable() -> None:
    n = 40
    safe = as_prompts([f"safe {i}" for i in range(n)])
    unsafe = as_prompts([f"unsafe {i}" for i in range(n)])
    pairs = [(i, i) for i in range(n)]
    split = held_out_split(safe, unsafe, pairs=pairs)
    assert set(split.test_safe) == set(split.test_unsafe)  # twins are held out together
    assert 0 < len(split.test_safe) < n
    assert set(split.train_safe).isdisjoint(split.test_safe)
    assert 0.05 < len(split.test_safe) / n < 0.5
    # Adding prompts does not move existing ones between sides (hash-based, not positional).
    more = held_out_split(
        safe + as_prompts(["safe extra"]), unsafe + as_prompts(["unsafe extra"]), pairs=[*pairs, (n, n)]
    )
    assert set(split.test_safe) <= set(more.test_safe)
    assert set(more.test_safe) - set(split.test_safe) <= {n}
    # Reordering the prompts changes indices, not which prompts are held out.
    reordered = held_out_split(safe[::-1], unsafe[::-1], pairs=pairs)
    assert {n - 1 - i for i in reordered.test_safe} == set(split.test_safe)


def test_held_out_split_with_tiny_sets() -> None:
    one = held_out_split(as_prompts(["a"]), as_prompts(["b", "c"]))
    assert one.held_out == 0
    assert one.train_safe == (0,)
    assert one.train_unsafe == (0, 1)
    two = held_out_split(as_prompts(["a", "b"]), as_prompts(["c", "d"]))
    assert len(two.test_safe) == 1
    assert len(two.train_safe) == 1


def test_auroc_values() -> None:
    assert auroc(np.array([0.0, 1.0]), np.array([2.0, 3.0])) == 1.0
    assert auroc(np.array([2.0, 3.0]), np.array([0.0, 1.0])) == 0.0
    assert auroc(np.array([1.0]), np.array([1.0])) == 0.5
    assert math.isnan(auroc(np.array([]), np.array([1.0])))


def test_metadata_round_trip_and_cosine() -> None:
    safe, unsafe, _ = synthetic(20, planted_layer=2, gap=3.0)
    direction = fit_direction(safe, unsafe, LAYERS, POSITIONS, split_for(20)).with_identity(
        "model-x", {"safe": "s", "unsafe": "u"}
    )
    again = RefusalDirection.from_metadata(direction.metadata(), direction.vector)
    assert again == direction or (
        np.array_equal(again.vector, direction.vector) and again.metadata() == direction.metadata()
    )
    assert direction.cosine(direction) == pytest.approx(1.0)
    assert direction.cosine(-direction.vector) == pytest.approx(-1.0)
    assert math.isnan(direction.cosine(np.ones(3)))


def test_data_hash_ignores_order_but_not_content() -> None:
    a = as_prompts(["one", "two"])
    assert data_hash(a) == data_hash(a[::-1])
    assert data_hash(a) != data_hash(as_prompts(["one", "two!"]))
