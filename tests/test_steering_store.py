"""The on-disk direction cache: safetensors vector plus JSON metadata, keyed by model and data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("safetensors")

from pytest_overrefusal.steering.direction import Candidate, RefusalDirection
from pytest_overrefusal.steering.store import DirectionStore, direction_key


def make_direction() -> RefusalDirection:
    rng = np.random.default_rng(3)
    return RefusalDirection(
        vector=rng.standard_normal(16),
        layer=5,
        position=-2,
        safe_mean=-0.25,
        unsafe_mean=1.75,
        model="hf:gguf-sha256=abc",
        data={"safe": "s" * 64, "unsafe": "u" * 64},
        n_safe=10,
        n_unsafe=10,
        held_out=3,
        sweep=(Candidate(5, -2, 2.5, 0.9, 1.2), Candidate(6, -1, float("inf"), 1.0, 1.1)),
        safe_score=-3.0,
        unsafe_score=-1.0,
    )


def key(**change: object) -> str:
    args: dict[str, object] = {
        "model": "hf:gguf-sha256=abc",
        "safe": "s",
        "unsafe": "u",
        "layers": [1, 2],
        "positions": [-1],
        "held_out": 0.25,
    }
    args.update(change)
    return direction_key(**args)  # type: ignore[arg-type]


def test_round_trip_is_exact(tmp_path: Path) -> None:
    store = DirectionStore(tmp_path)
    direction = make_direction()
    k = key()
    tensor_path, meta_path = store.save(k, direction)
    assert tensor_path.suffix == ".safetensors"
    assert meta_path.suffix == ".json"
    meta = json.loads(meta_path.read_text())
    for field in ("model", "layer", "position", "data", "sweep", "safe_mean", "unsafe_mean", "vector_sha256"):
        assert field in meta
    assert meta["layer"] == 5
    assert meta["position"] == -2
    assert meta["data"]["safe"] == "s" * 64
    loaded = store.load(k, "hf:gguf-sha256=abc")
    assert loaded is not None
    assert np.array_equal(loaded.vector, direction.vector)
    assert loaded.vector.dtype == np.float64
    assert loaded.metadata() == direction.metadata()
    from safetensors.numpy import load_file

    assert np.array_equal(load_file(str(tensor_path))["direction"], direction.vector)


def test_key_depends_on_everything_that_changes_the_direction() -> None:
    base = key()
    changed = [
        key(model="hf:other"),
        key(safe="s2"),
        key(unsafe="u2"),
        key(layers=[2]),
        key(positions=[-2, -1]),
        key(held_out=0.5),
        key(scoring={"openers": ["Sorry"]}),
    ]
    assert len({base, *changed}) == len(changed) + 1
    assert key() == base


def test_unreadable_or_foreign_entries_are_misses(tmp_path: Path) -> None:
    store = DirectionStore(tmp_path)
    direction = make_direction()
    k = key()
    tensor_path, meta_path = store.save(k, direction)
    assert store.load(k, "another-model") is None
    assert store.load(key(safe="other"), "hf:gguf-sha256=abc") is None
    tensor_path.write_bytes(tensor_path.read_bytes()[:20])
    assert store.load(k, "hf:gguf-sha256=abc") is None
    store.save(k, direction)
    meta = json.loads(meta_path.read_text())
    meta["vector_sha256"] = "0" * 64
    meta_path.write_text(json.dumps(meta))
    assert store.load(k, "hf:gguf-sha256=abc") is None
    meta_path.write_text("{not json")
    assert store.load(k, "hf:gguf-sha256=abc") is None
