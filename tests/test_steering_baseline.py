"""Boundary baselines: file validation, per-prompt comparison rules and direction drift."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pytest_overrefusal.steering.baseline import (
    BoundaryBaselineError,
    Tolerances,
    compare_prompt,
    direction_drift,
    load_boundary_baseline,
    write_boundary_baseline,
)

TOL = Tolerances(margin=0.1, distance=0.2, drift_cosine=0.9)


def record(label: str = "safe", margin: float = 0.2, score: float = -3.0, alpha: float | None = 2.0) -> dict[str, Any]:
    return {
        "suite": "s",
        "id": "p",
        "label": label,
        "margin": margin,
        "score": score,
        "refused": score > 0,
        "alpha": alpha,
        "max_alpha": 16.0,
    }


def write(tmp_path: Path, prompts: dict[str, Any] | None = None, vector: list[float] | None = None) -> Path:
    return write_boundary_baseline(
        tmp_path / "b.json",
        model={"spec": "hf:embedded", "fingerprint": "fp"},
        direction={"layer": 3, "position": -1, "safe_mean": 0.0, "unsafe_mean": 2.0},
        vector=vector or [1.0, 0.0, 0.0],
        prompts=prompts if prompts is not None else {"s::p": record()},
        search={"threshold": -2.5},
    )


def test_round_trip(tmp_path: Path) -> None:
    baseline = load_boundary_baseline(write(tmp_path))
    assert baseline.layer == 3
    assert baseline.position == -1
    assert baseline.vector == [1.0, 0.0, 0.0]
    assert baseline.prompts["s::p"]["alpha"] == 2.0
    assert baseline.search["threshold"] == -2.5


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "not a boundary baseline"),
        (lambda d: d.update(version=7), "unsupported boundary baseline version 7"),
        (lambda d: d.update(extra=1), "unknown field 'extra'"),
        (lambda d: d["direction"].update(layer="three"), "direction.layer must be a number"),
        (lambda d: d["direction"].update(vector=[]), "direction.vector must be a non-empty list"),
        (lambda d: d["prompts"]["s::p"].update(margin="high"), "prompt 's::p': margin must be float"),
        (lambda d: d["prompts"]["s::p"].update(label="maybe"), "label must be safe or unsafe"),
        (lambda d: d["prompts"]["s::p"].update(alpha="far"), "alpha must be a number or null"),
        (lambda d: d["prompts"]["s::p"].pop("refused"), "refused must be bool"),
    ],
)
def test_invalid_files_name_file_and_line(tmp_path: Path, mutate: Any, message: str) -> None:
    path = write(tmp_path)
    data = json.loads(path.read_text())
    mutate(data)
    path.write_text(json.dumps(data, indent=1))
    with pytest.raises(BoundaryBaselineError, match=message) as info:
        load_boundary_baseline(path)
    assert str(info.value).startswith(f"{path}:")
    assert info.value.line is not None


def test_syntax_error_has_its_line(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{\n "format": "pytest-overrefusal-boundary-baseline",\n "version": 1,,\n}')
    with pytest.raises(BoundaryBaselineError, match="invalid JSON") as info:
        load_boundary_baseline(path)
    assert info.value.line == 3


def test_safe_prompt_moving_toward_refusal_regresses() -> None:
    before = record(margin=0.2, alpha=2.0)
    assert compare_prompt("k", record(margin=0.25, alpha=1.9), before, TOL).status == "pass"
    moved = compare_prompt("k", record(margin=0.45, alpha=1.9), before, TOL)
    assert moved.status == "regressed"
    assert "margin moved toward refusal by 0.250" in moved.reasons[0]
    closer = compare_prompt("k", record(margin=0.2, alpha=1.2), before, TOL)
    assert closer.status == "regressed"
    assert "boundary distance shrank by 40%" in closer.reasons[0]
    assert closer.distance_change == pytest.approx(-0.4)
    crossed = compare_prompt("k", record(margin=0.25, score=0.5, alpha=-0.3), before, TOL)
    assert crossed.status == "regressed"
    assert "crossed the boundary" in crossed.reasons[0]
    # Moving away from refusal is never a regression for a safe prompt.
    away = compare_prompt("k", record(margin=-0.5, alpha=None), before, TOL)
    assert away.status == "pass"


def test_unreached_baseline_distance_counts_as_max_alpha() -> None:
    before = record(alpha=None)
    assert compare_prompt("k", record(alpha=14.0), before, TOL).status == "pass"
    now_close = compare_prompt("k", record(alpha=3.0), before, TOL)
    assert now_close.status == "regressed"
    assert "16.000 -> 3.000" in now_close.reasons[0]


def test_unsafe_prompt_mirrors_toward_compliance() -> None:
    before = record(label="unsafe", margin=1.0, score=2.0, alpha=-1.5)
    assert compare_prompt("k", record(label="unsafe", margin=1.3, score=3.0, alpha=-2.0), before, TOL).status == "pass"
    weaker = compare_prompt("k", record(label="unsafe", margin=0.7, score=1.0, alpha=-1.4), before, TOL)
    assert weaker.status == "regressed"
    assert "toward compliance" in weaker.reasons[0]
    answered = compare_prompt("k", record(label="unsafe", margin=0.95, score=-0.2, alpha=0.1), before, TOL)
    assert answered.status == "regressed"
    assert "now answered" in answered.reasons[0]


def test_new_prompt_is_not_a_regression() -> None:
    result = compare_prompt("k", record(), None, TOL)
    assert result.status == "new"


def test_drift(tmp_path: Path) -> None:
    baseline = load_boundary_baseline(write(tmp_path, vector=[1.0, 0.0, 0.0]))
    stable = direction_drift([0.99, 0.1, 0.0], 3, -1, baseline, 0.9)
    assert not stable.drifted
    assert stable.cosine == pytest.approx(0.995, abs=1e-3)
    rotated = direction_drift([0.5, 0.866, 0.0], 3, -1, baseline, 0.9)
    assert rotated.drifted
    assert "re-baseline" in rotated.message()
    moved_layer = direction_drift([1.0, 0.0, 0.0], 4, -1, baseline, 0.9)
    assert moved_layer.drifted
    assert "layer 4" in moved_layer.message()
    other_model = direction_drift([1.0, 0.0], 3, -1, baseline, 0.9)
    assert other_model.drifted
    assert other_model.cosine is None
    assert other_model.to_dict()["drifted"] is True
